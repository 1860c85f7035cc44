package dev.latchkey.oauth;

import dev.latchkey.support.Admin;
import dev.latchkey.support.Browser;
import dev.latchkey.support.OAuth;
import dev.latchkey.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The device authorization grant (RFC 8628) over HTTP, strict profile: codes, the pages, polling. */
@QuarkusTest
class DeviceFlowTest {
    static final String GRANT = "urn:ietf:params:oauth:grant-type:device_code";

    /** A public client (a TV app) with the device grant and refresh tokens, and a user. */
    static OAuth tv() {
        Map<String, Object> body = new HashMap<>(Admin.clientBody("public", List.of(Admin.scope(), Admin.scope())));
        body.put("grant_types", List.of(GRANT, "refresh_token"));
        body.put("redirect_uris", List.of());
        var created = Admin.createClient(body).then().statusCode(201).extract().jsonPath();
        List<String> scopes = created.getList("allowed_scopes", String.class);
        return OAuth.existing(created.getString("client_id"), null, created.getList("default_scopes",
                String.class).get(0), scopes.stream().filter(s -> !created.getList("default_scopes").contains(s))
                .findFirst().orElseThrow(), Admin.user(OAuth.PASSWORD));
    }

    static Response deviceAuthorization(OAuth app, String... form) {
        return Tokens.post("/oauth2/device_authorization", app.clientId, app.clientSecret, Tokens.form(form));
    }

    static Response poll(OAuth app, String deviceCode) {
        return Tokens.token(app, Tokens.form("grant_type", GRANT, "device_code", deviceCode));
    }

    /** The user types {@code userCode} in {@code browser}, signs in as {@code username}; returns the consent page. */
    static Response enterAndSignIn(Browser browser, String userCode, String username) {
        assertEquals(200, browser.get("/oauth2/device").statusCode());
        Response login = browser.submit("/oauth2/device", Map.of("user_code", userCode));
        assertEquals(200, login.statusCode(), login.asString());
        assertTrue(login.asString().contains("Sign in"), login.asString());
        Response consent = browser.submit("/oauth2/device/login", Map.of("username", username,
                "password", OAuth.PASSWORD));
        assertEquals(200, consent.statusCode(), consent.asString());
        assertTrue(consent.asString().contains("a device of your own"), "the phishing warning (RFC 8628 §5.4)");
        return consent;
    }

    @Test
    void whenUserApprovesThenThePollingDeviceGetsTokensOnce() throws Exception {
        OAuth tv = tv();
        Response codes = deviceAuthorization(tv, "scope", tv.scopeA + " " + tv.scopeB);
        codes.then().statusCode(200).header("Cache-Control", containsString("no-store"))
                .body("verification_uri", equalTo("http://localhost:8081/oauth2/device"))
                .body("expires_in", equalTo(600)).body("interval", equalTo(5));
        String deviceCode = codes.path("device_code");
        String userCode = codes.path("user_code");
        assertTrue(userCode.matches("[BCDFGHJKLMNPQRSTVWXZ]{4}-[BCDFGHJKLMNPQRSTVWXZ]{4}"), userCode);
        assertEquals("http://localhost:8081/oauth2/device?user_code=" + userCode, codes.path("verification_uri_complete"));

        poll(tv, deviceCode).then().statusCode(400).body("error", equalTo("authorization_pending"));
        poll(tv, deviceCode).then().statusCode(400).body("error", equalTo("slow_down"));
        // RFC 8628 §3.5: the interval is now 5 s longer, so after 5.5 s it is still too soon
        Thread.sleep(5_500);
        poll(tv, deviceCode).then().statusCode(400).body("error", equalTo("slow_down"));

        Browser browser = new Browser();
        // typed in lower case, without the dash
        Response consent = enterAndSignIn(browser, userCode.replace("-", "").toLowerCase(), tv.username);
        assertTrue(consent.asString().contains(tv.scopeB));
        assertEquals(200, browser.submit("/oauth2/device/consent", Map.of("decision", "allow")).statusCode());

        Response tokens = poll(tv, deviceCode);
        tokens.then().statusCode(200).body("scope", equalTo(tv.scopeA + " " + tv.scopeB))
                .body("refresh_token", org.hamcrest.Matchers.notNullValue());
        assertEquals(given().get("/oauth2/jwks").statusCode(), 200);
        var claims = Tokens.verify(tokens.path("access_token"));
        assertEquals(tv.clientId, claims.getStringClaim("client_id"));
        Tokens.refresh(tv, tokens.path("refresh_token")).then().statusCode(200);
        // single use
        poll(tv, deviceCode).then().statusCode(400).body("error", equalTo("invalid_request"))
                .body("error_description", containsString("device_code is not valid"));
        // the grant is the user's like any other: listed, and withdrawable
        Admin.api().get("/api/v1/users/" + tv.username + "/grants").then().statusCode(200)
                .body("client_id", hasItem(tv.clientId));
    }

