package dev.latchkey.admin;

import dev.latchkey.flow.Page;
import dev.latchkey.policy.InvalidInput;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.resteasy.reactive.RestResponse;

import java.util.List;
import java.util.function.Function;

/**
 * Cursor paging for lists: {@code ?limit=} (1 to 200, default 50) and {@code ?after=} (the last item of
 * the previous page). The body is the JSON array of the page; a {@code Link: <...>; rel="next"}
 * header points at the next page when there is one.
 */
final class Paging {
    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 200;

    private Paging() {
    }

    static int limit(String limit) {
        if (limit == null || limit.isEmpty()) {
            return DEFAULT_LIMIT;
        }
        try {
            int value = Integer.parseInt(limit);
            if (value >= 1 && value <= MAX_LIMIT) {
                return value;
            }
        } catch (NumberFormatException e) {
            // described below
        }
        throw new InvalidInput("limit must be a whole number from 1 to " + MAX_LIMIT);
    }

    static <T, R> RestResponse<List<R>> response(Page<T> page, Function<T, R> dto, UriInfo uri, Links links) {
        var builder = RestResponse.ResponseBuilder.ok(page.items().stream().map(dto).toList());
        if (page.nextAfter() != null) {
            builder.header("Link", "<" + links.next(uri, page.nextAfter()) + ">; rel=\"next\"");
        }
        return builder.build();
    }

}
