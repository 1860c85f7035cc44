package dev.latchkey.oauth;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.oauth2.sdk.token.BearerAccessToken;
import com.nimbusds.openid.connect.sdk.Nonce;
import com.nimbusds.openid.connect.sdk.claims.AccessTokenHash;
import com.nimbusds.openid.connect.sdk.claims.IDTokenClaimsSet;
import com.nimbusds.openid.connect.sdk.validators.AccessTokenValidator;
import com.nimbusds.openid.connect.sdk.validators.IDTokenValidator;
import dev.latchkey.support.Browser;
import dev.latchkey.support.OAuth;
import dev.latchkey.support.Pkce;
import dev.latchkey.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static dev.latchkey.support.Admin.api;
import static dev.latchkey.support.Tokens.form;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** OpenID Connect through the real HTTP interface and database: discovery, id_token, userinfo, prompt, logout. */
@QuarkusTest
class OpenIdConnectTest {
    static final String ISSUER = AuthorizeEndpointTest.ISSUER;

    // ---- discovery

    @Test
    void whenDiscoveredThenBothDocumentsAgreeAndNameTheOpenIdEndpoints() {
        Map<String, Object> oidc = given().get("/.well-known/openid-configuration").then().statusCode(200)
                .extract().jsonPath().getMap("");
        Map<String, Object> oauth = given().get("/.well-known/oauth-authorization-server").then().statusCode(200)
                .extract().jsonPath().getMap("");
        assertEquals(oauth, oidc);
        assertEquals(ISSUER, oidc.get("issuer"));
        assertEquals(ISSUER + "/oauth2/userinfo", oidc.get("userinfo_endpoint"));
        assertEquals(ISSUER + "/oauth2/logout", oidc.get("end_session_endpoint"));
        assertEquals(List.of("public"), oidc.get("subject_types_supported"));
        assertEquals(List.of("query"), oidc.get("response_modes_supported"));
        assertEquals(List.of("RS256", "ES256"), oidc.get("id_token_signing_alg_values_supported"));
        assertTrue(((List<?>) oidc.get("scopes_supported")).containsAll(List.of("openid", "profile", "email")));
        assertTrue(((List<?>) oidc.get("claims_supported")).containsAll(List.of("sub", "auth_time", "nonce", "name",
                "email", "email_verified", "preferred_username")));
        assertEquals(List.of("none", "login", "consent"), oidc.get("prompt_values_supported"));
    }

    @Test
    void whenKeysListedThenOneActiveKeyOfEachAlgorithmIsPublished() {
        List<Map<String, Object>> keys = api().get("/api/v1/keys").then().statusCode(200).extract().jsonPath().getList("");
        List<Object> active = keys.stream().filter(k -> Boolean.TRUE.equals(k.get("active"))).map(k -> k.get("algorithm"))
                .sorted().map(Object.class::cast).toList();
        assertEquals(List.of("ES256", "RS256"), active);
        String jwks = given().get("/oauth2/jwks").asString();
        assertTrue(jwks.contains("\"kty\":\"RSA\"") && jwks.contains("\"kty\":\"EC\""), jwks);
    }

    @Test
    void whenRsaKeyRotatedThenIdTokensAreSignedWithTheNewKeyAndAnUnknownAlgorithmIsRefused() throws Exception {
        String kid = api().post("/api/v1/keys/rotate?algorithm=RS256").then().statusCode(201)
                .body("algorithm", equalTo("RS256")).extract().path("kid");
        OAuth app = OAuth.openId("confidential", Map.of());
        Pkce pkce = Pkce.create();
        String idToken = exchange(app, authorize(app, new Browser(), "openid", pkce, null), pkce).path("id_token");
        assertEquals(kid, SignedJWT.parse(idToken).getHeader().getKeyID());
        api().post("/api/v1/keys/rotate?algorithm=HS256").then().statusCode(400)
                .body("description", containsString("ES256 or RS256"));
    }

    // ---- id_token

