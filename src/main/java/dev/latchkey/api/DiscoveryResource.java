package dev.latchkey.api;

import dev.latchkey.config.Issuer;
import dev.latchkey.store.ScopeRepository;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** RFC 8414 metadata: where every endpoint is and what it supports. */
@Path("/.well-known/oauth-authorization-server")
@Tag(name = "oauth2")
public class DiscoveryResource {
    private final Issuer issuer;
    private final ScopeRepository scopes;

    public DiscoveryResource(Issuer issuer, ScopeRepository scopes) {
        this.issuer = issuer;
        this.scopes = scopes;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Transactional
    @Operation(summary = "Authorization server metadata (RFC 8414)")
    public Map<String, Object> metadata() {
        String base = issuer.value();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("issuer", base);
        m.put("authorization_endpoint", base + "/oauth2/authorize");
        m.put("token_endpoint", base + "/oauth2/token");
        m.put("revocation_endpoint", base + "/oauth2/revoke");
        m.put("introspection_endpoint", base + "/oauth2/introspect");
        m.put("jwks_uri", base + "/oauth2/jwks");
        m.put("response_types_supported", List.of("code"));
        m.put("response_modes_supported", List.of("query"));
        m.put("grant_types_supported", List.of("authorization_code", "refresh_token", "client_credentials"));
        m.put("code_challenge_methods_supported", List.of("S256"));
        m.put("token_endpoint_auth_methods_supported", List.of("client_secret_basic", "client_secret_post", "none"));
        m.put("revocation_endpoint_auth_methods_supported", List.of("client_secret_basic", "client_secret_post", "none"));
        m.put("introspection_endpoint_auth_methods_supported", List.of("client_secret_basic", "client_secret_post"));
        m.put("authorization_response_iss_parameter_supported", true);
        m.put("scopes_supported", scopes.allNames());
        return m;
    }
}
