package dev.latchkey.api;

import dev.latchkey.http.Paths;
import dev.latchkey.token.KeyRing;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The public signing keys (RFC 7517 JWK Set), prebuilt in memory. */
@Path(Paths.OAUTH + "/jwks")
@Tag(name = "oauth2")
public class JwksResource {
    private final KeyRing keys;

    public JwksResource(KeyRing keys) {
        this.keys = keys;
    }

    @GET
    @Operation(summary = "Public signing keys (RFC 7517 JWK Set)")
    public Response jwks() {
        // short caching: a resource server re-fetches soon after a rotation anyway (unknown kid)
        return Response.ok(keys.jwks(), "application/jwk-set+json").header("Cache-Control", "public, max-age=60")
                .build();
    }
}
