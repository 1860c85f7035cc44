package dev.latchkey.console;

import dev.latchkey.config.Issuer;
import dev.latchkey.config.LatchkeyConfig;
import dev.latchkey.flow.AuditTrailFlow;
import dev.latchkey.flow.ClientAdminFlow;
import dev.latchkey.flow.ConsoleFlow;
import dev.latchkey.flow.GrantAdminFlow;
import dev.latchkey.flow.ScopeAdminFlow;
import dev.latchkey.flow.SigningKeyFlow;
import dev.latchkey.flow.UserAdminFlow;
import dev.latchkey.flow.Page;
import dev.latchkey.flow.grant.Grants;
import dev.latchkey.http.ClientAddress;
import dev.latchkey.http.FormBody;
import dev.latchkey.http.FormEncoding;
import dev.latchkey.http.Paths;
import dev.latchkey.http.StoreRefusals;
import dev.latchkey.policy.ClientRegistration;
import dev.latchkey.policy.ClientView;
import dev.latchkey.policy.InvalidInput;
import dev.latchkey.policy.NotFound;
import dev.latchkey.policy.Parameters;
import dev.latchkey.policy.Refusal;
import dev.latchkey.ui.BrowserSession;
import io.quarkus.qute.TemplateInstance;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * {@code /console}: the admin console's pages. Without a console session a page sends the browser through this
 * server's own authorization endpoint (code flow with PKCE, as the built-in client {@code latchkey-console});
 * only a user with the {@code admin} role gets a session. Every form carries the session's CSRF token, and every
 * change goes through the management API's flows (the same rules and messages) and into the audit trail under
 * the administrator's username.
 */
@Path(Paths.CONSOLE)
@ConsolePage
@Tag(name = "console")
public class ConsoleResource {
    static final String SESSION = "latchkey_console";
    static final String SIGN_IN = "latchkey_console_signin";
    static final int PAGE = 50;
    private static final String HTML = "text/html;charset=UTF-8";

    private final ConsoleFlow console;
    private final ClientAdminFlow clients;
    private final UserAdminFlow users;
    private final ScopeAdminFlow scopes;
    private final SigningKeyFlow keys;
    private final GrantAdminFlow grantsOf;
    private final AuditTrailFlow audit;
    private final Grants grants;
    private final BrowserSession forms;
    private final String redirectUri;
    private final String authorizeEndpoint;
    private final boolean secure;

    public ConsoleResource(ConsoleFlow console, ClientAdminFlow clients, UserAdminFlow users, ScopeAdminFlow scopes,
                           SigningKeyFlow keys, GrantAdminFlow grantsOf, AuditTrailFlow audit, Grants grants,
                           BrowserSession forms, Issuer issuer, LatchkeyConfig config) {
        this.console = console;
        this.clients = clients;
        this.users = users;
        this.scopes = scopes;
        this.keys = keys;
        this.grantsOf = grantsOf;
        this.audit = audit;
        this.grants = grants;
        this.forms = forms;
        this.redirectUri = ConsoleStartup.redirectUri(issuer);
        this.authorizeEndpoint = issuer.value() + Paths.AUTHORIZE;
        this.secure = config.session().secureCookie().orElseGet(issuer::isHttps);
    }

    @GET
    @Operation(summary = "The console's start page")
    public Response home(@Context HttpHeaders headers) {
        return signedIn(headers, admin -> Response.seeOther(URI.create(Paths.CONSOLE + "/clients")).build());
    }

