package dev.latchkey.http;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.latchkey.policy.Quote;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** The OAuth error body (RFC 6749 §5.2), never cached; the description only in the characters §5.2 allows. */
public record OAuthError(@JsonProperty("error") String error,
                         @JsonProperty("error_description") String errorDescription) {

    public static Response.ResponseBuilder response(int status, String error, String description) {
        return Response.status(status)
                .type(MediaType.APPLICATION_JSON)
                .header("Cache-Control", "no-store")
                .header("Pragma", "no-cache")
                .entity(new OAuthError(error, Quote.safe(description)));
    }
}
