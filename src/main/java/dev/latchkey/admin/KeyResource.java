package dev.latchkey.admin;

import dev.latchkey.http.Paths;
import com.fasterxml.jackson.annotation.JsonRawValue;
import dev.latchkey.policy.NotFound;
import dev.latchkey.flow.SigningKeyFlow;
import dev.latchkey.flow.SigningKeyFlow.KeyInfo;
import dev.latchkey.config.LatchkeyConfig;
import dev.latchkey.policy.InvalidInput;
import dev.latchkey.policy.Quote;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;
import org.jboss.resteasy.reactive.RestResponse;

import java.time.Instant;
import java.util.List;

/** The signing keys (public halves only) and their rotation. */
@Path(Paths.MANAGEMENT + KeyResource.PATH)
@ManagementApi
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "keys")
public class KeyResource {
    static final String PATH = "/keys";


    public record KeyResponse(String kid, String algorithm, boolean active, @JsonRawValue String publicJwk,
                              Instant createdAt, Instant retiredAt) {
        static KeyResponse of(KeyInfo k) {
            return new KeyResponse(k.kid(), k.algorithm(), k.retiredAt() == null, k.publicJwk(), k.createdAt(),
                    k.retiredAt());
        }
    }

    private final SigningKeyFlow keys;
    private final Links links;

    private final LatchkeyConfig config;

    public KeyResource(SigningKeyFlow keys, Links links, LatchkeyConfig config) {
        this.keys = keys;
        this.links = links;
        this.config = config;
    }

    /** The published keys: the active one and those retired less than a token lifetime ago. */
    @GET
    public List<KeyResponse> list() {
        return keys.list().stream().map(KeyResponse::of).toList();
    }

    @GET
    @Path("{kid}")
    public KeyResponse get(@RestPath String kid) {
        return keys.list().stream().filter(k -> k.kid().equals(kid)).findFirst().map(KeyResponse::of)
                .orElseThrow(() -> new NotFound("no published key with kid " + Quote.of(kid)));
    }

    /**
     * Adds a new active key of one algorithm ({@code ?algorithm=ES256|RS256}, by default the one access tokens
     * are signed with); the previous one keeps verifying (and stays in the JWKS) until its tokens expire.
     */
    @POST
    @Path("rotate")
    @APIResponse(responseCode = "201", description = "The new active key")
    public RestResponse<KeyResponse> rotate(@RestQuery String algorithm) {
        KeyInfo created = keys.rotate(algorithm(algorithm));
        return RestResponse.ResponseBuilder.<KeyResponse>created(links.at(Paths.MANAGEMENT + PATH, created.kid()))
                .entity(KeyResponse.of(created)).build();
    }

    private LatchkeyConfig.SigningAlgorithm algorithm(String name) {
        if (name == null || name.isEmpty()) {
            return config.token().signingAlgorithm();
        }
        try {
            return LatchkeyConfig.SigningAlgorithm.valueOf(name);
        } catch (IllegalArgumentException e) {
            throw new InvalidInput("algorithm must be ES256 or RS256, not " + Quote.of(name));
        }
    }
}
