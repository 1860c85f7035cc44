package dev.latchkey.http;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import java.util.List;

/**
 * Only the methods a resource declares (and HEAD where GET is). JAX-RS would answer OPTIONS by itself,
 * and HEAD on POST-only paths; here they get the same 405 as any other wrong method (no CORS anywhere).
 */
public class MethodFilter {
    private final ErrorResponses responses;

    public MethodFilter(ErrorResponses responses) {
        this.responses = responses;
    }

    @ServerRequestFilter(preMatching = true)
    public Response methods(ContainerRequestContext request) {
        String method = request.getMethod();
        if (!method.equals("OPTIONS") && !method.equals("HEAD")) {
            return null;
        }
        String path = request.getUriInfo().getPath();
        String allow = responses.allow(path);
        if (allow.isEmpty()) {
            return null; // no such path: the 404 follows
        }
        if (method.equals("OPTIONS") || !List.of(allow.split(", ")).contains("GET")) {
            return responses.respond(405, "method " + method + " is not allowed on " + path, path);
        }
        return null;
    }
}