    @Test
    void whenCodeFlowAsksForOpenIdThenTheIdTokenValidatesWithNimbusAndCarriesTheClaimsOfTheScopes() throws Exception {
        OAuth app = OAuth.openId("confidential", Map.of());
        Pkce pkce = Pkce.create();
        long before = System.currentTimeMillis() / 1000 - 1;
        String code = authorize(app, new Browser(), "openid profile email", pkce, "n-0S6_WzA2Mj");
        Response tokens = exchange(app, code, pkce);
        tokens.then().statusCode(200);
        String idToken = tokens.path("id_token");
        String accessToken = tokens.path("access_token");
        assertNotNull(idToken, tokens.asString());

        SignedJWT jwt = SignedJWT.parse(idToken);
        assertEquals(JWSAlgorithm.RS256, jwt.getHeader().getAlgorithm());
        assertEquals("JWT", jwt.getHeader().getType().getType());
        IDTokenClaimsSet claims = validator(app, JWSAlgorithm.RS256).validate(jwt, new Nonce("n-0S6_WzA2Mj"));
        AccessTokenValidator.validate(new BearerAccessToken(accessToken), JWSAlgorithm.RS256, claims.getAccessTokenHash());

        JWTClaimsSet access = Tokens.verify(accessToken);
        assertEquals(access.getSubject(), claims.getSubject().getValue());
        assertEquals(List.of(app.clientId), claims.getAudience().stream().map(Object::toString).toList());
        assertEquals(app.clientId, claims.getAuthorizedParty().getValue());
        assertNotNull(claims.getAuthenticationTime());
        assertTrue(claims.getAuthenticationTime().getTime() / 1000 >= before);
        assertEquals("Alice Example", claims.getStringClaim("name"));
        assertEquals("Alice", claims.getStringClaim("given_name"));
        assertEquals("Example", claims.getStringClaim("family_name"));
        assertEquals(app.username, claims.getStringClaim("preferred_username"));
        assertEquals(app.username + "@example.com", claims.getStringClaim("email"));
        assertEquals(Boolean.TRUE, claims.getBooleanClaim("email_verified"));
    }

    @Test
    void whenOnlyOpenIdIsGrantedThenNoProfileOrEmailClaimsAndWithoutOpenIdNoIdToken() throws Exception {
        OAuth app = OAuth.openId("confidential", Map.of());
        Pkce pkce = Pkce.create();
        String idToken = exchange(app, authorize(app, new Browser(), "openid", pkce, null), pkce).path("id_token");
        IDTokenClaimsSet claims = validator(app, JWSAlgorithm.RS256).validate(SignedJWT.parse(idToken), null);
        assertNull(claims.getStringClaim("name"));
        assertNull(claims.getStringClaim("email"));
        assertNull(claims.getStringClaim("preferred_username"));
        assertNull(claims.getNonce());

        Pkce other = Pkce.create();
        Response plain = exchange(app, authorize(app, new Browser(), "profile", other, null), other);
        plain.then().statusCode(200);
        assertNull(plain.path("id_token"), "no openid, no id_token");
    }

    @Test
    void whenClientAsksForEs256ThenItsIdTokensAreEs256() throws Exception {
        OAuth app = OAuth.openId("confidential", Map.of("id_token_signed_response_alg", "ES256"));
        api().get("/api/v1/clients/" + app.clientId).then().body("id_token_signed_response_alg", equalTo("ES256"));
        Pkce pkce = Pkce.create();
        String idToken = exchange(app, authorize(app, new Browser(), "openid email", pkce, "abc"), pkce).path("id_token");
        assertEquals(JWSAlgorithm.ES256, SignedJWT.parse(idToken).getHeader().getAlgorithm());
        IDTokenClaimsSet claims = validator(app, JWSAlgorithm.ES256).validate(SignedJWT.parse(idToken), new Nonce("abc"));
        assertEquals(app.username + "@example.com", claims.getStringClaim("email"));
    }

    @Test
    void whenRefreshedThenAFreshIdTokenWithTheSameSubjectAndAuthTimeAndNoNonce() throws Exception {
        OAuth app = OAuth.openId("confidential", Map.of());
        Pkce pkce = Pkce.create();
        Response first = exchange(app, authorize(app, new Browser(), "openid profile", pkce, "nonce-1"), pkce);
        IDTokenClaimsSet original = validator(app, JWSAlgorithm.RS256)
                .validate(SignedJWT.parse(first.path("id_token")), new Nonce("nonce-1"));
        Response refreshed = Tokens.refresh(app, first.path("refresh_token"));
        refreshed.then().statusCode(200);
        String idToken = refreshed.path("id_token");
        assertNotEquals(first.path("id_token"), idToken);
        IDTokenClaimsSet again = validator(app, JWSAlgorithm.RS256).validate(SignedJWT.parse(idToken), null);
        assertEquals(original.getSubject(), again.getSubject());
        assertEquals(original.getAuthenticationTime(), again.getAuthenticationTime());
        assertNull(again.getNonce());
        AccessTokenValidator.validate(new BearerAccessToken(refreshed.path("access_token")), JWSAlgorithm.RS256,
                again.getAccessTokenHash());
        // a refresh narrowed to a scope without openid gets none
        Response narrowed = Tokens.token(app, form("grant_type", "refresh_token", "refresh_token",
                refreshed.path("refresh_token"), "scope", "profile"));
        narrowed.then().statusCode(200);
        assertNull(narrowed.path("id_token"));
    }

