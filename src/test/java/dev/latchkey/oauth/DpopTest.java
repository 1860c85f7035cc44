package dev.latchkey.oauth;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import dev.latchkey.support.Admin;
import dev.latchkey.support.Dpop;
import dev.latchkey.support.OAuth;
import dev.latchkey.support.Pkce;
import dev.latchkey.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** DPoP (RFC 9449) at the token, introspection and userinfo endpoints, strict profile. */
@QuarkusTest
class DpopTest {

    /** A token request with these DPoP headers (none, one, or more). */
    static Response token(OAuth app, Map<String, String> form, String... proofs) {
        var spec = Tokens.from().contentType("application/x-www-form-urlencoded");
        if (app.clientSecret != null) {
            spec.header("Authorization", Tokens.basic(app.clientId, app.clientSecret));
        } else {
            form = new HashMap<>(form);
            form.put("client_id", app.clientId);
        }
        for (String proof : proofs) {
            spec.header("DPoP", proof);
        }
        form.forEach(spec::formParam);
        return spec.post("/oauth2/token");
    }

    static Response clientCredentials(OAuth app, String... proofs) {
        return token(app, Tokens.form("grant_type", "client_credentials"), proofs);
    }

    static void refusedProof(OAuth app, String proof, String description) {
        clientCredentials(app, proof).then().statusCode(400).header("Cache-Control", containsString("no-store"))
                .body("error", equalTo("invalid_request")).body("error_description", containsString(description));
    }

    @Test
    void whenAProofComesThenTheTokenIsBoundToItsKeyAndIntrospectionSaysSo() throws Exception {
        OAuth app = OAuth.confidential();
        Dpop key = Dpop.newKey();
        Response issued = clientCredentials(app, key.proof("POST", Dpop.TOKEN));
        issued.then().statusCode(200).body("token_type", equalTo("DPoP"));
        String token = issued.path("access_token");
        Map<String, Object> cnf = Tokens.verify(token).getJSONObjectClaim("cnf");
        assertEquals(Map.of("jkt", key.jkt()), cnf, "cnf.jkt is the key's RFC 7638 thumbprint");
        Tokens.introspect(app, token).then().body("active", equalTo(true)).body("token_type", equalTo("DPoP"))
                .body("cnf.jkt", equalTo(key.jkt()));
        // without a proof, the same client still gets bearer tokens
        String bearer = clientCredentials(app).then().statusCode(200).body("token_type", equalTo("Bearer"))
                .extract().path("access_token");
        assertNull(Tokens.verify(bearer).getClaim("cnf"));
        Tokens.introspect(app, bearer).then().body("token_type", equalTo("Bearer")).body("cnf", equalTo(null));
        given().get("/.well-known/oauth-authorization-server").then()
                .body("dpop_signing_alg_values_supported", hasItem("ES256"));
    }

    @Test
    void whenAProofIsUsedTwiceThenTheSecondIsRefused() {
        OAuth app = OAuth.confidential();
        String proof = Dpop.newKey().proof("POST", Dpop.TOKEN);
        clientCredentials(app, proof).then().statusCode(200);
        refusedProof(app, proof, "used before");
    }

