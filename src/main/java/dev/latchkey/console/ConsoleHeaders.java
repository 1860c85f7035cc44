package dev.latchkey.console;

import jakarta.ws.rs.container.ContainerResponseContext;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

import java.util.Map;

/**
 * The login pages' protection on every console answer, with the console's own script allowed (no inline
 * script or style anywhere, no other origin): framing, referrer, caching, form targets.
 */
public class ConsoleHeaders {
    static final Map<String, String> HEADERS = Map.of(
            "X-Frame-Options", "DENY",
            "Content-Security-Policy", "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
                    + "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
            "Referrer-Policy", "no-referrer",
            "X-Content-Type-Options", "nosniff",
            "Cache-Control", "no-store",
            "Pragma", "no-cache");

    @ServerResponseFilter
    @ConsolePage
    public void secure(ContainerResponseContext response) {
        HEADERS.forEach(response.getHeaders()::putSingle);
    }
}
