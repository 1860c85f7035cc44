package dev.latchkey.admin;

import dev.latchkey.http.Paths;
import dev.latchkey.flow.UserAdminFlow;
import dev.latchkey.flow.UserAdminFlow.UserView;
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
import com.fasterxml.jackson.annotation.JsonInclude;
import dev.latchkey.policy.InvalidInput;
import dev.latchkey.policy.Quote;
import dev.latchkey.policy.UserClaims;

import java.time.Instant;
import java.util.List;

@Path(Paths.MANAGEMENT + UserResource.PATH)
@ManagementApi
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "users")
public class UserResource {
    static final String PATH = "/users";

    /** Create and replace body; the claims are optional (OpenID Connect Core §5.1). */
    @JsonIgnoreProperties(value = {"created_at", "preferred_username"})
    public record UserRequest(String username, String password, String name, String givenName, String familyName,
                              String email, Boolean emailVerified, List<String> roles) {
        UserClaims claims() {
            return new UserClaims(name, givenName, familyName, email, emailVerified != null && emailVerified);
        }
    }

    public record UserResponse(String username, @JsonInclude(JsonInclude.Include.NON_NULL) String name,
                               @JsonInclude(JsonInclude.Include.NON_NULL) String givenName,
                               @JsonInclude(JsonInclude.Include.NON_NULL) String familyName,
                               @JsonInclude(JsonInclude.Include.NON_NULL) String email, boolean emailVerified,
                               List<String> roles, Instant createdAt) {
        static UserResponse of(UserView v) {
            UserClaims c = v.claims();
            return new UserResponse(v.username(), c.name(), c.givenName(), c.familyName(), c.email(), c.emailVerified(),
                    v.roles(), v.createdAt());
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
        UserView created = flow.create(body.username(), body.password(), body.claims(), body.roles());
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

    /** Replaces the claims; the password too when one is sent. The username cannot change. */
    @PUT
    @Path("{username}")
    @Consumes(MediaType.APPLICATION_JSON)
    public UserResponse replace(@RestPath String username, UserRequest request) {
        UserRequest body = Bodies.required(request);
        if (body.username() != null && !body.username().equals(username)) {
            throw new InvalidInput("username cannot be changed (it is " + Quote.of(username) + ")");
        }
        return UserResponse.of(flow.replace(username, body.password(), body.claims(), body.roles()));
    }

    @DELETE
    @APIResponse(responseCode = "204", description = "Deleted")
    @Path("{username}")
    public RestResponse<Void> delete(@RestPath String username) {
        flow.delete(username);
        return RestResponse.noContent();
    }
}
