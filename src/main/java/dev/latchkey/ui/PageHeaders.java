package dev.latchkey.ui;

import jakarta.ws.rs.container.ContainerResponseContext;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

import java.util.Map;

/**
 * Framing, referrer and caching protection on everything the authorization endpoint answers: its pages
 * and its redirects (which carry codes). No CORS here, on purpose.
 */
public class PageHeaders {
    public static final Map<String, String> HEADERS = Map.of(
            "X-Frame-Options", "DENY",
            "Content-Security-Policy", "default-src 'none'; style-src 'self'; img-src 'self'; base-uri 'none'; "
                    + "frame-ancestors 'none'",
            "Referrer-Policy", "no-referrer",
            "X-Content-Type-Options", "nosniff",
            "Cache-Control", "no-store",
            "Pragma", "no-cache");

    @ServerResponseFilter
    @BrowserPage
    public void secure(ContainerResponseContext response) {
        HEADERS.forEach(response.getHeaders()::putSingle);
    }
}
