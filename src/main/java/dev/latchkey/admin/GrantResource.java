package dev.latchkey.admin;

import dev.latchkey.http.Paths;
import dev.latchkey.flow.GrantAdminFlow;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestResponse;

import java.time.Instant;
import java.util.List;

@Path(Paths.MANAGEMENT + GrantResource.PATH)
@ManagementApi
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "users")
public class GrantResource {
    static final String PATH = "/users/{username}/grants";


    public record GrantResponse(String clientId, String clientName, List<String> scopes, Instant grantedAt,
                                Instant updatedAt) {
    }

    private final GrantAdminFlow flow;

    public GrantResource(GrantAdminFlow flow) {
        this.flow = flow;
    }

    @GET
    public List<GrantResponse> list(@RestPath String username) {
        return flow.list(username).stream()
                .map(r -> new GrantResponse(r.clientId(), r.clientName(), r.scopes(), r.grantedAt(), r.updatedAt()))
                .toList();
    }

    /** Withdraws the consent and revokes every refresh token issued under it. */
    @DELETE
    @Path("{clientId}")
    @APIResponse(responseCode = "204", description = "Revoked")
    public RestResponse<Void> revoke(@RestPath String username, @RestPath String clientId) {
        flow.revoke(username, clientId);
        return RestResponse.noContent();
    }
}
