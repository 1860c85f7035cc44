package dev.latchkey.api;

import dev.latchkey.flow.oidc.UserInfoFlow;
import dev.latchkey.flow.oidc.UserInfoFlow.Answer;
import dev.latchkey.http.Bearer;
import dev.latchkey.http.ApiError;
import dev.latchkey.http.FormBody;
import dev.latchkey.http.Paths;
import dev.latchkey.policy.DpopPolicy;
import dev.latchkey.policy.Parameters;
import dev.latchkey.policy.Refusal;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;
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
    public Response get(@Context HttpHeaders headers) {
        return answer(flow.userInfo(presented(headers, "GET", null)));
    }

    @POST
    @Operation(summary = "The signed-in user's claims, the token in the header or the form")
    public Response post(@Context HttpHeaders headers, @HeaderParam(HttpHeaders.CONTENT_TYPE) String type,
                         byte[] body) {
        String fromHeader = presented(headers, "POST", null).token();
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
        return answer(flow.userInfo(presented(headers, "POST", fromForm)));
    }

    /** The token from the header (Bearer or DPoP scheme), else {@code fromForm}, with the DPoP proofs. */
    private static UserInfoFlow.Presented presented(HttpHeaders headers, String method, String fromForm) {
        String authorization = headers.getHeaderString(HttpHeaders.AUTHORIZATION);
        String dpop = Bearer.token(authorization, Bearer.DPOP);
        String bearer = Bearer.token(authorization);
        List<String> proofs = headers.getRequestHeader(TokenResource.DPOP);
        return new UserInfoFlow.Presented(dpop != null ? dpop : bearer != null ? bearer : fromForm, dpop != null,
                proofs == null ? List.of() : proofs, method);
    }

    private Response answer(Answer answer) {
        if (answer instanceof Answer.Claims claims) {
            return Response.ok(claims.claims(), MediaType.APPLICATION_JSON_TYPE).header("Cache-Control", "no-store")
                    .build();
        }
        if (answer instanceof Answer.Unauthorized u) {
            if (u.dpop()) {
                Response.ResponseBuilder r = error(401, u.description(), challenge(Bearer.DPOP, u.error(),
                        u.description()) + ", algs=\"" + String.join(" ", DpopPolicy.ALGORITHMS) + "\"");
                if ("use_dpop_nonce".equals(u.error())) {
                    flow.dpopNonce().ifPresent(n -> r.header(TokenResource.DPOP_NONCE, n));
                }
                return r.build();
            }
            return error(401, u.description(), u.error() == null
                    ? BEARER + ", " + Bearer.DPOP + " algs=\"" + String.join(" ", DpopPolicy.ALGORITHMS) + "\""
                    : challenge(BEARER, u.error(), u.description())).build();
        }
        Answer.Forbidden f = (Answer.Forbidden) answer;
        return error(403, f.description(), challenge(BEARER, "insufficient_scope", f.description())
                + ", scope=\"openid\"").build();
    }

    private static Response invalidRequest(String description) {
        return error(400, description, challenge(BEARER, "invalid_request", description)).build();
    }

    /** RFC 6750 §3: error and error_description as quoted strings (our descriptions hold no quote or backslash). */
    private static String challenge(String scheme, String error, String description) {
        String safe = description == null ? "" : description.replaceAll("[^\\x20-\\x7e]|[\"\\\\]", "?");
        return scheme + " error=\"" + error.toLowerCase(Locale.ROOT) + "\", error_description=\"" + safe + "\"";
    }

    private static Response.ResponseBuilder error(int status, String description, String challenge) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(ApiError.of(status, description))
                .header(HttpHeaders.WWW_AUTHENTICATE, challenge).header("Cache-Control", "no-store");
    }
}
