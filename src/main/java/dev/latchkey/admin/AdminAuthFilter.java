package dev.latchkey.admin;

import dev.latchkey.http.ApiError;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/** {@code Authorization: Bearer <admin API key>} on every management API resource. */
public class AdminAuthFilter {
    private static final String PREFIX = "Bearer ";

    private final AdminKey adminKey;

    public AdminAuthFilter(AdminKey adminKey) {
        this.adminKey = adminKey;
    }

    @ServerRequestFilter
    @ManagementApi
    public RestResponse<ApiError> authenticate(ContainerRequestContext request) {
        String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        String problem;
        if (header == null) {
            problem = "missing Authorization header; send 'Authorization: Bearer <admin API key>'";
        } else if (!header.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
            problem = "the Authorization header must use the Bearer scheme with the admin API key";
        } else if (!adminKey.matches(header.substring(PREFIX.length()).trim())) {
            problem = "the admin API key is not valid";
        } else {
            return null;
        }
        RestResponse<ApiError> response = ApiError.response(401, problem);
        response.getHeaders().putSingle(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"latchkey\"");
        return response;
    }
}
