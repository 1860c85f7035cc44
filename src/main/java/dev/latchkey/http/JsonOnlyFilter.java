package dev.latchkey.http;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * The management API speaks JSON whatever the {@code Accept} header asks (RFC 9110 §12.5.1 lets a
 * server disregard it), so a browser or a tool sending {@code Accept: text/html} still gets an answer.
 */
public class JsonOnlyFilter {
    @ServerRequestFilter(preMatching = true)
    public void acceptJson(ContainerRequestContext request) {
        if (Paths.under(request.getUriInfo().getPath(), Paths.API)) {
            request.getHeaders().putSingle(HttpHeaders.ACCEPT, MediaType.APPLICATION_JSON);
        }
    }
}
