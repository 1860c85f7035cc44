package dev.latchkey.console;

import dev.latchkey.config.Issuer;
import dev.latchkey.config.LatchkeyConfig;
import dev.latchkey.flow.AuditTrailFlow;
import dev.latchkey.flow.ConsoleFlow;
import dev.latchkey.flow.Page;
import dev.latchkey.http.ClientAddress;
import dev.latchkey.http.FormBody;
import dev.latchkey.http.FormEncoding;
import dev.latchkey.http.Paths;
import dev.latchkey.http.StoreRefusals;
import dev.latchkey.policy.InvalidInput;
import dev.latchkey.policy.NotFound;
import dev.latchkey.policy.Parameters;
import dev.latchkey.policy.Refusal;
import dev.latchkey.ui.BrowserSession;
import io.quarkus.qute.TemplateInstance;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import java.net.URI;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * What every console page does around its own work: the session (or a sign-in), the CSRF check of a form, the
 * audit record under the administrator's name, and the translation of a broken rule into a page that names it.
 */
@ApplicationScoped
class ConsoleRequests {
    static final String SESSION = "latchkey_console";
    static final String SIGN_IN = "latchkey_console_signin";
    /** Rows per page of every list. */
    static final int PAGE = 50;
    private static final String HTML = "text/html;charset=UTF-8";

    /** One request's administrator, form and address: what a change needs. */
    record Change(ConsoleFlow.Admin admin, Parameters form, ConsolePages.Frame frame, String address) {
    }

    /** A change's work; a rule it breaks ({@link InvalidInput}, a store refusal) is shown with {@code again}. */
    interface Work {
        Response apply(Change change);
    }

    private final ConsoleFlow console;
    private final AuditTrailFlow audit;
    private final BrowserSession forms;
    private final String redirectUri;
    private final String signedOutUri;
    private final String authorizeEndpoint;
    private final String endSessionEndpoint;
    private final boolean secure;

    ConsoleRequests(ConsoleFlow console, AuditTrailFlow audit, BrowserSession forms, Issuer issuer,
                    LatchkeyConfig config) {
        this.console = console;
        this.audit = audit;
        this.forms = forms;
        this.redirectUri = ConsoleStartup.redirectUri(issuer);
        this.signedOutUri = ConsoleStartup.signedOutUri(issuer);
        this.authorizeEndpoint = issuer.value() + Paths.AUTHORIZE;
        this.endSessionEndpoint = issuer.value() + Paths.LOGOUT;
        this.secure = config.session().secureCookie().orElseGet(issuer::isHttps);
    }

    String redirectUri() {
        return redirectUri;
    }

    String signedOutUri() {
        return signedOutUri;
    }

    String endSessionEndpoint() {
        return endSessionEndpoint;
    }

    /**
     * {@code page} for an administrator of a live session; else signing in (a user without the role gets 403). A
     * thing the page names that does not exist is a 404 page with the management API's words.
     */
    Response signedIn(HttpHeaders headers, Function<ConsolePages.Frame, Response> page) {
        return asAdmin(headers, admin -> page.apply(frame(admin, headers)));
    }

    private Response asAdmin(HttpHeaders headers, Function<ConsoleFlow.Admin, Response> page) {
        Optional<ConsoleFlow.Admin> admin = console.admin(cookie(headers, SESSION));
        if (admin.isPresent()) {
            try {
                return page.apply(admin.get());
            } catch (NotFound notFound) {
                return page(404, ConsolePages.message("Not found", notFound.getMessage()));
            }
        }
        ConsoleFlow.SignIn signIn = console.begin(authorizeEndpoint, redirectUri);
        return Response.seeOther(URI.create(signIn.authorizeUrl()))
                .header(HttpHeaders.SET_COOKIE, cookie(SIGN_IN, signIn.state() + "." + signIn.verifier(), 600, "Lax"))
                .build();
    }

