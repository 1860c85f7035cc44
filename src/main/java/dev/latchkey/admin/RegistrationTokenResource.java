package dev.latchkey.admin;

import dev.latchkey.flow.RegistrationTokenFlow;
import dev.latchkey.flow.RegistrationTokenFlow.TokenView;
import dev.latchkey.http.Paths;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import com.fasterxml.jackson.annotation.JsonInclude;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;
import org.jboss.resteasy.reactive.RestResponse;

import java.time.Instant;
import java.util.List;

/** Initial access tokens for dynamic registration in {@code token} mode (RFC 7591 §3). */
@Path(Paths.MANAGEMENT + RegistrationTokenResource.PATH)
@ManagementApi
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "registration-tokens")
public class RegistrationTokenResource {
    static final String PATH = "/registration-tokens";

    /** @param expiresIn seconds (default a day); @param maxUses registrations it allows (default one) */
    public record TokenRequest(Long expiresIn, Integer maxUses) {
    }

    /** {@code token} only in the answer that mints it. */
    public record TokenResponse(String id, @JsonInclude(JsonInclude.Include.NON_NULL) String token,
                                Instant expiresAt, int maxUses, int uses, Instant createdAt) {
        static TokenResponse of(TokenView v, String token) {
            return new TokenResponse(v.id(), token, v.expiresAt(), v.maxUses(), v.uses(), v.createdAt());
        }

        static TokenResponse of(TokenView v) {
            return of(v, null);
        }
    }

    private final RegistrationTokenFlow flow;
    private final Links links;

    public RegistrationTokenResource(RegistrationTokenFlow flow, Links links) {
        this.flow = flow;
        this.links = links;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @APIResponse(responseCode = "201", description = "Minted the token (shown only here)")
    public RestResponse<TokenResponse> mint(TokenRequest request, UriInfo uri) {
        TokenRequest body = request == null ? new TokenRequest(null, null) : request;
        var minted = flow.mint(body.expiresIn(), body.maxUses());
        return RestResponse.ResponseBuilder.<TokenResponse>created(links.created(uri, minted.view().id()))
                .header("Cache-Control", "no-store").entity(TokenResponse.of(minted.view(), minted.token())).build();
    }

    @GET
    public RestResponse<List<TokenResponse>> list(@RestQuery String after, @RestQuery String limit, UriInfo uri) {
        return Paging.response(flow.list(after, Paging.limit(limit)), TokenResponse::of, uri, links);
    }

    @DELETE
    @APIResponse(responseCode = "204", description = "Withdrawn")
    @Path("{id}")
    public RestResponse<Void> delete(@RestPath String id) {
        flow.delete(id);
        return RestResponse.noContent();
    }
}