    /** Where the authorization endpoint sends the console's code (RFC 6749 §4.1.2). */
    @GET
    @Path("callback")
    @Operation(summary = "The console's redirect URI")
    public Response callback(@RestQuery String code, @RestQuery String state, @RestQuery String error,
                             @Context HttpHeaders headers, @Context HttpServerRequest http) {
        String[] started = Optional.ofNullable(cookie(headers, SIGN_IN)).map(v -> v.split("\\.", 2))
                .filter(parts -> parts.length == 2).orElse(null);
        if (started == null || state == null || !MessageDigest.isEqual(started[0].getBytes(StandardCharsets.US_ASCII),
                state.getBytes(StandardCharsets.US_ASCII))) {
            return page(400, ConsolePages.message("This sign-in has expired",
                    "It was not started in this browser, or too long ago. Open the console again."));
        }
        if (error != null || code == null) {
            return page(403, ConsolePages.message("Not signed in",
                    "The sign-in was not completed (" + (error == null ? "no code" : error) + "). Open the console "
                            + "again to retry."));
        }
        ConsoleFlow.Completed completed = console.complete(code, started[1], redirectUri, address(http));
        if (completed instanceof ConsoleFlow.Completed.SignedIn in) {
            return Response.seeOther(URI.create(Paths.CONSOLE + "/clients"))
                    .header(HttpHeaders.SET_COOKIE, cookie(SESSION, in.sessionToken(), console.sessionSeconds(), "Strict"))
                    .header(HttpHeaders.SET_COOKIE, cookie(SIGN_IN, "", 0, "Lax")).build();
        }
        if (completed instanceof ConsoleFlow.Completed.NotAdmin not) {
            return page(403, ConsolePages.message("Not an administrator", "You are signed in as " + not.username()
                    + ", who does not have the admin role. An administrator can give it to you."));
        }
        return page(400, ConsolePages.message("Sign-in failed", ((ConsoleFlow.Completed.Failed) completed).why()));
    }

    @POST
    @Path("signout")
    @Operation(summary = "Ends the console session")
    public Response signOut(byte[] body, @HeaderParam(HttpHeaders.CONTENT_TYPE) String type,
                            @Context HttpHeaders headers) {
        String session = cookie(headers, SESSION);
        Parameters form = form(type, body);
        if (form == null || !forms.formValid(headers, session, form.get(BrowserSession.CSRF_FIELD))) {
            return csrfRefused();
        }
        console.signOut(session);
        return page(200, ConsolePages.message("Signed out", "You are signed out of the console."),
                cookie(SESSION, "", 0, "Strict"));
    }

    @GET
    @Path("clients")
    @Operation(summary = "Clients, searched and paged")
    public Response clientList(@RestQuery String q, @RestQuery String after, @Context HttpHeaders headers) {
        return signedIn(headers, admin -> {
            Page<ClientView> found = clients.search(q, after, PAGE);
            String next = found.nextAfter() == null ? null : Paths.CONSOLE + "/clients?" + FormEncoding.encode(
                    q == null || q.isBlank() ? Map.of("after", found.nextAfter())
                            : new java.util.LinkedHashMap<>(Map.of("q", q, "after", found.nextAfter())));
            return ok(ConsolePages.clients(frame(admin, headers), found.items().stream()
                    .map(c -> new ConsolePages.ClientRow(c.clientId(), c.name(), c.type().wireName(), c.enabled(),
                            c.selfRegistered())).toList(), q, next));
        });
    }

    @GET
    @Path("clients/new")
    @Operation(summary = "The new-client form")
    public Response newClient(@Context HttpHeaders headers) {
        return signedIn(headers, admin -> ok(ConsolePages.newClient(frame(admin, headers),
                new ConsolePages.ClientForm("", "confidential", "", "", "", List.of("authorization_code",
                        "refresh_token"), "", ""), grants.types(), null)));
    }

