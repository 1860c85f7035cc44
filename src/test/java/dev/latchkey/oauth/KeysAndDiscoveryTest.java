package dev.latchkey.oauth;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.SignedJWT;
import dev.latchkey.support.Db;
import dev.latchkey.support.OAuth;
import dev.latchkey.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.security.KeyFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static dev.latchkey.support.Admin.api;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
class KeysAndDiscoveryTest {
    static final String ISSUER = "http://localhost:8081";
    static final String TEST_KEK = "dGVzdC1vbmx5LWtleS1lbmNyeXB0aW9uLWtleS0zMmI=";

    @Test
    void metadataListsEveryEndpointPerRfc8414() {
        String scope = dev.latchkey.support.Admin.scope();
        given().get("/.well-known/oauth-authorization-server").then().statusCode(200)
                .body("issuer", equalTo(ISSUER))
                .body("authorization_endpoint", equalTo(ISSUER + "/oauth2/authorize"))
                .body("token_endpoint", equalTo(ISSUER + "/oauth2/token"))
                .body("revocation_endpoint", equalTo(ISSUER + "/oauth2/revoke"))
                .body("introspection_endpoint", equalTo(ISSUER + "/oauth2/introspect"))
                .body("jwks_uri", equalTo(ISSUER + "/oauth2/jwks"))
                .body("response_types_supported", equalTo(List.of("code")))
                .body("grant_types_supported", equalTo(List.of("authorization_code", "refresh_token", "client_credentials",
                        "urn:ietf:params:oauth:grant-type:token-exchange", "urn:ietf:params:oauth:grant-type:device_code")))
                .body("device_authorization_endpoint", equalTo(ISSUER + "/oauth2/device_authorization"))
                .body("code_challenge_methods_supported", equalTo(List.of("S256")))
                .body("token_endpoint_auth_methods_supported",
                        equalTo(List.of("client_secret_basic", "client_secret_post", "none")))
                .body("authorization_response_iss_parameter_supported", equalTo(true))
                .body("scopes_supported", hasItem(scope));
    }

    @Test
    void jwksPublishesPublicKeysWithKid() throws Exception {
        String body = given().get("/oauth2/jwks").then().statusCode(200)
                .contentType(startsWith("application/jwk-set+json")).extract().asString();
        JWKSet set = JWKSet.parse(body);
        assertTrue(set.getKeys().size() >= 1);
        set.getKeys().forEach(k -> {
            assertTrue(k.getKeyID() != null && !k.getKeyID().isEmpty());
            assertTrue(!k.isPrivate(), "no private parts in the JWKS");
        });
    }

    @Test
    void whenKeysRotatedThenOldTokensStillVerifyAndNewOnesUseTheNewKey() throws Exception {
        OAuth app = OAuth.confidential();
        String before = Tokens.clientCredentials(app);
        String oldKid = SignedJWT.parse(before).getHeader().getKeyID();

        var rotated = api().post("/api/v1/keys/rotate");
        rotated.then().statusCode(201).body("active", equalTo(true)).body("algorithm", equalTo("ES256"));
        String newKid = rotated.path("kid");
        assertNotEquals(oldKid, newKid);
        assertTrue(rotated.header("Location").endsWith("/api/v1/keys/" + newKid));

        Tokens.verify(before);
        Tokens.introspect(app, before).then().body("active", equalTo(true));
        String after = Tokens.clientCredentials(app);
        assertEquals(newKid, SignedJWT.parse(after).getHeader().getKeyID());
        Tokens.verify(after);
        api().get("/api/v1/keys").then().statusCode(200).body("kid", hasItem(oldKid)).body("kid", hasItem(newKid));
        api().get("/api/v1/keys/" + oldKid).then().statusCode(200).body("active", equalTo(false));
        api().get("/api/v1/keys/nope").then().statusCode(404);
    }

    @Test
    void privateKeysAreEncryptedAtRest() throws Exception {
        var rows = Db.rows("select kid, algorithm, private_key from signing_key");
        for (Map<String, Object> row : rows) {
            byte[] stored = (byte[]) row.get("private_key");
            String kid = (String) row.get("kid");
            // not a private key as stored
            assertThrows(Exception.class, () -> KeyFactory.getInstance("EC")
                    .generatePrivate(new PKCS8EncodedKeySpec(stored)));
            // AES-GCM under the configured key, with the kid as associated data
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(Base64.getDecoder().decode(TEST_KEK), "AES"),
                    new GCMParameterSpec(128, stored, 0, 12));
            cipher.updateAAD(kid.getBytes());
            byte[] pkcs8 = cipher.doFinal(stored, 12, stored.length - 12);
            KeyFactory.getInstance(row.get("algorithm").equals("ES256") ? "EC" : "RSA")
                    .generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
            assertTrue(!Arrays.equals(pkcs8, stored));
        }
        assertTrue(!rows.isEmpty());
    }
}
