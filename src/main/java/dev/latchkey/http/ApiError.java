package dev.latchkey.http;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.RestResponse;

/** The error body of every non-OAuth API (README, Management API): {@code {"message": "404 Not Found", "description": "..."}}. */
public record ApiError(String message, String description) {

    public static ApiError of(int status, String description) {
        return new ApiError(status + " " + reason(status), description);
    }

    public static RestResponse<ApiError> response(int status, String description) {
        return RestResponse.ResponseBuilder.<ApiError>create(status).entity(of(status, description))
                .type(MediaType.APPLICATION_JSON_TYPE).build();
    }

    static String reason(int status) {
        return switch (status) {
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 415 -> "Unsupported Media Type";
            case 429 -> "Too Many Requests";
            case 502 -> "Bad Gateway";
            case 503 -> "Service Unavailable";
            case 504 -> "Gateway Timeout";
            default -> {
                Response.Status known = Response.Status.fromStatusCode(status);
                yield known != null ? known.getReasonPhrase() : "Error";
            }
        };
    }
}
