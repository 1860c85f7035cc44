package dev.latchkey.console;

import dev.latchkey.config.LatchkeyConfig;
import dev.latchkey.flow.ClientAdminFlow;
import dev.latchkey.flow.ConsoleFlow;
import dev.latchkey.flow.Page;
import dev.latchkey.flow.grant.Grants;
import dev.latchkey.http.FormEncoding;
import dev.latchkey.http.Paths;
import dev.latchkey.policy.ClientRegistration;
import dev.latchkey.policy.ClientSummary;
import dev.latchkey.policy.ClientView;
import dev.latchkey.policy.NotFound;
import dev.latchkey.policy.Parameters;
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

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static dev.latchkey.console.ConsoleRequests.PAGE;
import static dev.latchkey.console.ConsoleRequests.lines;
import static dev.latchkey.console.ConsoleRequests.ok;
import static dev.latchkey.console.ConsoleRequests.page;
import static dev.latchkey.console.ConsoleRequests.seeOther;
import static dev.latchkey.console.ConsoleRequests.words;

/**
 * {@code /console/clients}: search, create (the secret shown once), edit, enable or disable, rotate the secret,
 * delete after a confirmation. Every change goes through {@link ClientAdminFlow}, the management API's rules.
 */
@Path(Paths.CONSOLE + "/clients")
@ConsolePage
@Tag(name = "console")
public class ConsoleClientsResource {
    private static final String HOME = Paths.CONSOLE + "/clients";

    private final ConsoleRequests requests;
    private final ClientAdminFlow clients;
    private final Grants grants;

    public ConsoleClientsResource(ConsoleRequests requests, ClientAdminFlow clients, Grants grants) {
        this.requests = requests;
        this.clients = clients;
        this.grants = grants;
    }

    @GET
    @Operation(summary = "Clients, searched and paged")
    public Response list(@RestQuery String q, @RestQuery String after, @Context HttpHeaders headers) {
        return requests.signedIn(headers, frame -> {
            Page<ClientSummary> found = clients.summaries(q, after, PAGE);
            return ok(ConsolePages.clients(frame, found.items(), q,
                    ConsoleRequests.next(HOME, Map.of("q", q == null ? "" : q), found, "after")));
        });
    }

    @GET
    @Path("new")
    @Operation(summary = "The new-client form")
    public Response newClient(@Context HttpHeaders headers) {
        return requests.signedIn(headers, frame -> ok(form(frame, null, new ConsolePages.ClientForm("",
                "confidential", "", "", "", List.of("authorization_code", "refresh_token"), "", "", true, true,
                LatchkeyConfig.SigningAlgorithm.RS256.name(), false, false), null)));
    }

    @POST
    @Operation(summary = "Creates a client")
    public Response create(byte[] body, @HeaderParam(HttpHeaders.CONTENT_TYPE) String type,
                           @Context HttpHeaders headers, @Context HttpServerRequest http) {
        return requests.change(headers, type, body, http, change -> {
            ClientAdminFlow.WithSecret created = clients.create(input(sent(change.form()), null));
            String clientId = created.client().clientId();
            requests.audited(change, "/clients/" + clientId, clientId, "created client " + created.client().name());
            return created.secret() == null ? seeOther(HOME + "/" + clientId)
                    : ok(ConsolePages.secret(change.frame(), secretShown(created)));
        }, (change, why) -> page(400, form(change.frame(), null, sent(change.form()), why)));
    }

    @GET
    @Path("{clientId}")
    @Operation(summary = "One client")
    public Response client(@RestPath String clientId, @Context HttpHeaders headers) {
        return found(clientId, headers, (frame, c) -> ok(ConsolePages.client(frame, c.clientId(), c.name(),
                fields(c), c.isConfidential(), c.enabled(), ConsoleFlow.CLIENT_ID.equals(c.clientId()))));
    }

