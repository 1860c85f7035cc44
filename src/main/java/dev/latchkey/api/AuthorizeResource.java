package dev.latchkey.api;

import dev.latchkey.http.ClientAddress;
import dev.latchkey.http.FormBody;
import dev.latchkey.http.Paths;
import dev.latchkey.ui.BrowserPage;
import dev.latchkey.http.FormEncoding;

import dev.latchkey.config.Issuer;
import dev.latchkey.config.LatchkeyConfig;
import dev.latchkey.flow.AuthorizeFlow;
import dev.latchkey.flow.AuthorizeFlow.LoginResult;
import dev.latchkey.flow.AuthorizeFlow.Step;
import dev.latchkey.policy.Quote;
import dev.latchkey.policy.AuthorizeDecision;
import dev.latchkey.policy.AuthorizeRequest;
import dev.latchkey.policy.OpenIdRequest;
import dev.latchkey.policy.Parameters;
import dev.latchkey.policy.Refusal;
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

import static dev.latchkey.ui.PageResponses.page;

/**
 * {@code /oauth2/authorize} (RFC 6749 §4.1.1): the request by GET or form POST, and the login and
 * consent forms below it. Translates HTTP only; {@link AuthorizeFlow} decides.
 */
@Path(Paths.AUTHORIZE)
@BrowserPage
@Tag(name = "oauth2")
public class AuthorizeResource {
    private static final String LOGIN = Paths.AUTHORIZE + "/login";
    private static final String START_AGAIN = "go back to the application and start again.";

    private final AuthorizeFlow flow;
    private final BrowserSession session;
    private final Issuer issuer;
    private final LatchkeyConfig config;

    public AuthorizeResource(AuthorizeFlow flow, BrowserSession session, Issuer issuer, LatchkeyConfig config) {
        this.flow = flow;
        this.session = session;
        this.issuer = issuer;
        this.config = config;
    }

    @GET
    @Operation(summary = "Authorization request (browser)")
    public Response get(@Context UriInfo uri, @Context HttpHeaders headers) {
        String cookie = session.value(headers);
        return malformedAsPage(() -> {
            AuthorizeRequest request = new AuthorizeRequest(FormBody.query(uri.getRequestUri().getRawQuery()));
            return render(flow.begin(request, cookie), cookie, Response.Status.FOUND);
        });
    }

    @POST
    @Operation(summary = "Authorization request sent as a form")
    public Response post(byte[] body, @HeaderParam(HttpHeaders.CONTENT_TYPE) String type,
                         @Context HttpHeaders headers) {
        String cookie = session.value(headers);
        return malformedAsPage(() -> {
            AuthorizeRequest request = new AuthorizeRequest(FormBody.parse(type, body));
            return render(flow.begin(request, cookie), cookie, Response.Status.SEE_OTHER);
        });
    }

    @POST
    @Path("login")
    @Operation(summary = "Login form")
    public Response login(byte[] body, @HeaderParam(HttpHeaders.CONTENT_TYPE) String type,
                          @Context HttpHeaders headers, @Context HttpServerRequest http) {
        String cookie = session.value(headers);
        return malformedAsPage(() -> login(FormBody.parse(type, body), headers, cookie, ClientAddress.of(http)));
    }

    private Response login(Parameters form, HttpHeaders headers, String cookie, String address) {
        if (!session.formValid(headers, cookie, form.get(BrowserSession.CSRF_FIELD))) {
            return PageResponses.csrfRefused(START_AGAIN);
        }
        AuthorizeRequest request = new AuthorizeRequest(form);
        String username = form.get("username");
        LoginResult result = flow.login(request, username, form.get("password"), address);
        if (result instanceof LoginResult.Refused refused) {
            return refused(refused.decision(), Response.Status.SEE_OTHER);
        }
        if (result instanceof LoginResult.Throttled throttled) {
            return PageResponses.throttled(throttled.retryAfter(), "Too many failed sign-ins.");
        }
        if (result instanceof LoginResult.WrongCredentials wrong) {
            return page(200, Pages.login(LOGIN, wrong.request().client().name(), hidden(request),
                    session.csrfToken(cookie), username, "Wrong username or password.")).build();
        }
        LoginResult.LoggedIn in = (LoginResult.LoggedIn) result;
        return Response.seeOther(URI.create(Paths.AUTHORIZE + "?" + afterLogin(request)))
                .header(HttpHeaders.SET_COOKIE, session.setCookie(in.sessionToken())).build();
    }

