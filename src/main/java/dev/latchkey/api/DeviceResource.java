package dev.latchkey.api;

import dev.latchkey.flow.DeviceFlow;
import dev.latchkey.flow.Logins;
import dev.latchkey.http.ClientAddress;
import dev.latchkey.http.FormBody;
import dev.latchkey.http.Paths;
import dev.latchkey.policy.Parameters;
import dev.latchkey.policy.Refusal;
import dev.latchkey.store.LoginSessionRepository.Login;
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
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestQuery;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import static dev.latchkey.ui.PageResponses.page;

/**
 * {@code /oauth2/device} (RFC 8628 §3.3): a person types the code their device shows, signs in on the login page
 * and answers on the consent page, which warns to go on only for a device of their own (§5.4). Translates HTTP
 * only; {@link DeviceFlow} decides.
 */
@Path(Paths.DEVICE)
@BrowserPage
@Tag(name = "oauth2")
public class DeviceResource {
    private static final String USER_CODE = "user_code";
    private static final String WARNING = "Go on only if you started this on a device of your own and the code "
            + "matches the one it shows: whoever holds that device gets this access.";

    private final DeviceFlow flow;
    private final BrowserSession session;

    public DeviceResource(DeviceFlow flow, BrowserSession session) {
        this.flow = flow;
        this.session = session;
    }

    /** The code form, filled in when the device's link carried the code (verification_uri_complete). */
    @GET
    @Operation(summary = "The device code form (RFC 8628)")
    public Response form(@RestQuery("user_code") String userCode, @Context HttpHeaders headers) {
        String cookie = session.value(headers);
        String value = cookie != null ? cookie : BrowserSession.newValue();
        var response = page(200, Pages.device(session.csrfToken(value), userCode, null));
        return (cookie != null ? response : response.header(HttpHeaders.SET_COOKIE, session.setCookie(value))).build();
    }

    @POST
    @Operation(summary = "The code typed: on to the login or consent page")
    public Response code(byte[] body, @HeaderParam(HttpHeaders.CONTENT_TYPE) String type,
                         @Context HttpHeaders headers, @Context HttpServerRequest http) {
        return form(body, type, headers, (form, cookie) -> {
            DeviceFlow.Lookup lookup = flow.find(form.get(USER_CODE), ClientAddress.of(http));
            if (lookup instanceof DeviceFlow.Lookup.Throttled throttled) {
                return PageResponses.throttled(throttled.retryAfter(), "Too many wrong codes or sign-ins from here.");
            }
            if (lookup instanceof DeviceFlow.Lookup.NotFound) {
                return page(200, Pages.device(session.csrfToken(cookie), form.get(USER_CODE),
                        "That code is not valid, or has expired. Check the code your device shows.")).build();
            }
            DeviceFlow.Pending pending = ((DeviceFlow.Lookup.Found) lookup).pending();
            Optional<Login> login = flow.loginOf(cookie);
            return login.isPresent() ? consent(pending, cookie) : login(pending, cookie, null, null);
        });
    }

    @POST
    @Path("login")
    @Operation(summary = "The login form, for a device's code")
    public Response login(byte[] body, @HeaderParam(HttpHeaders.CONTENT_TYPE) String type,
                          @Context HttpHeaders headers, @Context HttpServerRequest http) {
        return form(body, type, headers, (form, cookie) -> pending(form, cookie, pending -> {
            String username = form.get("username");
            Logins.SignIn signIn = flow.signIn(pending, username, form.get("password"), ClientAddress.of(http));
            if (signIn instanceof Logins.SignIn.Throttled throttled) {
                return PageResponses.throttled(throttled.retryAfter(), "Too many wrong codes or sign-ins from here.");
            }
            if (signIn instanceof Logins.SignIn.SignedIn in) {
                return Response.fromResponse(consent(pending, in.sessionToken()))
                        .header(HttpHeaders.SET_COOKIE, session.setCookie(in.sessionToken())).build();
            }
            return login(pending, cookie, username, "Wrong username or password.");
        }));
    }

    @POST
    @Path("consent")
    @Operation(summary = "The consent form, for a device's code")
    public Response consent(byte[] body, @HeaderParam(HttpHeaders.CONTENT_TYPE) String type,
                            @Context HttpHeaders headers, @Context HttpServerRequest http) {
        return form(body, type, headers, (form, cookie) -> {
            String decision = form.get("decision");
            if (!"allow".equals(decision) && !"deny".equals(decision)) {
                return page(400, Pages.error("This form is not valid", "decision must be allow or deny")).build();
            }
            return pending(form, cookie, pending -> {
                Optional<Login> login = flow.loginOf(cookie);
                if (login.isEmpty()) {
                    return login(pending, cookie, null, null);
                }
                boolean allow = "allow".equals(decision);
                if (!flow.answer(pending.userCode(), login.get(), allow, ClientAddress.of(http))) {
                    return expired(cookie);
                }
                return page(200, allow
                        ? Pages.deviceDone("Device connected", pending.client().name()
                        + " on your device now has the access you allowed. You can close this page.")
                        : Pages.deviceDone("Access denied", pending.client().name()
                        + " on your device gets no access. You can close this page.")).build();
            });
        });
    }

    /** A form post: read, its CSRF token checked, then {@code next} with the form and the session cookie. */
    private Response form(byte[] body, String type, HttpHeaders headers,
                          java.util.function.BiFunction<Parameters, String, Response> next) {
        String cookie = session.value(headers);
        Parameters form;
        try {
            form = FormBody.parse(type, body);
        } catch (Refusal refusal) {
            return PageResponses.unreadable("This request cannot be completed", refusal);
        }
        if (!session.formValid(headers, cookie, form.get(BrowserSession.CSRF_FIELD))) {
            return PageResponses.csrfRefused("type the device's code again.");
        }
        return next.apply(form, cookie);
    }

    /** {@code next} for the authorization the form's user code names while it is pending; else a page saying so. */
    private Response pending(Parameters form, String cookie, Function<DeviceFlow.Pending, Response> next) {
        return flow.again(form.get(USER_CODE)).map(next).orElseGet(() -> expired(cookie));
    }

    private Response expired(String cookie) {
        return page(200, Pages.device(session.csrfToken(cookie), null,
                "That code has expired or was already answered. Start again on your device.")).build();
    }

    private Response login(DeviceFlow.Pending pending, String cookie, String username, String message) {
        return page(200, Pages.login(Paths.DEVICE + "/login", pending.client().name(), carried(pending),
                session.csrfToken(cookie), username, message)).build();
    }

    private Response consent(DeviceFlow.Pending pending, String cookie) {
        return page(200, Pages.consent(Paths.DEVICE + "/consent", pending.client().name(),
                pending.scopes().stream().map(l -> new Pages.Scope(l.name(), l.description())).toList(), carried(pending),
                session.csrfToken(cookie), false, List.of(), pending.client().selfRegistered(), WARNING)).build();
    }

    private static List<Pages.Hidden> carried(DeviceFlow.Pending pending) {
        return List.of(new Pages.Hidden(USER_CODE, pending.userCode()));
    }


}