    @Test
    void whenAnIdTokenIsPresentedAsAnAccessTokenThenItIsNotOne() {
        OAuth app = OAuth.openId("confidential", Map.of());
        Pkce pkce = Pkce.create();
        String idToken = exchange(app, authorize(app, new Browser(), "openid", pkce, null), pkce).path("id_token");
        Tokens.introspect(app, idToken).then().statusCode(200).body("active", equalTo(false));
        given().header("Authorization", "Bearer " + idToken).get("/oauth2/userinfo").then().statusCode(401)
                .header("WWW-Authenticate", containsString("error=\"invalid_token\""));
    }

    // ---- userinfo

    @Test
    void whenUserInfoAskedWithTheTokenThenTheClaimsOfTheGrantedScopes() {
        OAuth app = OAuth.openId("confidential", Map.of());
        Pkce pkce = Pkce.create();
        String token = exchange(app, authorize(app, new Browser(), "openid profile", pkce, null), pkce).path("access_token");
        JsonPath byGet = given().header("Authorization", "Bearer " + token).get("/oauth2/userinfo").then()
                .statusCode(200).header("Cache-Control", "no-store").extract().jsonPath();
        assertEquals(app.username, byGet.getString("preferred_username"));
        assertEquals("Alice Example", byGet.getString("name"));
        assertNull(byGet.get("email"), "email is not granted");
        assertNotNull(byGet.getString("sub"));
        JsonPath byPost = given().contentType("application/x-www-form-urlencoded").formParam("access_token", token)
                .post("/oauth2/userinfo").then().statusCode(200).extract().jsonPath();
        assertEquals(byGet.getMap(""), byPost.getMap(""));
        given().header("Authorization", "Bearer " + token).post("/oauth2/userinfo").then().statusCode(200)
                .body("sub", equalTo(byGet.getString("sub")));
    }

    @Test
    void whenUserInfoTokenIsMissingInvalidOrNarrowThenRfc6750Challenges() {
        // both schemes are offered (RFC 9449 §7.1)
        given().get("/oauth2/userinfo").then().statusCode(401)
                .header("WWW-Authenticate", "Bearer, DPoP algs=\"ES256 ES384 ES512 RS256 PS256\"")
                .body("message", equalTo("401 Unauthorized")).body("description", containsString("access token"));
        given().header("Authorization", "Bearer not.a.token").get("/oauth2/userinfo").then().statusCode(401)
                .header("WWW-Authenticate", containsString("Bearer error=\"invalid_token\""))
                .body("message", equalTo("401 Unauthorized"));
        OAuth plain = OAuth.confidential();
        String machine = Tokens.clientCredentials(plain);
        given().header("Authorization", "Bearer " + machine).get("/oauth2/userinfo").then().statusCode(403)
                .header("WWW-Authenticate", containsString("error=\"insufficient_scope\""))
                .body("message", equalTo("403 Forbidden")).body("description", containsString("openid"));
        given().header("Authorization", "Bearer " + machine).contentType("application/x-www-form-urlencoded")
                .formParam("access_token", machine).post("/oauth2/userinfo").then().statusCode(400)
                .header("WWW-Authenticate", containsString("error=\"invalid_request\""))
                .body("message", equalTo("400 Bad Request"));
        given().put("/oauth2/userinfo").then().statusCode(405).header("Allow", "GET, HEAD, POST")
                .body("message", equalTo("405 Method Not Allowed"));
    }

    @Test
    void whenTheGrantIsRevokedThenUserInfoRefusesItsTokenAtOnce() {
        OAuth app = OAuth.openId("confidential", Map.of());
        Pkce pkce = Pkce.create();
        String token = exchange(app, authorize(app, new Browser(), "openid", pkce, null), pkce).path("access_token");
        given().header("Authorization", "Bearer " + token).get("/oauth2/userinfo").then().statusCode(200);
        api().delete("/api/v1/users/" + app.username + "/grants/" + app.clientId).then().statusCode(204);
        given().header("Authorization", "Bearer " + token).get("/oauth2/userinfo").then().statusCode(401)
                .header("WWW-Authenticate", containsString("invalid_token"));
    }

