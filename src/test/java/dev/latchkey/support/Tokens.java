package dev.latchkey.support;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import static io.restassured.RestAssured.given;

/** Calls to the token, revocation and introspection endpoints, and JWT verification against /oauth2/jwks. */
public final class Tokens {
    private static final Random RANDOM = new Random();

    private Tokens() {
    }

    /** A request from an address of its own, so that throttling in one test never touches another. */
    public static RequestSpecification from() {
        return given().header("X-Forwarded-For", "10.200." + RANDOM.nextInt(256) + "." + (1 + RANDOM.nextInt(254)))
                .redirects().follow(false);
    }

    public static String basic(String id, String secret) {
        return "Basic " + Base64.getEncoder().encodeToString((OAuth.enc(id) + ":" + OAuth.enc(secret)).getBytes());
    }

    public static Map<String, String> form(String... pairs) {
        Map<String, String> form = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            form.put(pairs[i], pairs[i + 1]);
        }
        return form;
    }

    public static Response post(String endpoint, String clientId, String secret, Map<String, String> form) {
        var spec = from().contentType("application/x-www-form-urlencoded");
        if (secret != null) {
            spec.header("Authorization", basic(clientId, secret));
        } else {
            form = new LinkedHashMap<>(form);
            form.put("client_id", clientId);
        }
        form.forEach(spec::formParam);
        return spec.post(endpoint);
    }

    public static Response token(OAuth app, Map<String, String> form) {
        return post("/oauth2/token", app.clientId, app.clientSecret, form);
    }

    public static Response exchange(OAuth app, String code, Pkce pkce) {
        return token(app, form("grant_type", "authorization_code", "code", code, "redirect_uri", OAuth.REDIRECT,
                "code_verifier", pkce.verifier()));
    }

    public static Response refresh(OAuth app, String refreshToken) {
        return token(app, form("grant_type", "refresh_token", "refresh_token", refreshToken));
    }

    public static Response introspect(OAuth app, String token) {
        return post("/oauth2/introspect", app.clientId, app.clientSecret, form("token", token));
    }

    public static Response revoke(OAuth app, String token) {
        return post("/oauth2/revoke", app.clientId, app.clientSecret, form("token", token));
    }

    /** Verifies like a resource server: signature by a key in the JWKS, typ at+jwt, ES256 or RS256. */
    public static JWTClaimsSet verify(String jwt) throws Exception {
        JWKSet jwks = JWKSet.parse(given().get("/oauth2/jwks").then().statusCode(200).extract().asString());
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(new JOSEObjectType("at+jwt")));
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(Set.of(JWSAlgorithm.ES256, JWSAlgorithm.RS256),
                new ImmutableJWKSet<>(jwks)));
        return processor.process(jwt, null);
    }

    /** The app's client_credentials token. */
    public static String clientCredentials(OAuth app) {
        return token(app, form("grant_type", "client_credentials")).then().statusCode(200).extract()
                .path("access_token");
    }
}
