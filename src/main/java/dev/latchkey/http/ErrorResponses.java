package dev.latchkey.http;

import dev.latchkey.ui.PageHeaders;
import dev.latchkey.ui.Pages;
import jakarta.inject.Singleton;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * An error answer in the format of the path it is for: an HTML page under {@code /oauth2/authorize} and
 * {@code /oauth2/logout} (a browser is there), OAuth JSON elsewhere under {@code /oauth2/} but for userinfo,
 * the API's {@code {"message", "description"}} everywhere else. A 405 lists the allowed methods.
 */
@Singleton
public class ErrorResponses {

    private final AllowedMethods allowedMethods;

    public ErrorResponses(AllowedMethods allowedMethods) {
        this.allowedMethods = allowedMethods;
    }

    public Response respond(int status, String description, String path) {
        Response.ResponseBuilder response;
        if (Paths.isPage(path)) {
            response = Response.status(status).type(MediaType.TEXT_HTML + ";charset=UTF-8")
                    .entity(Pages.error(status >= 500 ? "Something went wrong" : "This request cannot be completed",
                            description).render());
            PageHeaders.HEADERS.forEach(response::header);
        } else if (Paths.isOAuthJson(path)) {
            response = OAuthError.response(status, status >= 500 ? "server_error" : "invalid_request", description);
        } else {
            response = Response.status(status).type(MediaType.APPLICATION_JSON).entity(ApiError.of(status, description));
        }
        if (status == 405) {
            response.header(HttpHeaders.ALLOW, allowedMethods.allow(path));
        }
        return response.build();
    }

    /** 503 with Retry-After in the path's format: the database cannot be reached (docs/errors.md). */
    public Response unavailable(String path) {
        Response r = respond(503, "the service is temporarily unavailable (its database cannot be reached); "
                + "retry in a few seconds", path);
        return Response.fromResponse(r).header("Retry-After", DatabaseUnavailable.RETRY_AFTER_SECONDS).build();
    }

    public String allow(String path) {
        return allowedMethods.allow(path);
    }
}
