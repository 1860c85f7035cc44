package dev.latchkey.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.latchkey.config.Issuer;
import dev.latchkey.config.LatchkeyConfig;
import dev.latchkey.flow.ScopeAdminFlow;
import dev.latchkey.flow.grant.Grants;
import dev.latchkey.flow.RegistrationFlow;
import dev.latchkey.http.Paths;
import dev.latchkey.policy.DynamicRegistrationPolicy;
import dev.latchkey.policy.DpopPolicy;
import dev.latchkey.policy.OpenIdRequest;
import dev.latchkey.policy.OpenIdSubject;
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
import java.util.stream.Stream;

/**
 * RFC 8414 metadata and OpenID Connect Discovery 1.0 §3: where every endpoint is and what it supports. One
 * document answers both paths, so they agree on every field (RFC 8414 §2 registers the OpenID fields too).
 * It is kept prebuilt; a scope change through this instance rebuilds it at once, one through another
 * instance within 5 s.
 */
@Path("/.well-known")
@Tag(name = "oauth2")
public class DiscoveryResource {
    private static final Duration TTL = Duration.ofSeconds(5);

    private record Document(String json, long builtAt) {
    }

    private final Issuer issuer;
    private final ScopeAdminFlow scopes;
    private final Grants grants;
    private final RegistrationFlow registration;
    private final ObjectMapper json;
    private final boolean pushRequired;
    private volatile Document document;

    public DiscoveryResource(Issuer issuer, ScopeAdminFlow scopes, Grants grants, RegistrationFlow registration,
                             ObjectMapper json, LatchkeyConfig config) {
        this.pushRequired = config.par().required();
        this.issuer = issuer;
        this.scopes = scopes;
        this.grants = grants;
        this.registration = registration;
        this.json = json;
    }

    @GET
    @Path("oauth-authorization-server")
    @Operation(summary = "Authorization server metadata (RFC 8414)")
    public Response metadata() throws JsonProcessingException {
        return document();
    }

    @GET
    @Path("openid-configuration")
    @Operation(summary = "OpenID Provider metadata (OpenID Connect Discovery 1.0)")
    public Response openIdConfiguration() throws JsonProcessingException {
        return document();
    }

    private Response document() throws JsonProcessingException {
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

    /** The id_token's own claims (OpenID Connect Core §2) and those scopes release (§5.4). */
    private static final List<String> CLAIMS = Stream.concat(
            Stream.of("iss", "aud", "exp", "iat", "auth_time", "nonce", "azp", "at_hash"),
            OpenIdSubject.CLAIMS.stream()).toList();

    private Map<String, Object> build() {
        String base = issuer.value();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("issuer", base);
        m.put("authorization_endpoint", base + "/oauth2/authorize");
        m.put("token_endpoint", base + "/oauth2/token");
        m.put("revocation_endpoint", base + "/oauth2/revoke");
        m.put("introspection_endpoint", base + "/oauth2/introspect");
        m.put("jwks_uri", base + "/oauth2/jwks");
        m.put("userinfo_endpoint", base + Paths.USERINFO);
        m.put("end_session_endpoint", base + Paths.LOGOUT);
        m.put("device_authorization_endpoint", base + Paths.DEVICE_AUTHORIZATION);
        m.put("pushed_authorization_request_endpoint", base + Paths.PAR);
        m.put("require_pushed_authorization_requests", pushRequired);
        if (registration.mode() != DynamicRegistrationPolicy.Mode.OFF) {
            m.put("registration_endpoint", base + Paths.REGISTER);
        }
        m.put("response_types_supported", List.of("code"));
        m.put("response_modes_supported", List.of("query"));
        m.put("grant_types_supported", grants.types());
        m.put("code_challenge_methods_supported", List.of("S256"));
        m.put("token_endpoint_auth_methods_supported", List.of("client_secret_basic", "client_secret_post", "none"));
        m.put("revocation_endpoint_auth_methods_supported", List.of("client_secret_basic", "client_secret_post", "none"));
        m.put("introspection_endpoint_auth_methods_supported", List.of("client_secret_basic", "client_secret_post"));
        m.put("authorization_response_iss_parameter_supported", true);
        m.put("dpop_signing_alg_values_supported", DpopPolicy.ALGORITHMS);
        m.put("scopes_supported", scopes.allNames());
        m.put("subject_types_supported", List.of("public"));
        // RS256 first: OpenID Connect Discovery §3 requires it, and it is the registration default
        m.put("id_token_signing_alg_values_supported", List.of("RS256", "ES256"));
        m.put("claims_supported", CLAIMS);
        m.put("prompt_values_supported", List.of(OpenIdRequest.NONE, OpenIdRequest.LOGIN, OpenIdRequest.CONSENT));
        m.put("claims_parameter_supported", false);
        m.put("request_parameter_supported", false);
        // the default is true (Discovery §3): say that request_uri is not fetched from a URL (a pushed request's
        // urn:ietf:params:oauth:request_uri is, per RFC 9126, read whatever this says)
        m.put("request_uri_parameter_supported", false);
        return m;
    }
}