    // ---- prompt, max_age, login_hint

    @Test
    void whenPromptNoneWithoutSessionOrConsentThenRefusedOnTheRedirect() {
        OAuth app = OAuth.openId("confidential", Map.of());
        Map<String, String> params = params(app, "openid", Pkce.create(), null);
        params.put("prompt", "none");
        Map<String, String> error = Browser.query(new Browser().get(OAuth.authorizeUrl(params)).then().statusCode(302)
                .extract().header("Location"));
        assertEquals("access_denied", error.get("error"));
        assertTrue(error.get("error_description").contains("login required"), error.toString());
        assertEquals(params.get("state"), error.get("state"));
        assertEquals(ISSUER, error.get("iss"));

        Browser browser = new Browser();
        authorize(app, browser, "openid", Pkce.create(), null);
        Map<String, String> wider = params(app, "openid email", Pkce.create(), null);
        wider.put("prompt", "none");
        Map<String, String> consent = Browser.query(browser.get(OAuth.authorizeUrl(wider)).header("Location"));
        assertEquals("access_denied", consent.get("error"));
        assertTrue(consent.get("error_description").contains("consent required"), consent.toString());

        Map<String, String> covered = params(app, "openid", Pkce.create(), null);
        covered.put("prompt", "none");
        assertNotNull(Browser.query(browser.get(OAuth.authorizeUrl(covered)).header("Location")).get("code"));
    }

    @Test
    void whenPromptLoginOrMaxAgeZeroThenThePasswordIsAskedAgainAndAuthTimeMoves() throws Exception {
        OAuth app = OAuth.openId("confidential", Map.of());
        Browser browser = new Browser();
        Pkce first = Pkce.create();
        long authTime = validator(app, JWSAlgorithm.RS256).validate(SignedJWT.parse(exchange(app,
                authorize(app, browser, "openid", first, null), first).path("id_token")), null)
                .getAuthenticationTime().getTime();
        Thread.sleep(1100);
        for (Map.Entry<String, String> ask : Map.of("prompt", "login", "max_age", "0").entrySet()) {
            Pkce pkce = Pkce.create();
            Map<String, String> params = params(app, "openid", pkce, null);
            params.put(ask.getKey(), ask.getValue());
            Response page = browser.get(OAuth.authorizeUrl(params));
            page.then().statusCode(200).body(containsString("type=\"password\""));
            Response loggedIn = browser.submit("/oauth2/authorize/login",
                    Map.of("username", app.username, "password", OAuth.PASSWORD));
            Response done = browser.get(loggedIn.header("Location").replaceFirst("^https?://[^/]+", ""));
            String code = Browser.query(done.then().statusCode(302).extract().header("Location")).get("code");
            long again = validator(app, JWSAlgorithm.RS256).validate(SignedJWT.parse(exchange(app, code, pkce)
                    .path("id_token")), null).getAuthenticationTime().getTime();
            assertTrue(again > authTime, ask + ": auth_time " + again + " after " + authTime);
        }
        // a generous max_age does not ask again
        Map<String, String> params = params(app, "openid", Pkce.create(), null);
        params.put("max_age", "3600");
        assertNotNull(Browser.query(browser.get(OAuth.authorizeUrl(params)).header("Location")).get("code"));
    }

    @Test
    void whenPromptConsentThenTheConsentPageIsShownAgain() {
        OAuth app = OAuth.openId("confidential", Map.of());
        Browser browser = new Browser();
        authorize(app, browser, "openid", Pkce.create(), null);
        Map<String, String> params = params(app, "openid", Pkce.create(), null);
        params.put("prompt", "consent");
        browser.get(OAuth.authorizeUrl(params)).then().statusCode(200).body(containsString("Allow"));
    }

    @Test
    void whenPromptOrMaxAgeMalformedThenInvalidRequest() {
        OAuth app = OAuth.openId("confidential", Map.of());
        for (Map.Entry<String, String> bad : List.of(Map.entry("prompt", "select_account"), Map.entry("prompt", "none login"),
                Map.entry("max_age", "-1"), Map.entry("max_age", "soon"), Map.entry("nonce", "n".repeat(501)))) {
            Map<String, String> params = params(app, "openid", Pkce.create(), null);
            params.put(bad.getKey(), bad.getValue());
            Map<String, String> error = Browser.query(new Browser().get(OAuth.authorizeUrl(params)).then().statusCode(302)
                    .extract().header("Location"));
            assertEquals("invalid_request", error.get("error"), bad.toString());
            assertTrue(error.get("error_description").contains(bad.getKey()), error.toString());
        }
    }

