package dev.latchkey.http;

import io.vertx.core.json.Json;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import jakarta.ws.rs.core.Response;

/**
 * What happens below the REST layer, in the path's error format: the last route answers a path no
 * resource serves (404), and the failure handler answers a request the router itself refused (a URL
 * with a malformed escape, say), which would otherwise get an empty body.
 */
@Singleton
public class FallbackRoutes {
    private final ErrorResponses responses;

    public FallbackRoutes(ErrorResponses responses) {
        this.responses = responses;
    }

    /** Any body: more is never read (quarkus.http.limits.max-body-size says the same for bodies of unknown length). */
    static final long MAX_BODY = 1024 * 1024;

    void install(@Observes Router router) {
        // Before anything reads the body: a declared length over the limit is refused at once, in the path's
        // format, and the connection closed, so none of it is buffered.
        router.route().order(Integer.MIN_VALUE).handler(ctx -> {
            long limit = Paths.under(ctx.request().path() == null ? "/" : ctx.request().path(), Paths.OAUTH)
                    ? FormBody.MAX_BYTES : MAX_BODY;
            String length = ctx.request().getHeader("Content-Length");
            if (length != null && declaredOver(length, limit)) {
                ctx.response().putHeader("Connection", "close");
                write(ctx, 413, "the request body is over " + limit + " bytes");
                return;
            }
            ctx.next();
        });
        router.route().last().handler(ctx -> write(ctx, 404, "nothing at " + ctx.request().method() + " "
                + ctx.request().path()));
        router.route().order(Integer.MIN_VALUE).failureHandler(ctx -> {
            int status = ctx.statusCode() >= 400 ? ctx.statusCode() : 500;
            if (status >= 500 || ctx.response().headWritten()) {
                ctx.next();
                return;
            }
            write(ctx, status, status == 400 ? "the request is malformed (check the URL's percent-encoding)"
                    : "the request was refused (" + status + ")");
        });
    }

    private static boolean declaredOver(String length, long limit) {
        try {
            return Long.parseLong(length.trim()) > limit;
        } catch (NumberFormatException e) {
            return false; // the HTTP codec refuses a malformed length itself
        }
    }

    private void write(RoutingContext ctx, int status, String description) {
        if (ctx.response().ended()) {
            return;
        }
        String path = ctx.request().path() == null ? "/" : ctx.request().path();
        Response error = responses.respond(status, description, path);
        ctx.response().setStatusCode(status);
        error.getStringHeaders().forEach((name, values) -> ctx.response().putHeader(name, values));
        if (error.getMediaType() != null) {
            ctx.response().putHeader("Content-Type", error.getMediaType().toString());
        }
        Object entity = error.getEntity();
        ctx.response().end(entity instanceof String text ? text : Json.encode(entity));
    }
}
