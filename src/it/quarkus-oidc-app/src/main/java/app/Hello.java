package app;

import io.quarkus.oidc.IdToken;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** A page for signed-in users (web-app), and an API for bearer tokens (service). */
@Path("/")
@Authenticated
@Produces(MediaType.TEXT_PLAIN)
public class Hello {
    @Inject
    SecurityIdentity identity;

    @Inject
    @IdToken
    JsonWebToken idToken;

    @Inject
    JsonWebToken accessToken;

    /** web-app: the code flow has run; the id_token says who this is. */
    @GET
    @Path("hello")
    public String hello() {
        return "Hello, " + idToken.getClaim("name") + " (" + identity.getPrincipal().getName() + ")";
    }

    /** service: the bearer access token was verified against the issuer's keys. */
    @GET
    @Path("api/me")
    public String me() {
        return "sub=" + accessToken.getSubject() + " scope=" + accessToken.getClaim("scope");
    }
}
