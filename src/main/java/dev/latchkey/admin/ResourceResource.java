package dev.latchkey.admin;

import dev.latchkey.flow.ResourceAdminFlow;
import dev.latchkey.http.Paths;
import dev.latchkey.policy.ResourcePolicy;
import dev.latchkey.policy.ResourceView;
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

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/** Resource servers (RFC 8707): the APIs a client may name with {@code resource}. */
@Path(Paths.MANAGEMENT + ResourceResource.PATH)
@ManagementApi
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "resources")
public class ResourceResource {
    static final String PATH = "/resources";

    /** Create and replace body; a response's read-only fields are ignored, so GET, edit, PUT works. */
    @JsonIgnoreProperties(value = {"id", "created_at", "updated_at"})
    public record ResourceRequest(String uri, String name, List<String> scopes, String accessTokenTyp) {
        ResourcePolicy.Input input() {
            return new ResourcePolicy.Input(uri, name, scopes, accessTokenTyp);
        }
    }

    public record ResourceResponse(String id, String uri, String name, Set<String> scopes, String accessTokenTyp,
                                   Instant createdAt, Instant updatedAt) {
        static ResourceResponse of(ResourceView r) {
            return new ResourceResponse(r.id(), r.uri(), r.name(), r.scopes(), r.accessTokenTyp(), r.createdAt(),
                    r.updatedAt());
        }
    }

    private final ResourceAdminFlow flow;
    private final Links links;

    public ResourceResource(ResourceAdminFlow flow, Links links) {
        this.flow = flow;
        this.links = links;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @APIResponse(responseCode = "201", description = "Registered the resource server")
    public RestResponse<ResourceResponse> create(ResourceRequest request, UriInfo uri) {
        ResourceView created = flow.create(Bodies.required(request).input());
        return RestResponse.ResponseBuilder.<ResourceResponse>created(links.created(uri, created.id()))
                .entity(ResourceResponse.of(created)).build();
    }

    @GET
    public RestResponse<List<ResourceResponse>> list(@RestQuery String after, @RestQuery String limit, UriInfo uri) {
        return Paging.response(flow.list(after, Paging.limit(limit)), ResourceResponse::of, uri, links);
    }

    @GET
    @Path("{id}")
    public ResourceResponse get(@RestPath String id) {
        return ResourceResponse.of(flow.get(id));
    }

    @PUT
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    public ResourceResponse replace(@RestPath String id, ResourceRequest request) {
        return ResourceResponse.of(flow.replace(id, Bodies.required(request).input()));
    }

    @DELETE
    @APIResponse(responseCode = "204", description = "Deleted")
    @Path("{id}")
    public RestResponse<Void> delete(@RestPath String id) {
        flow.delete(id);
        return RestResponse.noContent();
    }
}