    @GET
    @Path("{clientId}/edit")
    @Operation(summary = "The form that edits a client")
    public Response edit(@RestPath String clientId, @Context HttpHeaders headers) {
        return found(clientId, headers, (frame, c) -> ok(form(frame, c.clientId(), new ConsolePages.ClientForm(
                c.name(), c.type().wireName(), String.join("\n", c.redirectUris()),
                String.join(" ", c.allowedScopes()), String.join(" ", c.defaultScopes()),
                List.copyOf(c.grantTypes()), String.join("\n", c.postLogoutRedirectUris()),
                String.join("\n", c.allowedResources()), c.requirePkce(), c.enabled(),
                c.idTokenSignedResponseAlg(), c.dpopBoundAccessTokens(), c.requirePushedAuthorizationRequests()),
                null)));
    }

    @POST
    @Path("{clientId}")
    @Operation(summary = "Changes a client")
    public Response update(@RestPath String clientId, byte[] body, @HeaderParam(HttpHeaders.CONTENT_TYPE) String type,
                           @Context HttpHeaders headers, @Context HttpServerRequest http) {
        return requests.change(headers, type, body, http, change -> {
            ClientView now = clients.replace(clientId, input(sent(change.form()), clients.get(clientId)));
            requests.audited(change, "/clients/" + clientId, clientId, "changed client " + now.name());
            return seeOther(HOME + "/" + clientId);
        }, (change, why) -> page(400, form(change.frame(), clientId, sent(change.form()), why)));
    }

    /** Enables or disables a client: a disabled one is refused at the authorization and token endpoints. */
    @POST
    @Path("{clientId}/enabled")
    @Operation(summary = "Enables or disables a client")
    public Response enable(@RestPath String clientId, byte[] body, @HeaderParam(HttpHeaders.CONTENT_TYPE) String type,
                           @Context HttpHeaders headers, @Context HttpServerRequest http) {
        return requests.change(headers, type, body, http, change -> {
            boolean enabled = "true".equals(change.form().get("enabled"));
            ClientView c = clients.setEnabled(clientId, enabled);
            requests.audited(change, "/clients/" + clientId, clientId, (enabled ? "enabled" : "disabled")
                    + " client " + c.name());
            return seeOther(HOME + "/" + clientId);
        });
    }

    @GET
    @Path("{clientId}/delete")
    @Operation(summary = "Asks before deleting a client")
    public Response confirmDelete(@RestPath String clientId, @Context HttpHeaders headers) {
        return found(clientId, headers, (frame, c) -> ok(ConsolePages.confirm(frame, new ConsolePages.Confirm(
                "Delete " + c.name() + "?", "The client " + c.clientId() + " is deleted with its grants and "
                + "tokens: its users' tokens stop working at once. This cannot be undone.",
                HOME + "/" + FormEncoding.encode(c.clientId()) + "/delete", "Delete the client",
                HOME + "/" + FormEncoding.encode(c.clientId())))));
    }

    @POST
    @Path("{clientId}/delete")
    @Operation(summary = "Deletes a client")
    public Response delete(@RestPath String clientId, byte[] body, @HeaderParam(HttpHeaders.CONTENT_TYPE) String type,
                           @Context HttpHeaders headers, @Context HttpServerRequest http) {
        return requests.change(headers, type, body, http, change -> {
            clients.delete(clientId);
            requests.audited(change, "/clients/" + clientId, clientId, "deleted client " + clientId);
            return seeOther(HOME);
        });
    }

    @POST
    @Path("{clientId}/secret")
    @Operation(summary = "Rotates a client's secret")
    public Response rotateSecret(@RestPath String clientId, byte[] body,
                                 @HeaderParam(HttpHeaders.CONTENT_TYPE) String type, @Context HttpHeaders headers,
                                 @Context HttpServerRequest http) {
        return requests.change(headers, type, body, http, change -> {
            ClientAdminFlow.WithSecret rotated = clients.rotateSecret(clientId);
            requests.audited(change, "/clients/" + clientId + "/secret", clientId, "rotated the secret");
            return ok(ConsolePages.secret(change.frame(), secretShown(rotated)));
        });
    }