    @Test
    void whenLoginHintIsSentThenTheUsernameIsFilledIn() {
        OAuth app = OAuth.openId("confidential", Map.of());
        Map<String, String> params = params(app, "openid", Pkce.create(), null);
        params.put("login_hint", "hinted-<user>");
        new Browser().get(OAuth.authorizeUrl(params)).then().statusCode(200)
                .body(containsString("value=\"hinted-&lt;user&gt;\""));
    }

    @Test
    void whenPublicClientAsksAgainThenConsentIsShownUnlessTheUserChoseToBeRemembered() {
        OAuth app = OAuth.openId("public", Map.of());
        Browser browser = new Browser();
        authorize(app, browser, "openid", Pkce.create(), null);
        Response again = browser.get(OAuth.authorizeUrl(params(app, "openid", Pkce.create(), null)));
        again.then().statusCode(200).body(containsString("name=\"remember\""));
        Response remembered = browser.submit("/oauth2/authorize/consent", Map.of("decision", "allow", "remember", "yes"));
        assertNotNull(Browser.query(remembered.header("Location")).get("code"));
        Response third = browser.get(OAuth.authorizeUrl(params(app, "openid", Pkce.create(), null)));
        assertNotNull(Browser.query(third.then().statusCode(302).extract().header("Location")).get("code"));

        OAuth confidential = OAuth.openId("confidential", Map.of());
        Browser other = new Browser();
        authorize(confidential, other, "openid", Pkce.create(), null);
        other.get(OAuth.authorizeUrl(params(confidential, "openid", Pkce.create(), null))).then().statusCode(302);
    }

    // ---- logout

    @Test
    void whenLogoutWithIdTokenHintAndRegisteredUriThenRedirectedWithStateAndTheSessionIsOver() {
        OAuth app = OAuth.openId("confidential", Map.of());
        Browser browser = new Browser();
        Pkce pkce = Pkce.create();
        String idToken = exchange(app, authorize(app, browser, "openid", pkce, null), pkce).path("id_token");
        Response out = browser.get("/oauth2/logout?id_token_hint=" + idToken + "&post_logout_redirect_uri="
                + OAuth.enc(OAuth.LOGGED_OUT) + "&state=bye-1");
        out.then().statusCode(302).header("Location", OAuth.LOGGED_OUT + "?state=bye-1")
                .header("Set-Cookie", containsString("Max-Age=0"));
        // the old cookie names no session any more
        browser.get(OAuth.authorizeUrl(params(app, "openid", Pkce.create(), null))).then().statusCode(200)
                .body(containsString("type=\"password\""));
    }

    @Test
    void whenLogoutWithoutProofThenTheUserConfirmsAndWithoutSessionASignedOutPage() {
        OAuth app = OAuth.openId("confidential", Map.of());
        Browser browser = new Browser();
        authorize(app, browser, "openid", Pkce.create(), null);
        browser.get("/oauth2/logout?client_id=" + app.clientId + "&post_logout_redirect_uri="
                + OAuth.enc(OAuth.LOGGED_OUT)).then().statusCode(200).body(containsString("Sign out?"))
                .header("X-Frame-Options", "DENY");
        Response confirmed = browser.submit("/oauth2/logout", Map.of("confirm", "yes"));
        confirmed.then().statusCode(303).header("Location", OAuth.LOGGED_OUT);
        new Browser().get("/oauth2/logout").then().statusCode(200).body(containsString("signed out"));
        // a forged confirmation (no valid CSRF token) does nothing
        Browser victim = new Browser();
        authorize(app, victim, "openid", Pkce.create(), null);
        victim.post("/oauth2/logout", Map.of("lk_csrf", "forged", "confirm", "yes")).then().statusCode(400);
        victim.get(OAuth.authorizeUrl(params(app, "openid", Pkce.create(), null))).then().statusCode(302);
    }

