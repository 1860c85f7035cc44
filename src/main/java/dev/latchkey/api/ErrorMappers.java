package dev.latchkey.api;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import dev.latchkey.flow.NotFound;
import dev.latchkey.policy.InvalidInput;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import org.hibernate.exception.ConstraintViolationException;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Turns every failure into the documented error body: nothing reaches a client as a framework page,
 * a stack trace or an empty body. A 500 carries only an id that the log line also has.
 */
public class ErrorMappers {
    private static final Logger LOG = Logger.getLogger(ErrorMappers.class);

    /** Unique and foreign-key constraints whose violation is the client's doing, in its words. */
    private static final Map<String, String> CONSTRAINTS = Map.of(
            "scope_pkey", "a scope with this name already exists",
            "client_name_key", "a client with this name already exists",
            "app_user_username_key", "a user with this username already exists",
            "client_allowed_scope_scope_name_fkey", "a named scope was deleted meanwhile; check the scopes and retry");

    @ServerExceptionMapper
    public RestResponse<ApiError> invalid(InvalidInput e) {
        return ApiError.response(400, e.getMessage());
    }

    @ServerExceptionMapper
    public RestResponse<ApiError> notFound(NotFound e) {
        return ApiError.response(404, e.getMessage());
    }

    @ServerExceptionMapper
    public RestResponse<ApiError> constraint(ConstraintViolationException e) {
        String description = CONSTRAINTS.get(e.getConstraintName());
        if (description == null) {
            return unexpected(e);
        }
        return ApiError.response(400, description);
    }

    @ServerExceptionMapper
    public RestResponse<ApiError> json(JsonProcessingException e) {
        return ApiError.response(400, describe(e));
    }

    @ServerExceptionMapper
    public RestResponse<ApiError> jsonMismatch(MismatchedInputException e) {
        return ApiError.response(400, describe(e));
    }

    private final AllowedMethods allowedMethods;

    public ErrorMappers(AllowedMethods allowedMethods) {
        this.allowedMethods = allowedMethods;
    }

    @ServerExceptionMapper
    public RestResponse<ApiError> http(WebApplicationException e, HttpServerRequest request) {
        int status = e.getResponse().getStatus();
        if (status >= 500) {
            return unexpected(e);
        }
        if (e.getCause() instanceof JsonProcessingException json) {
            return ApiError.response(400, describe(json));
        }
        String description = switch (status) {
            case 404 -> "nothing at " + request.method() + " " + request.path();
            case 405 -> "method " + request.method() + " is not allowed on " + request.path();
            case 406 -> "this API answers application/json only";
            case 415 -> "the request body must be application/json";
            default -> e.getMessage();
        };
        RestResponse<ApiError> response = ApiError.response(status == 406 ? 400 : status, description);
        if (status == 405) {
            response.getHeaders().putSingle(HttpHeaders.ALLOW, allowedMethods.allow(request.path()));
        }
        return response;
    }

    @ServerExceptionMapper
    public RestResponse<ApiError> unexpected(Throwable e) {
        String id = UUID.randomUUID().toString();
        LOG.errorf(e, "Unexpected error %s", id);
        return ApiError.response(500, "unexpected server error; reference " + id);
    }

    static String describe(JsonProcessingException e) {
        if (e instanceof JsonParseException parse && parse.getMessage().startsWith("Duplicate field '")) {
            String message = parse.getOriginalMessage();
            return "field " + message.substring("Duplicate field ".length()) + " appears twice";
        }
        if (e instanceof JsonParseException parse) {
            var location = parse.getLocation();
            return "the body is not valid JSON (line " + location.getLineNr() + ", column "
                    + location.getColumnNr() + ")";
        }
        if (e instanceof JsonMappingException mapping) {
            String field = mapping.getPath().stream()
                    .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                    .collect(Collectors.joining(".")).replace(".[", "[");
            if (e instanceof UnrecognizedPropertyException unknown) {
                return "unknown field '" + unknown.getPropertyName() + "'";
            }
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