    @POST
    @Path("consent")
    @Operation(summary = "Consent form")
    public Response consent(byte[] body, @HeaderParam(HttpHeaders.CONTENT_TYPE) String type,
                            @Context HttpHeaders headers, @Context HttpServerRequest http) {
        String cookie = session.value(headers);
        return malformedAsPage(() -> {
            Parameters form = FormBody.parse(type, body);
            if (!session.formValid(headers, cookie, form.get(BrowserSession.CSRF_FIELD))) {
                return PageResponses.csrfRefused(START_AGAIN);
            }
            String decision = form.get("decision");
            if (!"allow".equals(decision) && !"deny".equals(decision)) {
                return page(400, Pages.error("This form is not valid", "decision must be allow or deny")).build();
            }
            return render(flow.consent(new AuthorizeRequest(form), cookie, "allow".equals(decision),
                    "yes".equals(form.get("remember")), ClientAddress.of(http)), cookie, Response.Status.SEE_OTHER);
        });
    }

    /** A query or form that cannot be read (bad escapes, not UTF-8, wrong content type): a page, never a redirect. */
    private static Response malformedAsPage(java.util.function.Supplier<Response> work) {
        try {
            return work.get();
        } catch (Refusal refusal) {
            return PageResponses.unreadable("This request cannot be completed", refusal);
        }
    }

    private Response render(Step step, String cookie, Response.Status redirectStatus) {
        if (step instanceof Step.Refused refused) {
            return refused(refused.decision(), redirectStatus);
        }
        if (step instanceof Step.Login login) {
            String value = cookie != null ? cookie : BrowserSession.newValue();
            var response = page(200, Pages.login(LOGIN, login.request().client().name(),
                    hidden(login.request().request()), session.csrfToken(value), login.request().openId().loginHint(),
                    null));
            return (cookie != null ? response : response.header(HttpHeaders.SET_COOKIE, session.setCookie(value))).build();
        }
        if (step instanceof Step.Consent consent) {
            return page(200, Pages.consent(Paths.AUTHORIZE + "/consent", consent.request().client().name(),
                    consent.scopes().stream().map(l -> new Pages.Scope(l.name(), l.description())).toList(),
                    hidden(consent.request().request()), session.csrfToken(cookie), consent.offerRemember(),
                    consent.resources(), consent.request().client().selfRegistered(), null)).build();
        }
        Step.Issued issued = (Step.Issued) step;
        Map<String, String> params = new LinkedHashMap<>();
        params.put("code", issued.code());
        if (issued.request().state() != null) {
            params.put("state", issued.request().state());
        }
        params.put("iss", issuer.value());
        return redirect(issued.request().redirectUri(), params, redirectStatus);
    }

    /** An unsafe error is shown on a page (400); any other goes back to the client (RFC 6749 §4.1.2.1). */
    private Response refused(AuthorizeDecision.Refused refused, Response.Status redirectStatus) {
        if (refused.redirectUri() == null || !refused.reason().redirectable()) {
            return page(400, Pages.error("This request cannot be completed", refused.refusal().description()))
                    .build();
        }
        Map<String, String> params = new LinkedHashMap<>();
        params.put("error", config.errors().profile().wire(refused.reason()).code());
        params.put("error_description", Quote.safe(refused.refusal().description()));
        if (refused.state() != null) {
            params.put("state", refused.state());
        }
        params.put("iss", issuer.value());
        return redirect(refused.redirectUri(), params, redirectStatus);
    }

    private static Response redirect(String redirectUri, Map<String, String> params, Response.Status status) {
        String separator = redirectUri.contains("?") ? "&" : "?";
        return Response.status(status).location(URI.create(redirectUri + separator + FormEncoding.encode(params)))
                .build();
    }


    /** The authorization request's own parameters, carried through the forms (repeats never reach here). */
    private static Map<String, String> carried(AuthorizeRequest request) {
        return request.params().singles(AuthorizeRequest.KNOWN);
    }

    /** What the login form sends on: the carried parameters as a query, with every {@code resource} (RFC 8707). */
    private static String afterLogin(AuthorizeRequest request) {
        StringBuilder query = new StringBuilder(FormEncoding.encode(OpenIdRequest.afterLogin(carried(request))));
        for (String resource : request.resources()) {
            query.append('&').append(AuthorizeRequest.RESOURCE).append('=').append(FormEncoding.encode(resource));
        }
        return query.toString();
    }

    private static List<Pages.Hidden> hidden(AuthorizeRequest request) {
        return java.util.stream.Stream.concat(
                carried(request).entrySet().stream().map(e -> new Pages.Hidden(e.getKey(), e.getValue())),
                request.resources().stream().map(r -> new Pages.Hidden(AuthorizeRequest.RESOURCE, r))).toList();
    }
}
