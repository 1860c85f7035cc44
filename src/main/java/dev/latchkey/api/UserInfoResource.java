package dev.latchkey.api;

import dev.latchkey.flow.oidc.UserInfoFlow;
import dev.latchkey.flow.oidc.UserInfoFlow.Answer;
import dev.latchkey.http.Bearer;
import dev.latchkey.http.ApiError;
import dev.latchkey.http.FormBody;
import dev.latchkey.http.Paths;
import dev.latchkey.policy.Parameters;
import dev.latchkey.policy.Refusal;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.Locale;
import java.util.Map;

/**
 * {@code /oauth2/userinfo} (OpenID Connect Core §5.3): the access token as a bearer token (RFC 6750 §2.1),
 * or on POST as the {@code access_token} form field (§2.2), never both. Errors carry the RFC 6750 §3
 * challenge and the API's {@code {"message", "description"}} body.
 */
@Path(Paths.USERINFO)
@Tag(name = "openid")
public class UserInfoResource {
    private static final String BEARER = "Bearer";

    private final UserInfoFlow flow;

    public UserInfoResource(UserInfoFlow flow) {
        this.flow = flow;
    }

    @GET
    @Operation(summary = "The signed-in user's claims (OpenID Connect Core §5.3)")
    public Response get(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        return answer(flow.userInfo(Bearer.token(authorization)));
    }

    @POST
    @Operation(summary = "The signed-in user's claims, the token in the header or the form")
    public Response post(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                         @HeaderParam(HttpHeaders.CONTENT_TYPE) String type, byte[] body) {
        String fromHeader = Bearer.token(authorization);
        String fromForm;
        try {
            Parameters form = body == null || body.length == 0 ? Parameters.single(Map.of())
                    : FormBody.parse(type, body);
            if (form.repeated("access_token")) {
                return invalidRequest("access_token is repeated");
            }
            fromForm = form.get("access_token");
        } catch (Refusal refusal) {
            return invalidRequest(refusal.description());
        }
        if (fromHeader != null && fromForm != null) {
            return invalidRequest("the access token was sent twice: in the Authorization header and in the form "
                    + "(RFC 6750 section 2: use one method)");
        }
        return answer(flow.userInfo(fromHeader != null ? fromHeader : fromForm));
    }

    private static Response answer(Answer answer) {
        if (answer instanceof Answer.Claims claims) {
            return Response.ok(claims.claims(), MediaType.APPLICATION_JSON_TYPE).header("Cache-Control", "no-store")
                    .build();
        }
        if (answer instanceof Answer.Unauthorized u) {
            return error(401, u.description(), u.error() == null ? BEARER : challenge(u.error(), u.description()));
        }
        Answer.Forbidden f = (Answer.Forbidden) answer;
        return error(403, f.description(), challenge("insufficient_scope", f.description()) + ", scope=\"openid\"");
    }

    private static Response invalidRequest(String description) {
        return error(400, description, challenge("invalid_request", description));
    }

    /** RFC 6750 §3: error and error_description as quoted strings (our descriptions hold no quote or backslash). */
    private static String challenge(String error, String description) {
        String safe = description == null ? "" : description.replaceAll("[^\\x20-\\x7e]|[\"\\\\]", "?");
        return BEARER + " error=\"" + error.toLowerCase(Locale.ROOT) + "\", error_description=\"" + safe + "\"";
    }

    private static Response error(int status, String description, String challenge) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(ApiError.of(status, description))
                .header(HttpHeaders.WWW_AUTHENTICATE, challenge).header("Cache-Control", "no-store").build();
    }
}
