package dev.latchkey.oauth;

import dev.latchkey.support.Admin;
import dev.latchkey.support.Browser;
import dev.latchkey.support.OAuth;
import dev.latchkey.support.Pkce;
import dev.latchkey.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code latchkey.errors.profile=rfc6749}: the same reasons, as the plain RFC 6749 codes (docs/errors.md); and
 * dynamic registration in {@code open} mode, whose codes this profile makes RFC 7591's.
 */
@QuarkusTest
@TestProfile(Rfc6749ProfileTest.Rfc6749.class)
class Rfc6749ProfileTest {

    public static class Rfc6749 implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("latchkey.errors.profile", "rfc6749", "latchkey.registration.mode", "open",
                    "latchkey.registration.open-scopes", "openid," + OPEN_SCOPE,
                    "latchkey.registration.max-per-address", "3", "latchkey.device.lifetime", "2s");
        }
    }

    static final String OPEN_SCOPE = "open:read";

    static Map<String, Object> publicMetadata() {
        Map<String, Object> m = new java.util.HashMap<>();
        m.put("client_name", "Open " + Admin.unique("app"));
        m.put("redirect_uris", List.of("http://127.0.0.1:5678/cb"));
        m.put("token_endpoint_auth_method", "none");
        return m;
    }

    /** The open scope exists (made by the first test that needs it). */
    static void openScopeExists() {
        int status = Admin.api().body(Map.of("name", OPEN_SCOPE, "description", "Open")).post("/api/v1/scopes")
                .statusCode();
        assertTrue(status == 201 || status == 400);
    }

    @Test
    void whenOpenRegistrationThenNoTokenAndOnlyTheOpenScopes() {
        openScopeExists();
        Tokens.from().contentType("application/json").body(publicMetadata()).post("/oauth2/register").then()
                .statusCode(201).body("scope", equalTo(OPEN_SCOPE + " openid"));
        Map<String, Object> wider = publicMetadata();
        wider.put("scope", "openid " + Admin.scope());
        Tokens.from().contentType("application/json").body(wider).post("/oauth2/register").then().statusCode(400)
                .body("error", equalTo("invalid_client_metadata"))
                .body("error_description", containsString("not offered"));
        Map<String, Object> badRedirect = publicMetadata();
        badRedirect.put("redirect_uris", List.of("https://app.example/cb#fragment"));
        Tokens.from().contentType("application/json").body(badRedirect).post("/oauth2/register").then()
                .statusCode(400).body("error", equalTo("invalid_redirect_uri"));
        io.restassured.RestAssured.given().header("Authorization", "Bearer nope").get("/oauth2/register/nope").then()
                .statusCode(401).body("error", equalTo("invalid_token"))
                .header("WWW-Authenticate", containsString("error=\"invalid_token\""));
    }

    @Test
    void whenOneAddressRegistersTooOftenThenTooManyRequests() {
        openScopeExists();
        var from = "10.77." + (int) (Math.random() * 250) + ".9";
        for (int i = 0; i < 3; i++) {
            io.restassured.RestAssured.given().header("X-Forwarded-For", from).contentType("application/json")
                    .body(publicMetadata()).post("/oauth2/register").then().statusCode(201);
        }
        io.restassured.RestAssured.given().header("X-Forwarded-For", from).contentType("application/json")
                .body(publicMetadata()).post("/oauth2/register").then().statusCode(429)
                .header("Retry-After", org.hamcrest.Matchers.notNullValue()).body("error", equalTo("invalid_request"));
    }

    @Test
    void whenResourceRefusedThenInvalidTarget() {
        OAuth app = OAuth.confidential();
        Map<String, String> params = app.params(Pkce.create());
        params.put("resource", "https://unknown.example/");
        var q = Browser.query(new Browser().get(OAuth.authorizeUrl(params)).header("Location"));
        assertEquals("invalid_target", q.get("error"));
        Tokens.token(app, Tokens.form("grant_type", "client_credentials", "resource", "https://unknown.example/"))
                .then().statusCode(400).body("error", equalTo("invalid_target"));
    }

    @Test
    void whenScopeForbiddenThenInvalidScope() {
        OAuth app = OAuth.confidential();
        Map<String, String> params = app.params(Pkce.create());
        params.put("scope", Admin.scope());
        var q = Browser.query(new Browser().get(OAuth.authorizeUrl(params)).header("Location"));
        assertEquals("invalid_scope", q.get("error"));
    }

    @Test
    void whenTokenRequestRefusedThenPlainRfc6749Codes() {
        OAuth app = OAuth.confidential();
        Pkce pkce = Pkce.create();
        String code = app.code(pkce);
        Tokens.exchange(app, code, pkce).then().statusCode(200);
        Tokens.exchange(app, code, pkce).then().statusCode(400).body("error", equalTo("invalid_grant"));
        Tokens.token(app, Tokens.form("grant_type", "client_credentials", "scope", Admin.scope()))
                .then().statusCode(400).body("error", equalTo("invalid_scope"));
        OAuth pub = OAuth.publicClient();
        Tokens.post("/oauth2/token", pub.clientId, null, Tokens.form("grant_type", "client_credentials"))
                .then().statusCode(400).body("error", equalTo("unauthorized_client"));
        Tokens.token(app, Tokens.form("grant_type", "password")).then().statusCode(400)
                .body("error", equalTo("unsupported_grant_type"));
    }

    @Test
    void whenPromptNoneCannotBeHonouredThenLoginRequiredOrConsentRequired() {
        OAuth app = OAuth.openId("confidential", Map.of());
        Map<String, String> params = app.params(Pkce.create());
        params.put("scope", "openid");
        params.put("prompt", "none");
        var login = Browser.query(new Browser().get(OAuth.authorizeUrl(params)).header("Location"));
        assertEquals("login_required", login.get("error"));
        Browser browser = new Browser();
        Map<String, String> first = app.params(Pkce.create());
        first.put("scope", "openid");
        app.authorize(browser, first);
        params.put("scope", "openid email");
        var consent = Browser.query(browser.get(OAuth.authorizeUrl(params)).header("Location"));
        assertEquals("consent_required", consent.get("error"));
    }

    @Test
    void whenClientNotEnabledForCodeThenUnauthorizedClient() {
        var body = Admin.clientBody("confidential", List.of(Admin.scope()));
        body.put("grant_types", List.of("client_credentials"));
        String clientId = Admin.createClient(body).then().statusCode(201).extract().path("client_id");
        var r = new Browser().get("/oauth2/authorize?client_id=" + clientId + "&response_type=code&redirect_uri="
                + OAuth.enc(OAuth.REDIRECT));
        assertEquals("unauthorized_client", Browser.query(r.header("Location")).get("error"));
    }

    @Test
    void whenTokenExchangeRefusedThenRfc8693AndRfc6749Codes() {
        OAuth web = OAuth.confidential();
        Pkce pkce = Pkce.create();
        String user = Tokens.exchange(web, web.code(pkce), pkce).then().statusCode(200).extract().path("access_token");
        OAuth backend = TokenExchangeTest.backend(List.of(web.scopeA), List.of());
        TokenExchangeTest.trade(backend, user, "scope", web.scopeA + " " + web.scopeB).then().statusCode(400)
                .body("error", equalTo("invalid_scope"));
        TokenExchangeTest.trade(backend, user, "audience", "https://unknown.example/").then().statusCode(400)
                .body("error", equalTo("invalid_target"));
        // RFC 8693 section 2.2.2: an unacceptable subject token is invalid_request in this profile too
        TokenExchangeTest.trade(backend, "not.a.token").then().statusCode(400).body("error", equalTo("invalid_request"));
        TokenExchangeTest.trade(backend, user).then().statusCode(200).body("issued_token_type",
                equalTo(TokenExchangeTest.AT));
        Tokens.token(web, Tokens.form("grant_type", TokenExchangeTest.GRANT, "subject_token", user,
                "subject_token_type", TokenExchangeTest.AT)).then().statusCode(400)
                .body("error", equalTo("unauthorized_client"));
    }

    @Test
    void whenDeviceCodeExpiresThenExpiredTokenAndThePendingStatesAsInTheStrictProfile() throws Exception {
        OAuth tv = DeviceFlowTest.tv();
        Response codes = DeviceFlowTest.deviceAuthorization(tv);
        codes.then().statusCode(200).body("expires_in", equalTo(2));
        DeviceFlowTest.poll(tv, codes.path("device_code")).then().statusCode(400)
                .body("error", equalTo("authorization_pending"));
        DeviceFlowTest.poll(tv, codes.path("device_code")).then().statusCode(400).body("error", equalTo("slow_down"));
        Thread.sleep(2_100);
        DeviceFlowTest.poll(tv, codes.path("device_code")).then().statusCode(400)
                .body("error", equalTo("expired_token"));
        DeviceFlowTest.poll(tv, "not-a-code").then().statusCode(400).body("error", equalTo("invalid_grant"));
        DeviceFlowTest.deviceAuthorization(OAuth.confidential()).then().statusCode(400)
                .body("error", equalTo("unauthorized_client"));
        DeviceFlowTest.deviceAuthorization(tv, "scope", Admin.scope()).then().statusCode(400)
                .body("error", equalTo("invalid_scope"));
    }
}