    @Test
    void whenLogoutAsksForAnUnregisteredUriOrABadHintThenAnErrorPageAndNoRedirect() {
        OAuth app = OAuth.openId("confidential", Map.of());
        OAuth other = OAuth.openId("confidential", Map.of());
        Pkce pkce = Pkce.create();
        String idToken = exchange(app, authorize(app, new Browser(), "openid", pkce, null), pkce).path("id_token");
        Map<String, String> cases = Map.of(
                "/oauth2/logout?id_token_hint=" + idToken + "&post_logout_redirect_uri=" + OAuth.enc("https://evil.example/"),
                "registered post_logout_redirect_uris",
                "/oauth2/logout?post_logout_redirect_uri=" + OAuth.enc(OAuth.LOGGED_OUT), "needs id_token_hint or client_id",
                "/oauth2/logout?id_token_hint=garbage", "id_token_hint is not an id_token",
                "/oauth2/logout?id_token_hint=" + idToken + "&client_id=" + other.clientId, "not the client",
                "/oauth2/logout?state=a&state=b", "state is repeated");
        cases.forEach((url, description) -> {
            Response r = new Browser().get(url);
            r.then().statusCode(400).contentType(containsString("text/html")).body(containsString(description));
            assertNull(r.header("Location"), url);
        });
    }

    // ---- management API

    @Test
    void whenUserClaimsAreSetAndReplacedThenTheyAreShownAndValidated() {
        String username = dev.latchkey.support.Admin.unique("user");
        api().body(Map.of("username", username, "password", OAuth.PASSWORD, "email", "a@example.com"))
                .post("/api/v1/users").then().statusCode(201).body("email", equalTo("a@example.com"))
                .body("email_verified", equalTo(false));
        api().body(Map.of("password", OAuth.PASSWORD, "name", "Ann", "email_verified", true)).put("/api/v1/users/" + username)
                .then().statusCode(200).body("name", equalTo("Ann")).body("email_verified", equalTo(true));
        api().get("/api/v1/users/" + username).then().statusCode(200).body("name", equalTo("Ann"))
                .body("email", equalTo(null));
        api().body(Map.of("username", dev.latchkey.support.Admin.unique("user"), "password", OAuth.PASSWORD,
                "email", "not an address")).post("/api/v1/users").then().statusCode(400)
                .body("description", containsString("email"));
        api().body(Map.of("password", OAuth.PASSWORD)).put("/api/v1/users/nobody-here").then().statusCode(404);
    }

    @Test
    void whenClientOpenIdFieldsAreInvalidThen400NamingThem() {
        var body = dev.latchkey.support.Admin.clientBody("confidential", List.of("openid"));
        body.put("post_logout_redirect_uris", List.of("/relative"));
        dev.latchkey.support.Admin.createClient(body).then().statusCode(400)
                .body("description", containsString("post_logout_redirect_uris"));
        body.put("post_logout_redirect_uris", List.of());
        body.put("id_token_signed_response_alg", "HS256");
        dev.latchkey.support.Admin.createClient(body).then().statusCode(400)
                .body("description", containsString("id_token_signed_response_alg"));
        body.remove("id_token_signed_response_alg");
        dev.latchkey.support.Admin.createClient(body).then().statusCode(201)
                .body("id_token_signed_response_alg", equalTo("RS256"))
                .body("post_logout_redirect_uris", equalTo(List.of()));
    }

    // ---- helpers

    static Map<String, String> params(OAuth app, String scope, Pkce pkce, String nonce) {
        Map<String, String> params = app.params(pkce);
        params.put("scope", scope);
        if (nonce != null) {
            params.put("nonce", nonce);
        }
        return params;
    }

    /** Login and consent in {@code browser}; the code. */
    static String authorize(OAuth app, Browser browser, String scope, Pkce pkce, String nonce) {
        Map<String, String> params = params(app, scope, pkce, nonce);
        Response r = browser.get(OAuth.authorizeUrl(params));
        if (r.statusCode() == 200 && r.asString().contains("type=\"password\"")) {
            Response in = browser.submit("/oauth2/authorize/login", Map.of("username", app.username,
                    "password", OAuth.PASSWORD));
            r = browser.get(in.header("Location").replaceFirst("^https?://[^/]+", ""));
        }
        if (r.statusCode() == 200) {
            r = browser.submit("/oauth2/authorize/consent", Map.of("decision", "allow"));
        }
        Map<String, String> result = Browser.query(r.header("Location"));
        assertNotNull(result.get("code"), result.toString());
        return result.get("code");
    }

    static Response exchange(OAuth app, String code, Pkce pkce) {
        return Tokens.exchange(app, code, pkce);
    }

    static IDTokenValidator validator(OAuth app, JWSAlgorithm algorithm) throws Exception {
        JWKSet jwks = JWKSet.parse(given().get("/oauth2/jwks").asString());
        return new IDTokenValidator(new Issuer(ISSUER), new ClientID(app.clientId), algorithm, jwks);
    }
}