    @Test
    void whenAProofBreaksARuleThenInvalidRequestNamesIt() throws Exception {
        OAuth app = OAuth.confidential();
        Dpop key = Dpop.newKey();
        Dpop other = Dpop.newKey();
        refusedProof(app, "not-a-jwt", "not a signed JWT");
        refusedProof(app, key.handMade(JOSEObjectType.JWT, key.key.toPublicJWK(), Dpop.claims().build()), "typ");
        refusedProof(app, key.withPrivateJwk(Dpop.claims().build()), "no private part");
        refusedProof(app, key.handMade(new JOSEObjectType("dpop+jwt"), other.key.toPublicJWK(), Dpop.claims().build()),
                "signature");
        refusedProof(app, key.handMade(Dpop.claims().claim("htm", "GET").build()), "htm");
        refusedProof(app, key.handMade(Dpop.claims().claim("htu", Dpop.ISSUER + "/oauth2/revoke").build()), "htu");
        refusedProof(app, key.handMade(Dpop.claims().issueTime(new Date(System.currentTimeMillis() - 120_000)).build()),
                "iat");
        refusedProof(app, key.handMade(Dpop.claims().jwtID(null).build()), "lacks a claim");
        // alg: an HMAC header (a proof must be signed by a public key) is refused before its signature is read
        String hs256 = new JWSHeader.Builder(JWSAlgorithm.HS256).type(new JOSEObjectType("dpop+jwt")).build()
                .toBase64URL() + "." + Base64URL.encode(Dpop.claims().build().toString()) + ".c2ln";
        refusedProof(app, hs256, "alg must be one of");
        // two DPoP headers
        clientCredentials(app, key.proof("POST", Dpop.TOKEN), key.proof("POST", Dpop.TOKEN)).then().statusCode(400)
                .body("error", equalTo("invalid_request")).body("error_description", containsString("more than one"));
        // the query is not part of htu (RFC 9449 §4.3 step 9)
        clientCredentials(app, key.handMade(Dpop.claims().claim("htu", Dpop.TOKEN + "?a=b").build()))
                .then().statusCode(200).body("token_type", equalTo("DPoP"));
    }

    @Test
    void whenAClientMustUseDpopThenATokenRequestWithoutAProofIsRefused() {
        Map<String, Object> body = Admin.clientBody("confidential", List.of(Admin.scope()));
        body.put("dpop_bound_access_tokens", true);
        var created = Admin.createClient(body).then().statusCode(201).body("dpop_bound_access_tokens", equalTo(true))
                .extract().jsonPath();
        OAuth app = OAuth.existing(created.getString("client_id"), created.getString("client_secret"), null, null, null);
        clientCredentials(app).then().statusCode(400).body("error", equalTo("invalid_request"))
                .body("error_description", containsString("must send a DPoP proof"));
        clientCredentials(app, Dpop.newKey().proof("POST", Dpop.TOKEN)).then().statusCode(200)
                .body("token_type", equalTo("DPoP"));
    }

    @Test
    void whenAPublicClientsRefreshTokenIsBoundThenOnlyItsKeyRefreshes() throws Exception {
        OAuth app = OAuth.publicClient();
        Dpop key = Dpop.newKey();
        Pkce pkce = Pkce.create();
        Response tokens = token(app, Tokens.form("grant_type", "authorization_code", "code", app.code(pkce),
                "redirect_uri", OAuth.REDIRECT, "code_verifier", pkce.verifier()), key.proof("POST", Dpop.TOKEN));
        tokens.then().statusCode(200).body("token_type", equalTo("DPoP"));
        String refresh = tokens.path("refresh_token");
        Map<String, String> form = Tokens.form("grant_type", "refresh_token", "refresh_token", refresh);
        // a thief with the refresh token but not the key: refused, and the token is not spent
        token(app, form).then().statusCode(400).body("error", equalTo("invalid_request"))
                .body("error_description", containsString("bound to a DPoP key"));
        token(app, form, Dpop.newKey().proof("POST", Dpop.TOKEN)).then().statusCode(400)
                .body("error_description", containsString("bound to a DPoP key"));
        Response refreshed = token(app, form, key.proof("POST", Dpop.TOKEN));
        refreshed.then().statusCode(200).body("token_type", equalTo("DPoP"));
        assertEquals(key.jkt(), ((Map<?, ?>) Tokens.verify(refreshed.path("access_token")).getJSONObjectClaim("cnf"))
                .get("jkt"));
        // the rotated refresh token stays bound
        token(app, Tokens.form("grant_type", "refresh_token", "refresh_token", refreshed.path("refresh_token")))
                .then().statusCode(400).body("error_description", containsString("bound to a DPoP key"));
    }

    @Test
    void whenAConfidentialClientRefreshesThenItsRefreshTokenIsNotBound() {
        OAuth app = OAuth.confidential();
        Pkce pkce = Pkce.create();
        Response tokens = token(app, Tokens.form("grant_type", "authorization_code", "code", app.code(pkce),
                "redirect_uri", OAuth.REDIRECT, "code_verifier", pkce.verifier()), Dpop.newKey().proof("POST", Dpop.TOKEN));
        tokens.then().statusCode(200).body("token_type", equalTo("DPoP"));
        // RFC 9449 §5: its refresh token is bound to the client's authentication, not to the key
        Tokens.refresh(app, tokens.path("refresh_token")).then().statusCode(200).body("token_type", equalTo("Bearer"));
    }

