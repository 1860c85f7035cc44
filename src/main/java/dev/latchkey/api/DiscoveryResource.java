package dev.latchkey.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.latchkey.config.Issuer;
import dev.latchkey.flow.ScopeAdminFlow;
import dev.latchkey.flow.grant.Grants;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * RFC 8414 metadata: where every endpoint is and what it supports. The document is kept prebuilt; a
 * scope change through this instance rebuilds it at once, one through another instance within 5 s.
 */
@Path("/.well-known/oauth-authorization-server")
@Tag(name = "oauth2")
public class DiscoveryResource {
    private static final Duration TTL = Duration.ofSeconds(5);

    private record Document(String json, long builtAt) {
    }

    private final Issuer issuer;
    private final ScopeAdminFlow scopes;
    private final Grants grants;
    private final ObjectMapper json;
    private volatile Document document;

    public DiscoveryResource(Issuer issuer, ScopeAdminFlow scopes, Grants grants, ObjectMapper json) {
        this.issuer = issuer;
        this.scopes = scopes;
        this.grants = grants;
        this.json = json;
    }

    @GET
    @Operation(summary = "Authorization server metadata (RFC 8414)")
    public Response metadata() throws JsonProcessingException {
        Document d = document;
        if (d == null || System.nanoTime() - d.builtAt() > TTL.toNanos()) {
            d = new Document(json.writeValueAsString(build()), System.nanoTime());
            document = d;
        }
        return Response.ok(d.json(), MediaType.APPLICATION_JSON_TYPE).header("Cache-Control", "public, max-age=60")
                .build();
    }

    void scopesChanged(@Observes(during = TransactionPhase.AFTER_SUCCESS) ScopeAdminFlow.ScopesChanged event) {
        document = null;
    }

    private Map<String, Object> build() {
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
        m.put("grant_types_supported", grants.types());
        m.put("code_challenge_methods_supported", List.of("S256"));
        m.put("token_endpoint_auth_methods_supported", List.of("client_secret_basic", "client_secret_post", "none"));
        m.put("revocation_endpoint_auth_methods_supported", List.of("client_secret_basic", "client_secret_post", "none"));
        m.put("introspection_endpoint_auth_methods_supported", List.of("client_secret_basic", "client_secret_post"));
        m.put("authorization_response_iss_parameter_supported", true);
        m.put("scopes_supported", scopes.allNames());
        return m;
    }
}