    /**
     * A form that changes something: an administrator, a valid CSRF token, then {@code work}. A rule it breaks is
     * shown by {@code again} (the form as sent, with the management API's words), or on a page of its own.
     */
    Response change(HttpHeaders headers, String type, byte[] body, HttpServerRequest http, Work work,
                    java.util.function.BiFunction<Change, String, Response> again) {
        return asAdmin(headers, admin -> {
            Parameters form = form(type, body);
            if (!formValid(headers, form)) {
                return csrfRefused();
            }
            Change change = new Change(admin, form, frame(admin, headers), ClientAddress.of(http));
            try {
                return work.apply(change);
            } catch (InvalidInput invalid) {
                return again.apply(change, invalid.getMessage());
            } catch (RuntimeException e) {
                String refusal = StoreRefusals.of(e);
                if (refusal == null) {
                    throw e; // a NotFound among them: answered by asAdmin, as for any page
                }
                return again.apply(change, refusal);
            }
        });
    }

    /** {@link #change} whose broken rule is shown on a page of its own. */
    Response change(HttpHeaders headers, String type, byte[] body, HttpServerRequest http, Work work) {
        return change(headers, type, body, http, work,
                (change, why) -> page(400, ConsolePages.message("Not done", why)));
    }

    /** Records {@code change} in the audit trail under the administrator's username. */
    void audited(Change change, String apiPath, String clientId, String detail) {
        audit.recordManagementChange(change.admin().username(), Paths.MANAGEMENT + apiPath, clientId,
                change.address(), "console: " + detail);
    }

    private ConsolePages.Frame frame(ConsoleFlow.Admin admin, HttpHeaders headers) {
        return new ConsolePages.Frame(admin.username(), forms.csrfToken(cookie(headers, SESSION)));
    }

    boolean formValid(HttpHeaders headers, Parameters form) {
        return form != null && forms.formValid(headers, cookie(headers, SESSION), form.get(BrowserSession.CSRF_FIELD));
    }

    /** Written by hand (no legacy {@code Version=1}); HttpOnly, only for the console's paths. */
    String cookie(String name, String value, long maxAge, String sameSite) {
        return name + "=" + value + "; Path=" + Paths.CONSOLE + "; Max-Age=" + maxAge + "; HttpOnly; SameSite="
                + sameSite + (secure ? "; Secure" : "");
    }

    static String cookie(HttpHeaders headers, String name) {
        Cookie cookie = headers.getCookies().get(name);
        return cookie == null || cookie.getValue().isEmpty() ? null : cookie.getValue();
    }

    static Parameters form(String type, byte[] body) {
        try {
            return FormBody.parse(type, body);
        } catch (Refusal refusal) {
            return null;
        }
    }

    /** The link to the page after {@code page}'s last row, keeping {@code query}; null on the last page. */
    static String next(String path, Map<String, String> query, Page<?> page, String cursor) {
        if (page.nextAfter() == null) {
            return null;
        }
        Map<String, String> all = new LinkedHashMap<>();
        query.forEach((k, v) -> {
            if (v != null && !v.isBlank()) {
                all.put(k, v);
            }
        });
        all.put(cursor, page.nextAfter());
        return path + "?" + FormEncoding.encode(all);
    }

    static List<String> lines(String text) {
        return text == null ? List.of() : Arrays.stream(text.split("\\R")).map(String::strip)
                .filter(s -> !s.isEmpty()).toList();
    }

    static List<String> words(String text) {
        return text == null ? List.of() : Arrays.stream(text.strip().split("[\\s,]+")).filter(s -> !s.isEmpty())
                .toList();
    }

    private static final java.time.format.DateTimeFormatter TIME =
            java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(java.time.ZoneOffset.UTC);

    /** A stored time as the pages show it: to the second, in UTC (as the audit filter reads times). */
    static String time(java.time.Instant at) {
        return at == null ? "" : TIME.format(at);
    }

    static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    static Response csrfRefused() {
        return page(400, ConsolePages.message("This form has expired",
                "The form's security token is missing or does not match this browser. Nothing was done; "
                        + "reload the page and try again."));
    }

    static Response seeOther(String path) {
        return Response.seeOther(URI.create(path)).build();
    }

    static Response ok(TemplateInstance template) {
        return page(200, template);
    }

    static Response page(int status, TemplateInstance template, String... cookies) {
        Response.ResponseBuilder response = Response.status(status).type(HTML).entity(template.render());
        for (String c : cookies) {
            response.header(HttpHeaders.SET_COOKIE, c);
        }
        return response.build();
    }
}
