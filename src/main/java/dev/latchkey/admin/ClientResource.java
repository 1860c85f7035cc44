package dev.latchkey.admin;

import dev.latchkey.http.Paths;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import dev.latchkey.flow.ClientAdminFlow;
import dev.latchkey.policy.ClientRegistration;
import dev.latchkey.policy.ClientView;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;
import org.jboss.resteasy.reactive.RestResponse;

import java.time.Instant;
import java.util.List;
import java.util.Set;

@Path(Paths.MANAGEMENT + ClientResource.PATH)
@ManagementApi
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "clients")
public class ClientResource {
    static final String PATH = "/clients";


    /**
     * Create and replace body. The read-only fields of a response ({@code client_id}, timestamps) are
     * ignored, so a client read with GET can be edited and sent back with PUT.
     */
    @JsonIgnoreProperties(value = {"client_id", "created_at", "updated_at", "self_registered", "first_token_at"})
    public record ClientRequest(
            String name,
            String clientType,
            List<String> redirectUris,
            List<String> allowedScopes,
            List<String> defaultScopes,
            List<String> grantTypes,
            Boolean requirePkce,
            Boolean enabled,
            List<String> postLogoutRedirectUris,
            String idTokenSignedResponseAlg,
            List<String> allowedResources,
            String tokenEndpointAuthMethod,
            String clientUri,
            String logoUri,
            List<String> contacts,
            Boolean dpopBoundAccessTokens,
            Boolean requirePushedAuthorizationRequests) {

        ClientRegistration.Input input() {
            return new ClientRegistration.Input(name, clientType, redirectUris, allowedScopes, defaultScopes,
                    grantTypes, requirePkce, enabled, postLogoutRedirectUris, idTokenSignedResponseAlg,
                    allowedResources, tokenEndpointAuthMethod, clientUri, logoUri, contacts, dpopBoundAccessTokens,
                    requirePushedAuthorizationRequests);
        }
    }

    public record ClientResponse(
            String clientId,
            @JsonInclude(JsonInclude.Include.NON_NULL) String clientSecret,
            String name,
            String clientType,
            List<String> redirectUris,
            Set<String> allowedScopes,
            Set<String> defaultScopes,
            List<String> grantTypes,
            boolean requirePkce,
            boolean enabled,
            List<String> postLogoutRedirectUris,
            String idTokenSignedResponseAlg,
            Set<String> allowedResources,
            String tokenEndpointAuthMethod,
            @JsonInclude(JsonInclude.Include.NON_NULL) String clientUri,
            @JsonInclude(JsonInclude.Include.NON_NULL) String logoUri,
            List<String> contacts,
            boolean dpopBoundAccessTokens,
            boolean requirePushedAuthorizationRequests,
            boolean selfRegistered,
            @JsonInclude(JsonInclude.Include.NON_NULL) Instant firstTokenAt,
            Instant createdAt,
            Instant updatedAt) {

        static ClientResponse of(ClientView c, String secret) {
            return new ClientResponse(c.clientId(), secret, c.name(), c.type().wireName(), c.redirectUris(),
                    c.allowedScopes(), c.defaultScopes(), List.copyOf(c.grantTypes()),
                    c.requirePkce(), c.enabled(), c.postLogoutRedirectUris(), c.idTokenSignedResponseAlg(),
                    c.allowedResources(), c.tokenEndpointAuthMethod(), c.clientUri(), c.logoUri(), c.contacts(),
                    c.dpopBoundAccessTokens(), c.requirePushedAuthorizationRequests(), c.selfRegistered(), c.firstTokenAt(), c.createdAt(), c.updatedAt());
        }

        static ClientResponse of(ClientView c) {
            return of(c, null);
        }
    }

    private final ClientAdminFlow flow;
    private final Links links;

    public ClientResource(ClientAdminFlow flow, Links links) {
        this.flow = flow;
        this.links = links;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @APIResponse(responseCode = "201", description = "Created the client, with its secret (shown only here and on rotation)")
    public RestResponse<ClientResponse> create(ClientRequest request, UriInfo uri) {
        var created = flow.create(Bodies.required(request).input());
        return RestResponse.ResponseBuilder.<ClientResponse>
                created(links.created(uri, created.client().clientId())).header("Cache-Control", "no-store")
                .entity(ClientResponse.of(created.client(), created.secret())).build();
    }

    @GET
    public RestResponse<List<ClientResponse>> list(@RestQuery String after, @RestQuery String limit, UriInfo uri) {
        return Paging.response(flow.list(after, Paging.limit(limit)), ClientResponse::of, uri, links);
    }

    @GET
    @Path("{clientId}")
    public ClientResponse get(@RestPath String clientId) {
        return ClientResponse.of(flow.get(clientId));
    }

    @PUT
    @Path("{clientId}")
    @Consumes(MediaType.APPLICATION_JSON)
    public ClientResponse replace(@RestPath String clientId, ClientRequest request) {
        return ClientResponse.of(flow.replace(clientId, Bodies.required(request).input()));
    }

    @DELETE
    @APIResponse(responseCode = "204", description = "Deleted")
    @Path("{clientId}")
    public RestResponse<Void> delete(@RestPath String clientId) {
        flow.delete(clientId);
        return RestResponse.noContent();
    }

    /** Issues a new secret; the old one stops working at once. */
    @POST
    @Path("{clientId}/secret")
    public RestResponse<ClientResponse> rotateSecret(@RestPath String clientId) {
        var rotated = flow.rotateSecret(clientId);
        return RestResponse.ResponseBuilder.ok(ClientResponse.of(rotated.client(), rotated.secret()))
                .header("Cache-Control", "no-store").build();
    }
}
