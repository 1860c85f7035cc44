package dev.latchkey.oauth;

import dev.latchkey.support.Admin;
import dev.latchkey.support.Browser;
import dev.latchkey.support.OAuth;
import dev.latchkey.support.Pkce;
import dev.latchkey.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** {@code latchkey.errors.profile=rfc6749}: the same reasons, as the plain RFC 6749 codes (docs/errors.md). */
@QuarkusTest
@TestProfile(Rfc6749ProfileTest.Rfc6749.class)
class Rfc6749ProfileTest {

    public static class Rfc6749 implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("latchkey.errors.profile", "rfc6749");
        }
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
}