    @Test
    void whenUserinfoGetsABoundTokenThenOnlyItsKeyWithAthIsAccepted() throws Exception {
        OAuth app = OAuth.openId("confidential", Map.of());
        Dpop key = Dpop.newKey();
        Pkce pkce = Pkce.create();
        String token = token(app, Tokens.form("grant_type", "authorization_code", "code", app.code(pkce),
                "redirect_uri", OAuth.REDIRECT, "code_verifier", pkce.verifier()), key.proof("POST", Dpop.TOKEN))
                .then().statusCode(200).extract().path("access_token");
        given().header("Authorization", "DPoP " + token).header("DPoP", key.proofFor("GET", Dpop.USERINFO, token))
                .get("/oauth2/userinfo").then().statusCode(200).body("sub", equalTo(Tokens.verify(token).getSubject()));
        // stolen: as a bearer token, or with the scheme but no proof, another key's proof, or no ath
        given().header("Authorization", "Bearer " + token).get("/oauth2/userinfo").then().statusCode(401)
                .header("WWW-Authenticate", containsString("DPoP error=\"invalid_token\""))
                .header("WWW-Authenticate", containsString("algs=\"ES256"));
        given().header("Authorization", "DPoP " + token).get("/oauth2/userinfo").then().statusCode(401)
                .header("WWW-Authenticate", containsString("DPoP error=\"invalid_dpop_proof\""));
        given().header("Authorization", "DPoP " + token)
                .header("DPoP", Dpop.newKey().proofFor("GET", Dpop.USERINFO, token)).get("/oauth2/userinfo")
                .then().statusCode(401).header("WWW-Authenticate", containsString("error=\"invalid_dpop_proof\""));
        given().header("Authorization", "DPoP " + token).header("DPoP", key.proof("GET", Dpop.USERINFO))
                .get("/oauth2/userinfo").then().statusCode(401).body("description", containsString("ath"));
        given().header("Authorization", "DPoP " + token).header("DPoP", key.proofFor("POST", Dpop.USERINFO, token))
                .get("/oauth2/userinfo").then().statusCode(401).body("description", containsString("htm"));
        // an unbound token with the DPoP scheme
        Pkce again = Pkce.create();
        String bearer = Tokens.exchange(app, app.code(again), again).then().statusCode(200).extract()
                .path("access_token");
        given().header("Authorization", "DPoP " + bearer).header("DPoP", key.proofFor("GET", Dpop.USERINFO, bearer))
                .get("/oauth2/userinfo").then().statusCode(401)
                .header("WWW-Authenticate", containsString("Bearer error=\"invalid_token\""));
    }

    @Test
    void whenDynamicRegistrationAsksForDpopThenTheClientRequiresIt() {
        // dpop_bound_access_tokens is RFC 9449 §5.2 client metadata; registration needs a token in the default mode
        String initial = Admin.api().body(Map.of("expires_in", 600, "max_uses", 2)).post("/api/v1/registration-tokens").then().statusCode(201)
                .extract().path("token");
        given().contentType("application/json").header("Authorization", "Bearer " + initial)
                .body(Map.of("redirect_uris", List.of("https://app.example/cb"), "client_name", "Bound app",
                        "dpop_bound_access_tokens", true, "require_pushed_authorization_requests", true))
                .post("/oauth2/register").then().statusCode(201).body("dpop_bound_access_tokens", equalTo(true))
                .body("require_pushed_authorization_requests", equalTo(true));
        given().contentType("application/json").header("Authorization", "Bearer " + initial)
                .body(Map.of("redirect_uris", List.of("https://app.example/cb"), "dpop_bound_access_tokens", "yes"))
                .post("/oauth2/register").then().statusCode(400).body("error", equalTo("invalid_request"))
                .body("error_description", containsString("dpop_bound_access_tokens must be true or false"));
    }
}
