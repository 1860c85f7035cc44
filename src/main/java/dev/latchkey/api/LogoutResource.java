package dev.latchkey.api;

import dev.latchkey.flow.oidc.LogoutFlow;
import dev.latchkey.flow.oidc.LogoutFlow.Outcome;
import dev.latchkey.http.ClientAddress;
import dev.latchkey.http.FormBody;
import dev.latchkey.http.FormEncoding;
import dev.latchkey.http.Paths;
import dev.latchkey.policy.LogoutPolicy;
import dev.latchkey.policy.Parameters;
import dev.latchkey.policy.Refusal;
import dev.latchkey.ui.BrowserPage;
import dev.latchkey.ui.BrowserSession;
import dev.latchkey.ui.PageResponses;
import dev.latchkey.ui.Pages;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import static dev.latchkey.ui.PageResponses.page;

/**
 * {@code /oauth2/logout}, the {@code end_session_endpoint} (OpenID Connect RP-Initiated Logout 1.0): by GET
 * or form POST from the app, and the confirmation form this server shows. Translates HTTP only.
 */
@Path(Paths.LOGOUT)
@BrowserPage
@Tag(name = "openid")
public class LogoutResource {

    private final LogoutFlow flow;
    private final BrowserSession session;

    public LogoutResource(LogoutFlow flow, BrowserSession session) {
        this.flow = flow;
        this.session = session;
    }

    @GET
    @Operation(summary = "RP-initiated logout")
    public Response get(@Context UriInfo uri, @Context HttpHeaders headers, @Context HttpServerRequest http) {
        String cookie = session.value(headers);
        return asPage(() -> {
            Parameters query = FormBody.query(uri.getRequestUri().getRawQuery());
            return answer(query, flow.logout(query, cookie, false, ClientAddress.of(http)), cookie,
                    Response.Status.FOUND);
        });
    }

    /** From the app (a form post of the same parameters), or the user's answer to the confirmation form. */
    @POST
    @Operation(summary = "RP-initiated logout sent as a form, or its confirmation")
    public Response post(byte[] body, @HeaderParam(HttpHeaders.CONTENT_TYPE) String type,
                         @Context HttpHeaders headers, @Context HttpServerRequest http) {
        String cookie = session.value(headers);
        return asPage(() -> {
            Parameters form = FormBody.parse(type, body);
            boolean confirmation = form.has(BrowserSession.CSRF_FIELD);
            if (confirmation && !session.formValid(headers, cookie, form.get(BrowserSession.CSRF_FIELD))) {
                return page(400, Pages.error("This form has expired",
                        "The form's security token is missing or does not match this browser. You are still "
                                + "signed in; go back to the application and sign out again.")).build();
            }
            return answer(form, flow.logout(form, cookie, confirmation && "yes".equals(form.get("confirm")),
                    ClientAddress.of(http)), cookie, Response.Status.SEE_OTHER);
        });
    }

    private Response answer(Parameters request, Outcome outcome, String cookie, Response.Status redirectStatus) {
        if (outcome instanceof Outcome.Refused refused) {
            return page(400, Pages.error("This sign-out request cannot be completed", refused.description())).build();
        }
        if (outcome instanceof Outcome.Confirm confirm) {
            List<Pages.Hidden> carried = request.singles(LogoutPolicy.KNOWN).entrySet().stream()
                    .map(e -> new Pages.Hidden(e.getKey(), e.getValue())).toList();
            return page(200, Pages.confirmLogout(confirm.clientName(), carried, session.csrfToken(cookie))).build();
        }
        Outcome.SignedOut out = (Outcome.SignedOut) outcome;
        Response.ResponseBuilder response;
        if (out.redirectUri() == null) {
            response = page(200, Pages.signedOut(out.clientName()));
        } else {
            Map<String, String> params = new LinkedHashMap<>();
            if (out.state() != null) {
                params.put("state", out.state());
            }
            String separator = out.redirectUri().contains("?") ? "&" : "?";
            response = Response.status(redirectStatus).location(URI.create(params.isEmpty() ? out.redirectUri()
                    : out.redirectUri() + separator + FormEncoding.encode(params)));
        }
        return (cookie == null ? response : response.header(HttpHeaders.SET_COOKIE, session.clearCookie())).build();
    }

    /** A query or form that cannot be read: a page, never a redirect. */
    private static Response asPage(Supplier<Response> work) {
        try {
            return work.get();
        } catch (Refusal refusal) {
            return PageResponses.unreadable("This sign-out request cannot be completed", refusal);
        }
    }

}
