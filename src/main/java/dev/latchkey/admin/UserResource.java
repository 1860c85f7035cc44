package dev.latchkey.admin;

import dev.latchkey.http.Paths;
import dev.latchkey.flow.UserAdminFlow;
import dev.latchkey.flow.UserAdminFlow.UserView;
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

@Path(Paths.MANAGEMENT + UserResource.PATH)
@ManagementApi
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "users")
public class UserResource {
    static final String PATH = "/users";


    public record UserRequest(String username, String password) {
    }

    public record UserResponse(String username, Instant createdAt) {
        static UserResponse of(UserView v) {
            return new UserResponse(v.username(), v.createdAt());
        }
    }

    private final UserAdminFlow flow;
    private final Links links;

    public UserResource(UserAdminFlow flow, Links links) {
        this.flow = flow;
        this.links = links;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @APIResponse(responseCode = "201", description = "Created the user")
    public RestResponse<UserResponse> create(UserRequest request, UriInfo uri) {
        UserRequest body = Bodies.required(request);
        UserView created = flow.create(body.username(), body.password());
        return RestResponse.ResponseBuilder.<UserResponse>created(links.created(uri, created.username()))
                .entity(UserResponse.of(created)).build();
    }

    @GET
    public RestResponse<List<UserResponse>> list(@RestQuery String after, @RestQuery String limit, UriInfo uri) {
        return Paging.response(flow.list(after, Paging.limit(limit)), UserResponse::of, uri, links);
    }

    @GET
    @Path("{username}")
    public UserResponse get(@RestPath String username) {
        return UserResponse.of(flow.get(username));
    }

    @DELETE
    @APIResponse(responseCode = "204", description = "Deleted")
    @Path("{username}")
    public RestResponse<Void> delete(@RestPath String username) {
        flow.delete(username);
        return RestResponse.noContent();
    }
}
