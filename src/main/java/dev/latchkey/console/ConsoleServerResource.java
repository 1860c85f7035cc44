package dev.latchkey.console;

import dev.latchkey.config.LatchkeyConfig;
import dev.latchkey.flow.Page;
import dev.latchkey.flow.RegistrationTokenFlow;
import dev.latchkey.flow.ResourceAdminFlow;
import dev.latchkey.flow.ScopeAdminFlow;
import dev.latchkey.flow.SigningKeyFlow;
import dev.latchkey.http.FormEncoding;
import dev.latchkey.http.Paths;
import dev.latchkey.policy.InvalidInput;
import dev.latchkey.policy.ResourcePolicy;
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
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static dev.latchkey.console.ConsoleRequests.PAGE;
import static dev.latchkey.console.ConsoleRequests.blankToNull;
import static dev.latchkey.console.ConsoleRequests.ok;
import static dev.latchkey.console.ConsoleRequests.page;
import static dev.latchkey.console.ConsoleRequests.seeOther;
import static dev.latchkey.console.ConsoleRequests.words;

/**
 * What the server offers its clients, under {@code /console}: scopes, resources, registration tokens and
 * signing keys. Each list has its add form and a delete button per row; the rules are the management API's.
 */
@Path(Paths.CONSOLE)
@ConsolePage
@Tag(name = "console")
public class ConsoleServerResource {
    private static final String SCOPES = Paths.CONSOLE + "/scopes";
    private static final String RESOURCES = Paths.CONSOLE + "/resources";
    private static final String TOKENS = Paths.CONSOLE + "/registration-tokens";
    private static final String KEYS = Paths.CONSOLE + "/keys";

    private final ConsoleRequests requests;
    private final ScopeAdminFlow scopes;
    private final ResourceAdminFlow resources;
    private final RegistrationTokenFlow registrationTokens;
    private final SigningKeyFlow keys;

    public ConsoleServerResource(ConsoleRequests requests, ScopeAdminFlow scopes, ResourceAdminFlow resources,
                                 RegistrationTokenFlow registrationTokens, SigningKeyFlow keys) {
        this.requests = requests;
        this.scopes = scopes;
        this.resources = resources;
        this.registrationTokens = registrationTokens;
        this.keys = keys;
    }

    @GET
    @Path("scopes")
    @Operation(summary = "Scopes, paged")
    public Response scopeList(@RestQuery String after, @Context HttpHeaders headers) {
        return requests.signedIn(headers, frame -> scopesPage(frame, after, null));
    }

    @POST
    @Path("scopes")
    @Operation(summary = "Adds a scope")
    public Response addScope(byte[] body, @HeaderParam(HttpHeaders.CONTENT_TYPE) String type,
                             @Context HttpHeaders headers, @Context HttpServerRequest http) {
        return requests.change(headers, type, body, http, change -> {
            var created = scopes.create(change.form().get("name"), change.form().get("description"));
            requests.audited(change, "/scopes/" + created.name(), null, "added the scope " + created.name());
            return seeOther(SCOPES);
        }, (change, why) -> scopesPage(change.frame(), null, why));
    }

    @POST
    @Path("scopes/{name}/delete")
    @Operation(summary = "Deletes a scope")
    public Response deleteScope(@RestPath String name, byte[] body, @HeaderParam(HttpHeaders.CONTENT_TYPE) String type,
                                @Context HttpHeaders headers, @Context HttpServerRequest http) {
        return requests.change(headers, type, body, http, change -> {
            scopes.delete(name);
            requests.audited(change, "/scopes/" + name, null, "deleted the scope " + name);
            return seeOther(SCOPES);
        }, (change, why) -> scopesPage(change.frame(), null, why));
    }