    @POST
    @Path("clients")
    @Operation(summary = "Creates a client")
    public Response create(byte[] body, @HeaderParam(HttpHeaders.CONTENT_TYPE) String type,
                           @Context HttpHeaders headers, @Context HttpServerRequest http) {
        return change(headers, type, body, (admin, form) -> {
            ConsolePages.ClientForm sent = new ConsolePages.ClientForm(form.get("name"), form.get("client_type"),
                    form.get("redirect_uris"), form.get("allowed_scopes"), form.get("default_scopes"),
                    form.all("grant_types"), form.get("post_logout_redirect_uris"), form.get("allowed_resources"));
            try {
                ClientAdminFlow.WithSecret created = clients.create(new ClientRegistration.Input(sent.name(),
                        sent.clientType(), lines(sent.redirectUris()), words(sent.allowedScopes()),
                        words(sent.defaultScopes()), sent.grantTypes(), null, null,
                        lines(sent.postLogoutRedirectUris()), null, lines(sent.allowedResources()), null, null, null,
                        null));
                String clientId = created.client().clientId();
                audit.recordManagementChange(admin.username(), Paths.MANAGEMENT + "/clients/" + clientId, clientId,
                        address(http), "console: created client " + created.client().name());
                return created.secret() == null
                        ? Response.seeOther(URI.create(Paths.CONSOLE + "/clients/" + clientId)).build()
                        : ok(ConsolePages.secret(frame(admin, headers), clientId, created.client().name(),
                        created.secret()));
            } catch (InvalidInput invalid) {
                return page(400, ConsolePages.newClient(frame(admin, headers), sent, grants.types(),
                        invalid.getMessage()));
            } catch (RuntimeException e) {
                String refusal = StoreRefusals.of(e);
                if (refusal == null) {
                    throw e;
                }
                return page(400, ConsolePages.newClient(frame(admin, headers), sent, grants.types(), refusal));
            }
        });
    }

    @GET
    @Path("clients/{clientId}")
    @Operation(summary = "One client")
    public Response clientPage(@RestPath String clientId, @Context HttpHeaders headers) {
        return signedIn(headers, admin -> {
            ClientView c;
            try {
                c = clients.get(clientId);
            } catch (NotFound notFound) {
                return page(404, ConsolePages.message("No such client", notFound.getMessage()));
            }
            List<ConsolePages.Field> fields = new ArrayList<>(List.of(
                    new ConsolePages.Field("Client id", c.clientId()),
                    new ConsolePages.Field("Type", c.type().wireName()),
                    new ConsolePages.Field("State", c.enabled() ? "enabled" : "disabled"),
                    new ConsolePages.Field("Redirect URIs", String.join(" ", c.redirectUris())),
                    new ConsolePages.Field("Allowed scopes", String.join(" ", c.allowedScopes())),
                    new ConsolePages.Field("Default scopes", String.join(" ", c.defaultScopes())),
                    new ConsolePages.Field("Grant types", String.join(" ", c.grantTypes())),
                    new ConsolePages.Field("Allowed resources", String.join(" ", c.allowedResources())),
                    new ConsolePages.Field("Post-logout redirect URIs", String.join(" ", c.postLogoutRedirectUris())),
                    new ConsolePages.Field("Registered", c.selfRegistered() ? "by itself (RFC 7591)" : "by an administrator"),
                    new ConsolePages.Field("Created", String.valueOf(c.createdAt()))));
            return ok(ConsolePages.client(frame(admin, headers), c.clientId(), c.name(), fields, c.isConfidential()));
        });
    }

    @POST
    @Path("clients/{clientId}/secret")
    @Operation(summary = "Rotates a client's secret")
    public Response rotateSecret(@RestPath String clientId, byte[] body, @HeaderParam(HttpHeaders.CONTENT_TYPE) String type,
                                 @Context HttpHeaders headers, @Context HttpServerRequest http) {
        return change(headers, type, body, (admin, form) -> {
            ClientAdminFlow.WithSecret rotated = clients.rotateSecret(clientId);
            audit.recordManagementChange(admin.username(), Paths.MANAGEMENT + "/clients/" + clientId + "/secret",
                    clientId, address(http), "console: rotated the secret");
            return ok(ConsolePages.secret(frame(admin, headers), clientId, rotated.client().name(), rotated.secret()));
        });
    }

    @GET
    @Path("users")
    @Operation(summary = "Users, paged")
    public Response userList(@RestQuery String after, @Context HttpHeaders headers) {
        return signedIn(headers, admin -> {
            Page<UserAdminFlow.UserView> found = users.list(after, PAGE);
            String next = found.nextAfter() == null ? null
                    : Paths.CONSOLE + "/users?" + FormEncoding.encode(Map.of("after", found.nextAfter()));
            return ok(ConsolePages.users(frame(admin, headers), found.items().stream()
                    .map(u -> new ConsolePages.Field(u.username(), String.join(" ", u.roles()))).toList(), next));
        });
    }

