package dev.latchkey.oauth;

import dev.latchkey.support.Admin;
import dev.latchkey.support.Browser;
import dev.latchkey.support.OAuth;
import dev.latchkey.support.Pkce;
import dev.latchkey.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Pushed authorization requests (RFC 9126): the PAR endpoint and request_uri at the authorization endpoint. */
@QuarkusTest
class PushedRequestTest {

    static Response push(OAuth app, Map<String, String> params) {
        Map<String, String> form = new LinkedHashMap<>(params);
        form.remove("client_id");
        return Tokens.post("/oauth2/par", app.clientId, app.clientSecret, form);
    }

    static String pushed(OAuth app, Map<String, String> params) {
        return push(app, params).then().statusCode(201).extract().path("request_uri");
    }

    static Map<String, String> byReference(OAuth app, String requestUri) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("client_id", app.clientId);
        p.put("request_uri", requestUri);
        return p;
    }

    @Test
    void whenAClientPushesItsRequestThenTheBrowserCarriesOnlyTheReferenceAndTheCodeWorksOnce() {
        OAuth app = OAuth.confidential();
        Pkce pkce = Pkce.create();
        Map<String, String> params = app.params(pkce);
        Response pushed = push(app, params);
        pushed.then().statusCode(201).header("Cache-Control", containsString("no-store"))
                .body("request_uri", startsWith("urn:ietf:params:oauth:request_uri:")).body("expires_in", equalTo(300));
        Map<String, String> reference = byReference(app, pushed.path("request_uri"));
        Browser browser = new Browser();
        Map<String, String> answer = app.authorize(browser, reference);
        assertEquals(params.get("state"), answer.get("state"), "the pushed state comes back");
        Tokens.exchange(app, answer.get("code"), pkce).then().statusCode(200).body("scope", equalTo(app.scopeA));
        // the login and consent forms carried the reference, not the request
        assertFalse(browser.get(OAuth.authorizeUrl(reference)).asString().contains(params.get("code_challenge")));
        // single use: the same request_uri again is an error page, never a redirect
        browser.get(OAuth.authorizeUrl(reference)).then().statusCode(400)
                .body(containsString("request_uri names no live request"));
    }

    @Test
    void whenThePushedRequestAsksForASignInThenOneSignInIsEnough() {
        OAuth app = OAuth.confidential();
        Pkce pkce = Pkce.create();
        Map<String, String> params = app.params(pkce);
        params.put("prompt", "login");
        Browser browser = new Browser();
        // a live session, then a pushed request that asks for a fresh sign-in: it signs in once, then gets its code
        app.authorize(browser, app.params(Pkce.create()));
        Map<String, String> answer = app.authorize(browser, byReference(app, pushed(app, params)));
        assertNotNull(answer.get("code"), answer.toString());
    }

    @Test
    void whenThePushedRequestBreaksARuleThenThePushIsRefusedWithTheAuthorizationEndpointsCode() {
        OAuth app = OAuth.confidential();
        Map<String, String> valid = app.params(Pkce.create());
        Map<String, String> p = new LinkedHashMap<>(valid);
        p.put("scope", "no-such-scope-" + System.nanoTime());
        push(app, p).then().statusCode(400).body("error", equalTo("invalid_scope"));
        p = new LinkedHashMap<>(valid);
        p.put("scope", OAuth.confidential().scopeA);
        push(app, p).then().statusCode(400).body("error", equalTo("forbidden_scope"));
        p = new LinkedHashMap<>(valid);
        p.put("response_type", "token");
        push(app, p).then().statusCode(400).body("error", equalTo("unsupported_response_type"));
        p = new LinkedHashMap<>(valid);
        p.put("redirect_uri", "https://evil.example/cb");
        push(app, p).then().statusCode(400).body("error", equalTo("invalid_request"))
                .body("error_description", containsString("redirect_uri"));
        p = new LinkedHashMap<>(valid);
        p.remove("code_challenge");
        push(app, p).then().statusCode(400).body("error", equalTo("invalid_request"))
                .body("error_description", containsString("code_challenge"));
        p = new LinkedHashMap<>(valid);
        p.put("request_uri", "urn:ietf:params:oauth:request_uri:x");
        push(app, p).then().statusCode(400).body("error", equalTo("invalid_request"))
                .body("error_description", containsString("request_uri cannot be pushed"));
        // client authentication as at the token endpoint
        Tokens.post("/oauth2/par", app.clientId, "wrong", valid).then().statusCode(401)
                .header("WWW-Authenticate", containsString("Basic")).body("error", equalTo("invalid_client"));
        given().get("/oauth2/par").then().statusCode(405).header("Allow", "POST").body("error", equalTo("invalid_request"));
    }

    @Test
    void whenAClientFailsToAuthenticateTooOftenThenThePushIsThrottledAsAtTheTokenEndpoint() {
        OAuth app = OAuth.confidential();
        String address = "10.201." + (System.nanoTime() % 250) + ".7";
        int status = 0;
        for (int i = 0; i < 60 && status != 429; i++) {
            Response r = given().header("X-Forwarded-For", address).contentType("application/x-www-form-urlencoded")
                    .header("Authorization", Tokens.basic(app.clientId, "wrong")).formParam("response_type", "code")
                    .post("/oauth2/par");
            status = r.statusCode();
            if (status == 429) {
                r.then().header("Retry-After", org.hamcrest.Matchers.notNullValue())
                        .body("error", equalTo("invalid_request"));
            } else {
                assertEquals(401, status, r.asString());
            }
        }
        assertEquals(429, status, "failed authentications at the PAR endpoint are counted");
    }

    @Test
    void whenAPublicClientPushesThenItSendsOnlyItsId() {
        OAuth app = OAuth.publicClient();
        Pkce pkce = Pkce.create();
        Map<String, String> answer = app.authorize(new Browser(), byReference(app, pushed(app, app.params(pkce))));
        Tokens.exchange(app, answer.get("code"), pkce).then().statusCode(200);
    }

    @Test
    void whenARequestUriComesWithOtherParametersOrFromAnotherClientThenItIsRefused() {
        OAuth app = OAuth.confidential();
        OAuth other = OAuth.confidential();
        String uri = pushed(app, app.params(Pkce.create()));
        Map<String, String> mixed = byReference(app, uri);
        mixed.put("scope", app.scopeB);
        Response refused = new Browser().get(OAuth.authorizeUrl(mixed));
        assertEquals(302, refused.statusCode(), refused.asString());
        Map<String, String> error = Browser.query(refused.header("Location"));
        assertEquals("invalid_request", error.get("error"));
        assertTrue(error.get("error_description").contains("scope"), error.toString());
        new Browser().get(OAuth.authorizeUrl(byReference(other, uri))).then().statusCode(400)
                .body(containsString("request_uri names no live request"));
        new Browser().get(OAuth.authorizeUrl(byReference(app, "urn:ietf:params:oauth:request_uri:nope")))
                .then().statusCode(400).body(containsString("request_uri names no live request"));
        // the mixed-in attempt did not spend it
        assertNotNull(app.authorize(new Browser(), byReference(app, uri)).get("code"));
    }

    @Test
    void whenAClientMustPushThenARequestInTheUrlIsRefused() {
        Map<String, Object> body = new HashMap<>(Admin.clientBody("confidential", List.of(Admin.scope())));
        body.put("require_pushed_authorization_requests", true);
        var created = Admin.createClient(body).then().statusCode(201)
                .body("require_pushed_authorization_requests", equalTo(true)).extract().jsonPath();
        OAuth app = OAuth.existing(created.getString("client_id"), created.getString("client_secret"),
                ((List<?>) body.get("allowed_scopes")).get(0).toString(), null, Admin.user(OAuth.PASSWORD));
        Pkce pkce = Pkce.create();
        Response refused = new Browser().get(OAuth.authorizeUrl(app.params(pkce)));
        assertEquals(302, refused.statusCode(), refused.asString());
        Map<String, String> error = Browser.query(refused.header("Location"));
        assertEquals("invalid_request", error.get("error"));
        assertTrue(error.get("error_description").contains("must push"), error.toString());
        Map<String, String> answer = app.authorize(new Browser(), byReference(app, pushed(app, app.params(pkce))));
        Tokens.exchange(app, answer.get("code"), pkce).then().statusCode(200);
        given().get("/.well-known/oauth-authorization-server").then()
                .body("pushed_authorization_request_endpoint", equalTo("http://localhost:8081/oauth2/par"))
                .body("require_pushed_authorization_requests", equalTo(false));
    }
}
