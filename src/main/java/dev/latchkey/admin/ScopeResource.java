package dev.latchkey.admin;

import dev.latchkey.http.Paths;
import dev.latchkey.flow.ScopeAdminFlow;
import dev.latchkey.flow.ScopeAdminFlow.ScopeView;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
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

@Path(Paths.MANAGEMENT + ScopeResource.PATH)
@ManagementApi
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "scopes")
public class ScopeResource {
    static final String PATH = "/scopes";


    public record ScopeRequest(String name, String description) {
    }

    public record ScopeResponse(String name, String description, Instant createdAt) {
        static ScopeResponse of(ScopeView v) {
            return new ScopeResponse(v.name(), v.description(), v.createdAt());
        }
    }

    private final ScopeAdminFlow flow;
    private final Links links;

    public ScopeResource(ScopeAdminFlow flow, Links links) {
        this.flow = flow;
        this.links = links;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @APIResponse(responseCode = "201", description = "Created the scope")
    public RestResponse<ScopeResponse> create(ScopeRequest request, UriInfo uri) {
        ScopeRequest body = Bodies.required(request);
        ScopeView created = flow.create(body.name(), body.description());
        return RestResponse.ResponseBuilder.<ScopeResponse>created(links.created(uri, created.name()))
                .entity(ScopeResponse.of(created)).build();
    }

    @GET
    public RestResponse<List<ScopeResponse>> list(@RestQuery String after, @RestQuery String limit, UriInfo uri) {
        return Paging.response(flow.list(after, Paging.limit(limit)), ScopeResponse::of, uri, links);
    }

    @DELETE
    @APIResponse(responseCode = "204", description = "Deleted")
    @Path("{name}")
    public RestResponse<Void> delete(@RestPath String name) {
        flow.delete(name);
        return RestResponse.noContent();
    }
}
