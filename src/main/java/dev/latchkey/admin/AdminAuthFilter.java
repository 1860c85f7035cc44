package dev.latchkey.admin;

import dev.latchkey.config.LatchkeyConfig;
import dev.latchkey.flow.FailureLimiter;
import dev.latchkey.flow.Throttle;
import dev.latchkey.http.ClientAddress;
import dev.latchkey.http.ApiError;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import java.time.Duration;
import java.util.Optional;

/**
 * {@code Authorization: Bearer <admin API key>} on every management API resource. Wrong keys are counted per
 * address; an address over its limit is refused (429) until the window ends, whatever key it sends.
 */
public class AdminAuthFilter {
    private static final String PREFIX = "Bearer ";

    private final AdminKey adminKey;
    private final FailureLimiter limiter;
    private final LatchkeyConfig.Admin limits;

    public AdminAuthFilter(AdminKey adminKey, FailureLimiter limiter, LatchkeyConfig config) {
        this.adminKey = adminKey;
        this.limiter = limiter;
        this.limits = config.admin();
    }

    @ServerRequestFilter
    @ManagementApi
    public RestResponse<ApiError> authenticate(ContainerRequestContext request, HttpServerRequest http) {
        String address = ClientAddress.of(http);
        String key = Throttle.key("admin-addr", address);
        Optional<Duration> wait = limiter.blocked(key);
        if (wait.isPresent()) {
            RestResponse<ApiError> response = ApiError.response(429, "too many wrong admin API keys from this address;"
                    + " retry after " + wait.get().getSeconds() + " s");
            response.getHeaders().putSingle("Retry-After", String.valueOf(wait.get().getSeconds()));
            return response;
        }
        String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        String problem;
        if (header == null) {
            problem = "missing Authorization header; send 'Authorization: Bearer <admin API key>'";
        } else if (!header.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
            problem = "the Authorization header must use the Bearer scheme with the admin API key";
        } else if (!adminKey.matches(header.substring(PREFIX.length()).trim())) {
            problem = "the admin API key is not valid";
            limiter.fail(key, limits.maxFailuresPerAddress(), limits.throttleWindow());
        } else {
            return null;
        }
        RestResponse<ApiError> response = ApiError.response(401, problem);
        response.getHeaders().putSingle(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"latchkey\"");
        return response;
    }
}
