package dev.latchkey.http;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import dev.latchkey.policy.NotFound;
import dev.latchkey.policy.InvalidInput;
import dev.latchkey.store.StoreException;
import io.vertx.core.http.HttpServerRequest;
import jakarta.persistence.PersistenceException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Turns every failure into the documented error format of the path it happened on: an HTML page under
 * {@code /oauth2/authorize} (a browser is there), OAuth JSON under {@code /oauth2/}, the API's
 * {@code {"message", "description"}} elsewhere. Nothing reaches a client as a framework page, a stack
 * trace or an empty body; a 500 carries only an id that the log line also has.
 */
public class ErrorMappers {
    private static final Logger LOG = Logger.getLogger(ErrorMappers.class);

    private final ErrorResponses responses;

    public ErrorMappers(ErrorResponses responses) {
        this.responses = responses;
    }

    @ServerExceptionMapper
    public Response invalid(InvalidInput e, HttpServerRequest request) {
        return respond(400, e.getMessage(), request);
    }

    @ServerExceptionMapper
    public Response notFound(NotFound e, HttpServerRequest request) {
        return respond(404, e.getMessage(), request);
    }

    @ServerExceptionMapper
    public Response store(StoreException e, HttpServerRequest request) {
        if (DatabaseUnavailable.is(e)) {
            return unexpected(e, request);
        }
        if (e.refusal() != null) {
            LOG.debugf("Refused by the store: %s", e.getMessage());
            return respond(400, e.refusal(), request);
        }
        return unexpected(e, request);
    }

    /** A failed statement of the entity model (Hibernate wraps the driver's exception). */
    @ServerExceptionMapper
    public Response persistence(PersistenceException e, HttpServerRequest request) {
        StoreException failed = StoreException.from(e);
        return failed != null ? store(failed, request) : unexpected(e, request);
    }

    @ServerExceptionMapper
    public Response json(JsonProcessingException e, HttpServerRequest request) {
        return respond(400, describe(e), request);
    }

    @ServerExceptionMapper
    public Response jsonMismatch(MismatchedInputException e, HttpServerRequest request) {
        return respond(400, describe(e), request);
    }

    @ServerExceptionMapper
    public Response http(WebApplicationException e, HttpServerRequest request) {
        int status = e.getResponse().getStatus();
        if (status >= 500) {
            return unexpected(e, request);
        }
        if (e.getCause() instanceof JsonProcessingException json) {
            return respond(400, describe(json), request);
        }
        String path = request.path();
        return switch (status) {
            case 404 -> respond(404, "nothing at " + request.method() + " " + path, request);
            case 405 -> respond(405, "method " + request.method() + " is not allowed on " + path, request);
            case 406 -> respond(400, "this endpoint answers application/json only", request);
            case 415 -> respond(415, Paths.under(path, Paths.OAUTH)
                    ? "the body must be application/x-www-form-urlencoded"
                    : "the request body must be application/json", request);
            default -> respond(status, e.getMessage(), request);
        };
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e, HttpServerRequest request) {
        if (DatabaseUnavailable.is(e)) {
            LOG.warnf("Database unavailable: %s", e.getMessage());
            return responses.unavailable(request.path());
        }
        String id = UUID.randomUUID().toString();
        LOG.errorf(e, "Unexpected error %s", id);
        return respond(500, "unexpected server error; reference " + id, request);
    }

    private Response respond(int status, String description, HttpServerRequest request) {
        return responses.respond(status, description, request.path());
    }

    static String describe(JsonProcessingException e) {
        if (e instanceof JsonParseException parse && parse.getOriginalMessage().startsWith("Duplicate field '")) {
            return "field " + parse.getOriginalMessage().substring("Duplicate field ".length()) + " appears twice";
        }
        if (e instanceof JsonParseException parse) {
            var location = parse.getLocation();
            return "the body is not valid JSON (line " + location.getLineNr() + ", column "
                    + location.getColumnNr() + ")";
        }
        if (e instanceof JsonMappingException mapping) {
            if (e instanceof UnrecognizedPropertyException unknown) {
                return "unknown field '" + unknown.getPropertyName() + "'";
            }
            String field = mapping.getPath().stream()
                    .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                    .collect(Collectors.joining(".")).replace(".[", "[");
            if (field.isEmpty()) {
                return "the body must be a JSON object";
            }
            if (e instanceof InvalidFormatException || e instanceof MismatchedInputException) {
                return "field '" + field + "' has the wrong type or format";
            }
            return "field '" + field + "' is invalid";
        }
        return "the body is not valid JSON";
    }
}