    @Test
    void whenUserDeclinesThenTheDeviceIsToldAccessDeniedAndStops() {
        OAuth tv = tv();
        Response codes = deviceAuthorization(tv);
        Browser browser = new Browser();
        enterAndSignIn(browser, codes.path("user_code"), tv.username);
        Response done = browser.submit("/oauth2/device/consent", Map.of("decision", "deny"));
        assertTrue(done.asString().contains("Access denied"));
        poll(tv, codes.path("device_code")).then().statusCode(400).body("error", equalTo("access_denied"));
        poll(tv, codes.path("device_code")).then().statusCode(400).body("error", equalTo("invalid_request"));
        // the same code cannot be answered again
        browser.get("/oauth2/device");
        Response again = browser.submit("/oauth2/device", Map.of("user_code", codes.path("user_code")));
        assertTrue(again.asString().contains("not valid, or has expired"), again.asString());
    }

    @Test
    void whenSignedInAlreadyThenTheCodeLeadsStraightToConsent() {
        OAuth tv = tv();
        Browser browser = new Browser();
        enterAndSignIn(browser, deviceAuthorization(tv).path("user_code"), tv.username);
        browser.submit("/oauth2/device/consent", Map.of("decision", "allow"));
        // verification_uri_complete fills the field; the user still confirms it
        String second = deviceAuthorization(tv).path("user_code");
        Response form = browser.get("/oauth2/device?user_code=" + second);
        assertTrue(form.asString().contains("value=\"" + second + "\""));
        Response consent = browser.submit("/oauth2/device", Map.of("user_code", second));
        assertTrue(consent.asString().contains("Allow"), consent.asString());
        assertTrue(consent.asString().contains("/oauth2/device/consent"));
    }

    @Test
    void whenCodesAreGuessedThenTheAddressIsThrottled() {
        Browser browser = new Browser();
        browser.get("/oauth2/device");
        for (int i = 0; i < 10; i++) {
            Response wrong = browser.submit("/oauth2/device", Map.of("user_code", "BCDF-GHJK"));
            assertEquals(200, wrong.statusCode());
            assertTrue(wrong.asString().contains("not valid"));
            browser.get("/oauth2/device");
        }
        Response blocked = browser.submit("/oauth2/device", Map.of("user_code", "BCDF-GHJK"));
        assertEquals(429, blocked.statusCode());
        assertTrue(blocked.header("Retry-After") != null);
        Response forged = new Browser().post("/oauth2/device", Map.of("user_code", "BCDF-GHJK"));
        assertEquals(400, forged.statusCode(), "no CSRF token: refused");
    }

    @Test
    void whenTheRequestIsNotAcceptableThenTheDocumentedCodes() {
        OAuth tv = tv();
        deviceAuthorization(tv, "scope", Admin.scope()).then().statusCode(400).body("error", equalTo("invalid_request"))
                .body("error_description", containsString("may not use"));
        OAuth web = OAuth.confidential();
        deviceAuthorization(web).then().statusCode(400).body("error", equalTo("unsupported_grant_type"));
        deviceAuthorization(OAuth.existing("no-such-client", null, null, null, null)).then().statusCode(401)
                .body("error", equalTo("invalid_client"));
        poll(tv, "not-a-code").then().statusCode(400).body("error", equalTo("invalid_request"));
        Tokens.token(tv, Tokens.form("grant_type", GRANT)).then().statusCode(400)
                .body("error_description", containsString("device_code is missing"));
        given().get("/.well-known/oauth-authorization-server").then()
                .body("device_authorization_endpoint", equalTo("http://localhost:8081/oauth2/device_authorization"))
                .body("grant_types_supported", hasItem(GRANT));
    }

    @Test
    void whenTheDeviceAsksForOpenIdThenItLearnsWhoSignedIn() throws Exception {
        Map<String, Object> body = new HashMap<>(Admin.clientBody("public", List.of("openid", "profile")));
        body.put("grant_types", List.of(GRANT));
        body.put("redirect_uris", List.of());
        String clientId = Admin.createClient(body).then().statusCode(201).extract().path("client_id");
        OAuth tv = OAuth.existing(clientId, null, "openid", "profile", Admin.user(OAuth.PASSWORD));
        Response codes = deviceAuthorization(tv, "scope", "openid profile");
        Browser browser = new Browser();
        enterAndSignIn(browser, codes.path("user_code"), tv.username);
        browser.submit("/oauth2/device/consent", Map.of("decision", "allow"));
        Response tokens = poll(tv, codes.path("device_code"));
        tokens.then().statusCode(200).body("refresh_token", equalTo(null));
        var idToken = com.nimbusds.jwt.SignedJWT.parse(tokens.<String>path("id_token")).getJWTClaimsSet();
        assertEquals(tv.username, idToken.getStringClaim("preferred_username"));
        assertEquals(List.of(clientId), idToken.getAudience());
        assertTrue(idToken.getClaim("auth_time") != null);
    }
}