    @GET
    @Path("users/{username}")
    @Operation(summary = "One user, with their grants")
    public Response userPage(@RestPath String username, @Context HttpHeaders headers) {
        return signedIn(headers, admin -> {
            UserAdminFlow.UserView user;
            try {
                user = users.get(username);
            } catch (NotFound notFound) {
                return page(404, ConsolePages.message("No such user", notFound.getMessage()));
            }
            var c = user.claims();
            List<ConsolePages.Field> fields = List.of(
                    new ConsolePages.Field("Roles", user.roles().isEmpty() ? "none" : String.join(" ", user.roles())),
                    new ConsolePages.Field("Name", c.name() == null ? "" : c.name()),
                    new ConsolePages.Field("Email", c.email() == null ? "" : c.email()
                            + (c.emailVerified() ? " (verified)" : "")),
                    new ConsolePages.Field("Created", String.valueOf(user.createdAt())));
            List<ConsolePages.GrantRow> rows = grantsOf.list(username).stream()
                    .map(g -> new ConsolePages.GrantRow(g.clientId(), g.clientName(), String.join(" ", g.scopes()),
                            String.valueOf(g.grantedAt()))).toList();
            return ok(ConsolePages.user(frame(admin, headers), user.username(), fields, rows));
        });
    }

    @POST
    @Path("users/{username}/grants/{clientId}/withdraw")
    @Operation(summary = "Withdraws a user's grant to a client")
    public Response withdraw(@RestPath String username, @RestPath String clientId, byte[] body,
                             @HeaderParam(HttpHeaders.CONTENT_TYPE) String type, @Context HttpHeaders headers,
                             @Context HttpServerRequest http) {
        return change(headers, type, body, (admin, form) -> {
            grantsOf.revoke(username, clientId);
            audit.recordManagementChange(admin.username(), Paths.MANAGEMENT + "/users/" + username + "/grants/"
                    + clientId, clientId, address(http), "console: withdrew the grant of " + username);
            return Response.seeOther(URI.create(Paths.CONSOLE + "/users/" + username)).build();
        });
    }

    @GET
    @Path("audit")
    @Operation(summary = "The audit trail, filtered and paged")
    public Response auditTrail(@RestQuery String type, @RestQuery("client_id") String clientId,
                               @RestQuery String actor, @RestQuery String before, @Context HttpHeaders headers) {
        return signedIn(headers, admin -> {
            ConsolePages.AuditFilter filter = new ConsolePages.AuditFilter(blankToNull(type), blankToNull(clientId),
                    blankToNull(actor));
            List<String> types = audit.types();
            Long cursor;
            try {
                cursor = before == null ? null : Long.valueOf(before);
            } catch (NumberFormatException e) {
                cursor = null;
            }
            try {
                Page<AuditTrailFlow.AuditView> found = audit.page(new AuditTrailFlow.Filter(filter.type(),
                        filter.clientId(), filter.actor(), null, null, cursor), PAGE);
                Map<String, String> query = new java.util.LinkedHashMap<>();
                if (filter.type() != null) {
                    query.put("type", filter.type());
                }
                if (filter.clientId() != null) {
                    query.put("client_id", filter.clientId());
                }
                if (filter.actor() != null) {
                    query.put("actor", filter.actor());
                }
                String next = null;
                if (found.nextAfter() != null) {
                    query.put("before", found.nextAfter());
                    next = Paths.CONSOLE + "/audit?" + FormEncoding.encode(query);
                }
                return ok(ConsolePages.audit(frame(admin, headers), filter, types, found.items().stream()
                        .map(e -> new ConsolePages.EventRow(String.valueOf(e.at()), e.type(), e.actor(), e.clientId(),
                                e.subject(), e.address(), e.detail())).toList(), next, null));
            } catch (InvalidInput invalid) {
                return page(400, ConsolePages.audit(frame(admin, headers), filter, types, List.of(), null,
                        invalid.getMessage()));
            }
        });
    }

