package dev.latchkey.ui;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * Framing, referrer and caching protection on everything the authorization endpoint answers: its pages
 * and its redirects (which carry codes). No CORS here, on purpose.
 */
public class PageHeaders {
    static final String CSP = "default-src 'none'; style-src 'self'; img-src 'self'; base-uri 'none'; "
            + "frame-ancestors 'none'";

    @ServerResponseFilter
    public void secure(ContainerRequestContext request, ContainerResponseContext response) {
        if (!request.getUriInfo().getPath().startsWith("/oauth2/authorize")) {
            return;
        }
        var headers = response.getHeaders();
        headers.putSingle("X-Frame-Options", "DENY");
        headers.putSingle("Content-Security-Policy", CSP);
        headers.putSingle("Referrer-Policy", "no-referrer");
        headers.putSingle("X-Content-Type-Options", "nosniff");
        headers.putSingle("Cache-Control", "no-store");
        headers.putSingle("Pragma", "no-cache");
    }
}
