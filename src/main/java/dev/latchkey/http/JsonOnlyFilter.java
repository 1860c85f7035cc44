package dev.latchkey.http;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * The JSON APIs speak JSON whatever the {@code Accept} header asks (RFC 9110 §12.5.1 lets a server disregard
 * it), so a browser or a tool sending {@code Accept: text/html} still gets an answer; and they take only
 * JSON: a body sent without a {@code Content-Type} is refused with 415, not guessed at.
 */
public class JsonOnlyFilter {
    private final ErrorResponses responses;

    public JsonOnlyFilter(ErrorResponses responses) {
        this.responses = responses;
    }

    @ServerRequestFilter(preMatching = true)
    public Response jsonOnly(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        if (!Paths.under(path, Paths.API)) {
            return null;
        }
        request.getHeaders().putSingle(HttpHeaders.ACCEPT, MediaType.APPLICATION_JSON);
        String type = request.getHeaderString(HttpHeaders.CONTENT_TYPE);
        if ((type == null || type.isBlank()) && hasBody(request)) {
            return responses.respond(415, "the request body must be application/json (no Content-Type was sent)", path);
        }
        return null;
    }

    private static boolean hasBody(ContainerRequestContext request) {
        String length = request.getHeaderString(HttpHeaders.CONTENT_LENGTH);
        return length != null ? !length.trim().equals("0") : request.getHeaderString("Transfer-Encoding") != null;
    }
}