    private Response scopesPage(ConsolePages.Frame frame, String after, String error) {
        Page<ScopeAdminFlow.ScopeView> found = scopes.list(after, PAGE);
        return page(error == null ? 200 : 400, ConsolePages.scopes(frame, new ConsolePages.Listing("Scopes",
                List.of("Name", "Description"), found.items().stream()
                .map(v -> new ConsolePages.Row(List.of(v.name(), v.description()),
                        SCOPES + "/" + FormEncoding.encode(v.name()) + "/delete")).toList(), "Delete", "scope",
                ConsoleRequests.next(SCOPES, Map.of(), found, "after")), error));
    }

    @GET
    @Path("resources")
    @Operation(summary = "Resource servers, paged")
    public Response resourceList(@RestQuery String after, @Context HttpHeaders headers) {
        return requests.signedIn(headers, frame -> resourcesPage(frame, after, null));
    }

    @POST
    @Path("resources")
    @Operation(summary = "Registers a resource server")
    public Response addResource(byte[] body, @HeaderParam(HttpHeaders.CONTENT_TYPE) String type,
                                @Context HttpHeaders headers, @Context HttpServerRequest http) {
        return requests.change(headers, type, body, http, change -> {
            var form = change.form();
            var created = resources.create(new ResourcePolicy.Input(form.get("uri"), blankToNull(form.get("name")),
                    words(form.get("scopes")), blankToNull(form.get("access_token_typ"))));
            requests.audited(change, "/resources/" + created.id(), null, "registered the resource " + created.uri());
            return seeOther(RESOURCES);
        }, (change, why) -> resourcesPage(change.frame(), null, why));
    }

    @POST
    @Path("resources/{id}/delete")
    @Operation(summary = "Deletes a resource server")
    public Response deleteResource(@RestPath String id, byte[] body, @HeaderParam(HttpHeaders.CONTENT_TYPE) String type,
                                   @Context HttpHeaders headers, @Context HttpServerRequest http) {
        return requests.change(headers, type, body, http, change -> {
            String uri = resources.delete(id).uri();
            requests.audited(change, "/resources/" + id, null, "deleted the resource " + uri);
            return seeOther(RESOURCES);
        }, (change, why) -> resourcesPage(change.frame(), null, why));
    }

    private Response resourcesPage(ConsolePages.Frame frame, String after, String error) {
        var found = resources.list(after, PAGE);
        return page(error == null ? 200 : 400, ConsolePages.resources(frame, new ConsolePages.Listing("Resources",
                List.of("URI", "Name", "Scopes", "typ"), found.items().stream()
                .map(r -> new ConsolePages.Row(List.of(r.uri(), r.name() == null ? "" : r.name(),
                        String.join(" ", r.scopes()), r.accessTokenTyp()),
                        RESOURCES + "/" + FormEncoding.encode(r.id()) + "/delete")).toList(), "Delete", "resource",
                ConsoleRequests.next(RESOURCES, Map.of(), found, "after")), error));
    }

    @GET
    @Path("registration-tokens")
    @Operation(summary = "Initial access tokens for dynamic registration, paged")
    public Response tokenList(@RestQuery String after, @Context HttpHeaders headers) {
        return requests.signedIn(headers, frame -> tokensPage(frame, after, null));
    }

    @POST
    @Path("registration-tokens")
    @Operation(summary = "Mints a registration token, shown once")
    public Response mintToken(byte[] body, @HeaderParam(HttpHeaders.CONTENT_TYPE) String type,
                              @Context HttpHeaders headers, @Context HttpServerRequest http) {
        return requests.change(headers, type, body, http, change -> {
            RegistrationTokenFlow.Minted minted = registrationTokens.mint(
                    number(change.form().get("expires_in"), "expires_in"),
                    intOf(number(change.form().get("max_uses"), "max_uses")));
            requests.audited(change, "/registration-tokens/" + minted.view().id(), null,
                    "minted a registration token for " + minted.view().maxUses() + " registrations");
            return ok(ConsolePages.secret(change.frame(), new ConsolePages.SecretShown("Registration token",
                    "Token id", minted.view().id(), "Initial access token", minted.token(), TOKENS,
                    "Back to the registration tokens")));
        }, (change, why) -> tokensPage(change.frame(), null, why));
    }