    @GET
    @Path("scopes")
    @Operation(summary = "Scopes, paged")
    public Response scopeList(@RestQuery String after, @Context HttpHeaders headers) {
        return signedIn(headers, admin -> scopesPage(admin, headers, after, 200, null));
    }

    @POST
    @Path("scopes")
    @Operation(summary = "Adds a scope")
    public Response addScope(byte[] body, @HeaderParam(HttpHeaders.CONTENT_TYPE) String type,
                             @Context HttpHeaders headers, @Context HttpServerRequest http) {
        return change(headers, type, body, (admin, form) -> {
            try {
                var created = scopes.create(form.get("name"), form.get("description"));
                audit.recordManagementChange(admin.username(), Paths.MANAGEMENT + "/scopes/" + created.name(), null,
                        address(http), "console: added the scope " + created.name());
                return Response.seeOther(URI.create(Paths.CONSOLE + "/scopes")).build();
            } catch (InvalidInput invalid) {
                return scopesPage(admin, headers, null, 400, invalid.getMessage());
            } catch (RuntimeException e) {
                String refusal = StoreRefusals.of(e);
                if (refusal == null) {
                    throw e;
                }
                return scopesPage(admin, headers, null, 400, refusal);
            }
        });
    }

    @POST
    @Path("scopes/{name}/delete")
    @Operation(summary = "Deletes a scope")
    public Response deleteScope(@RestPath String name, byte[] body, @HeaderParam(HttpHeaders.CONTENT_TYPE) String type,
                                @Context HttpHeaders headers, @Context HttpServerRequest http) {
        return change(headers, type, body, (admin, form) -> {
            try {
                scopes.delete(name);
            } catch (InvalidInput invalid) {
                return scopesPage(admin, headers, null, 400, invalid.getMessage());
            }
            audit.recordManagementChange(admin.username(), Paths.MANAGEMENT + "/scopes/" + name, null, address(http),
                    "console: deleted the scope " + name);
            return Response.seeOther(URI.create(Paths.CONSOLE + "/scopes")).build();
        });
    }

    private Response scopesPage(ConsoleFlow.Admin admin, HttpHeaders headers, String after, int status, String error) {
        Page<ScopeAdminFlow.ScopeView> found = scopes.list(after, PAGE);
        String next = found.nextAfter() == null ? null
                : Paths.CONSOLE + "/scopes?" + FormEncoding.encode(Map.of("after", found.nextAfter()));
        return page(status, ConsolePages.scopes(frame(admin, headers), found.items().stream()
                .map(v -> new ConsolePages.Row(List.of(v.name(), v.description()),
                        Paths.CONSOLE + "/scopes/" + FormEncoding.encode(v.name()) + "/delete")).toList(), next, error));
    }

    @GET
    @Path("keys")
    @Operation(summary = "Signing keys")
    public Response keyList(@Context HttpHeaders headers) {
        return signedIn(headers, admin -> keysPage(admin, headers, 200, null));
    }

    @POST
    @Path("keys/rotate")
    @Operation(summary = "Rotates a signing key")
    public Response rotateKey(byte[] body, @HeaderParam(HttpHeaders.CONTENT_TYPE) String type,
                              @Context HttpHeaders headers, @Context HttpServerRequest http) {
        return change(headers, type, body, (admin, form) -> {
            String algorithm = form.get("algorithm");
            LatchkeyConfig.SigningAlgorithm chosen = Arrays.stream(LatchkeyConfig.SigningAlgorithm.values())
                    .filter(a -> a.name().equals(algorithm)).findFirst().orElse(null);
            if (chosen == null) {
                return keysPage(admin, headers, 400, "algorithm must be one of "
                        + Arrays.toString(LatchkeyConfig.SigningAlgorithm.values()));
            }
            var key = keys.rotate(chosen);
            audit.recordManagementChange(admin.username(), Paths.MANAGEMENT + "/keys/" + key.kid(), null,
                    address(http), "console: rotated the " + chosen + " key");
            return Response.seeOther(URI.create(Paths.CONSOLE + "/keys")).build();
        });
    }