    private Response found(String clientId, HttpHeaders headers,
                           java.util.function.BiFunction<ConsolePages.Frame, ClientView, Response> page) {
        return requests.signedIn(headers, frame -> page.apply(frame, clients.get(clientId)));
    }

    private io.quarkus.qute.TemplateInstance form(ConsolePages.Frame frame, String clientId,
                                                  ConsolePages.ClientForm form, String error) {
        return ConsolePages.clientForm(frame, clientId, form, grants.types(),
                Arrays.stream(LatchkeyConfig.SigningAlgorithm.values()).map(Enum::name).toList(), error);
    }

    private static ConsolePages.SecretShown secretShown(ClientAdminFlow.WithSecret client) {
        String id = client.client().clientId();
        return new ConsolePages.SecretShown(client.client().name(), "Client id", id, "Client secret",
                client.secret(), HOME + "/" + FormEncoding.encode(id), "Go to the client");
    }

    private static ConsolePages.ClientForm sent(Parameters form) {
        return new ConsolePages.ClientForm(form.get("name"), form.get("client_type"), form.get("redirect_uris"),
                form.get("allowed_scopes"), form.get("default_scopes"), form.all("grant_types"),
                form.get("post_logout_redirect_uris"), form.get("allowed_resources"),
                form.get("require_pkce") != null, form.get("enabled") != null,
                form.get("id_token_signed_response_alg"), form.get("dpop_bound_access_tokens") != null,
                form.get("require_pushed_authorization_requests") != null);
    }

    /** The form as the management API's input; what the form does not show is kept from {@code current}. */
    private static ClientRegistration.Input input(ConsolePages.ClientForm sent, ClientView current) {
        return new ClientRegistration.Input(sent.name(), current == null ? sent.clientType() : null,
                lines(sent.redirectUris()), words(sent.allowedScopes()), words(sent.defaultScopes()),
                sent.grantTypes(), sent.requirePkce(), sent.enabled(), lines(sent.postLogoutRedirectUris()),
                sent.idTokenAlg(), lines(sent.allowedResources()),
                current == null ? null : current.tokenEndpointAuthMethod(),
                current == null ? null : current.clientUri(), current == null ? null : current.logoUri(),
                current == null ? null : current.contacts(), sent.dpop(), sent.requirePar());
    }

    private static List<ConsolePages.Field> fields(ClientView c) {
        List<ConsolePages.Field> fields = new ArrayList<>(List.of(
                new ConsolePages.Field("Client id", c.clientId()),
                new ConsolePages.Field("Type", c.type().wireName()),
                new ConsolePages.Field("State", c.enabled() ? "enabled" : "disabled"),
                new ConsolePages.Field("Redirect URIs", String.join(" ", c.redirectUris())),
                new ConsolePages.Field("Allowed scopes", String.join(" ", c.allowedScopes())),
                new ConsolePages.Field("Default scopes", String.join(" ", c.defaultScopes())),
                new ConsolePages.Field("Grant types", String.join(" ", c.grantTypes())),
                new ConsolePages.Field("PKCE", c.requirePkce() ? "required" : "optional"),
                new ConsolePages.Field("DPoP", c.dpopBoundAccessTokens() ? "required (RFC 9449)" : "optional"),
                new ConsolePages.Field("Pushed authorization requests",
                        c.requirePushedAuthorizationRequests() ? "required (RFC 9126)" : "optional"),
                new ConsolePages.Field("Post-logout redirect URIs", String.join(" ", c.postLogoutRedirectUris())),
                new ConsolePages.Field("Allowed resources", String.join(" ", c.allowedResources())),
                new ConsolePages.Field("id_token algorithm", c.idTokenSignedResponseAlg()),
                new ConsolePages.Field("Registered", c.selfRegistered() ? "by itself (RFC 7591)"
                        : "by an administrator"),
                new ConsolePages.Field("Created", ConsoleRequests.time(c.createdAt()))));
        fields.add(new ConsolePages.Field("Updated", ConsoleRequests.time(c.updatedAt())));
        return fields;
    }
}