    @POST
    @Path("registration-tokens/{id}/delete")
    @Operation(summary = "Withdraws a registration token")
    public Response deleteToken(@RestPath String id, byte[] body, @HeaderParam(HttpHeaders.CONTENT_TYPE) String type,
                                @Context HttpHeaders headers, @Context HttpServerRequest http) {
        return requests.change(headers, type, body, http, change -> {
            registrationTokens.delete(id);
            requests.audited(change, "/registration-tokens/" + id, null, "withdrew a registration token");
            return seeOther(TOKENS);
        }, (change, why) -> tokensPage(change.frame(), null, why));
    }

    private Response tokensPage(ConsolePages.Frame frame, String after, String error) {
        var found = registrationTokens.list(after, PAGE);
        return page(error == null ? 200 : 400, ConsolePages.registrationTokens(frame, new ConsolePages.Listing(
                "Registration tokens", List.of("Id", "Made", "Expires", "Used"), found.items().stream()
                .map(t -> new ConsolePages.Row(List.of(t.id(), ConsoleRequests.time(t.createdAt()),
                        ConsoleRequests.time(t.expiresAt()), t.uses() + " of " + t.maxUses()),
                        TOKENS + "/" + FormEncoding.encode(t.id()) + "/delete")).toList(), "Withdraw", "token",
                ConsoleRequests.next(TOKENS, Map.of(), found, "after")), RegistrationTokenFlow.DEFAULT_EXPIRES_IN,
                error));
    }

    @GET
    @Path("keys")
    @Operation(summary = "Signing keys")
    public Response keyList(@Context HttpHeaders headers) {
        return requests.signedIn(headers, frame -> keysPage(frame, null));
    }

    @POST
    @Path("keys/rotate")
    @Operation(summary = "Rotates a signing key")
    public Response rotateKey(byte[] body, @HeaderParam(HttpHeaders.CONTENT_TYPE) String type,
                              @Context HttpHeaders headers, @Context HttpServerRequest http) {
        return requests.change(headers, type, body, http, change -> {
            String algorithm = change.form().get("algorithm");
            LatchkeyConfig.SigningAlgorithm chosen = Arrays.stream(LatchkeyConfig.SigningAlgorithm.values())
                    .filter(a -> a.name().equals(algorithm)).findFirst()
                    .orElseThrow(() -> new InvalidInput("algorithm must be one of "
                            + Arrays.toString(LatchkeyConfig.SigningAlgorithm.values())));
            var key = keys.rotate(chosen);
            requests.audited(change, "/keys/" + key.kid(), null, "rotated the " + chosen + " key");
            return seeOther(KEYS);
        }, (change, why) -> keysPage(change.frame(), why));
    }

    private Response keysPage(ConsolePages.Frame frame, String error) {
        return page(error == null ? 200 : 400, ConsolePages.keys(frame, keys.list().stream()
                .map(k -> new ConsolePages.Row(List.of(k.kid(), k.algorithm(), ConsoleRequests.time(k.createdAt()),
                        k.retiredAt() == null ? "active" : ConsoleRequests.time(k.retiredAt())), null)).toList(),
                Arrays.stream(LatchkeyConfig.SigningAlgorithm.values()).map(Enum::name).toList(), error));
    }

    /** A whole number from a form field; null when the field is empty. */
    private static Long number(String value, String field) {
        String v = blankToNull(value);
        if (v == null) {
            return null;
        }
        try {
            return Long.valueOf(v);
        } catch (NumberFormatException e) {
            throw new InvalidInput(field + " must be a whole number");
        }
    }

    private static Integer intOf(Long value) {
        return value == null ? null : (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, value));
    }
}