    private Response keysPage(ConsoleFlow.Admin admin, HttpHeaders headers, int status, String error) {
        return page(status, ConsolePages.keys(frame(admin, headers), keys.list().stream()
                .map(k -> new ConsolePages.Row(List.of(k.kid(), k.algorithm(), String.valueOf(k.createdAt()),
                        k.retiredAt() == null ? "active" : String.valueOf(k.retiredAt())), null)).toList(),
                Arrays.stream(LatchkeyConfig.SigningAlgorithm.values()).map(Enum::name).toList(), error));
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    /**
     * A form that changes something: an administrator, a valid CSRF token, then {@code work}; a rule broken or a
     * thing not found is shown on a page with the management API's words.
     */
    private Response change(HttpHeaders headers, String type, byte[] body,
                            java.util.function.BiFunction<ConsoleFlow.Admin, Parameters, Response> work) {
        return signedIn(headers, admin -> {
            Parameters form = form(type, body);
            if (form == null || !forms.formValid(headers, cookie(headers, SESSION), form.get(BrowserSession.CSRF_FIELD))) {
                return csrfRefused();
            }
            try {
                return work.apply(admin, form);
            } catch (InvalidInput invalid) {
                return page(400, ConsolePages.message("Not done", invalid.getMessage()));
            } catch (NotFound notFound) {
                return page(404, ConsolePages.message("Not found", notFound.getMessage()));
            }
        });
    }

    /** {@code page} for an administrator of a live session; else signing in, or 403 for a user without the role. */
    private Response signedIn(HttpHeaders headers, Function<ConsoleFlow.Admin, Response> page) {
        Optional<ConsoleFlow.Admin> admin = console.admin(cookie(headers, SESSION));
        if (admin.isPresent()) {
            return page.apply(admin.get());
        }
        ConsoleFlow.SignIn signIn = console.begin(authorizeEndpoint, redirectUri);
        return Response.seeOther(URI.create(signIn.authorizeUrl()))
                .header(HttpHeaders.SET_COOKIE, cookie(SIGN_IN, signIn.state() + "." + signIn.verifier(), 600, "Lax"))
                .build();
    }

    private ConsolePages.Frame frame(ConsoleFlow.Admin admin, HttpHeaders headers) {
        return new ConsolePages.Frame(admin.username(), forms.csrfToken(cookie(headers, SESSION)));
    }

    private static List<String> lines(String text) {
        return text == null ? List.of() : Arrays.stream(text.split("\\R")).map(String::strip)
                .filter(s -> !s.isEmpty()).toList();
    }

    private static List<String> words(String text) {
        return text == null ? List.of() : Arrays.stream(text.strip().split("[\\s,]+")).filter(s -> !s.isEmpty()).toList();
    }

    private static Parameters form(String type, byte[] body) {
        try {
            return FormBody.parse(type, body);
        } catch (Refusal refusal) {
            return null;
        }
    }

    private static String cookie(HttpHeaders headers, String name) {
        Cookie cookie = headers.getCookies().get(name);
        return cookie == null || cookie.getValue().isEmpty() ? null : cookie.getValue();
    }

    /** Written by hand (no legacy {@code Version=1}); HttpOnly, only for the console's paths. */
    private String cookie(String name, String value, long maxAge, String sameSite) {
        return name + "=" + value + "; Path=" + Paths.CONSOLE + "; Max-Age=" + maxAge + "; HttpOnly; SameSite="
                + sameSite + (secure ? "; Secure" : "");
    }

    private static Response csrfRefused() {
        return page(400, ConsolePages.message("This form has expired",
                "The form's security token is missing or does not match this browser. Nothing was done; "
                        + "reload the page and try again."));
    }

    private static Response ok(TemplateInstance template) {
        return page(200, template);
    }

    private static Response page(int status, TemplateInstance template, String... cookies) {
        Response.ResponseBuilder response = Response.status(status).type(HTML).entity(template.render());
        for (String c : cookies) {
            response.header(HttpHeaders.SET_COOKIE, c);
        }
        return response.build();
    }

    private static String address(HttpServerRequest http) {
        return ClientAddress.of(http);
    }
}
