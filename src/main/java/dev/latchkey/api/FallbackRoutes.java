package dev.latchkey.api;

import io.vertx.core.json.Json;
import io.vertx.ext.web.Router;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

/**
 * The last route: any path no resource answers gets the API's JSON 404 instead of the framework's
 * default page.
 */
@Singleton
public class FallbackRoutes {
    void install(@Observes Router router) {
        router.route().last().handler(ctx -> {
            if (ctx.response().ended()) {
                return;
            }
            ctx.response().setStatusCode(404)
                    .putHeader("Content-Type", "application/json")
                    .end(Json.encode(ApiError.of(404, "nothing at " + ctx.request().method() + " "
                            + ctx.request().path())));
        });
    }
}
