package dev.latchkey.oauth;

import dev.latchkey.support.Admin;
import dev.latchkey.support.Browser;
import dev.latchkey.support.Db;
import dev.latchkey.support.OAuth;
import dev.latchkey.support.Pkce;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.stream.Stream;

import static dev.latchkey.support.Admin.api;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The authorization endpoint (docs/errors.md) through the real HTTP interface and database. */
@QuarkusTest
class AuthorizeEndpointTest {
    static final String ISSUER = "http://localhost:8081";

    // ---- errors that must never be redirected: an HTML page, 400, no Location

    static Stream<Arguments> unsafe() {
        return Stream.of(
                Arguments.of("client_id missing", (BiConsumer<Map<String, String>, OAuth>) (p, a) -> p.remove("client_id"), "client_id is missing"),
                Arguments.of("client_id unknown", (BiConsumer<Map<String, String>, OAuth>) (p, a) -> p.put("client_id", "nobody"), "does not name a registered client"),
                Arguments.of("redirect_uri unregistered", (BiConsumer<Map<String, String>, OAuth>) (p, a) -> p.put("redirect_uri", "https://evil.example/cb"), "registered redirect URIs"),
                Arguments.of("redirect_uri unregistered and response_type bad", (BiConsumer<Map<String, String>, OAuth>) (p, a) -> {
                    p.put("redirect_uri", "https://evil.example/cb");
                    p.put("response_type", "token");
                }, "registered redirect URIs"),
                Arguments.of("redirect_uri missing with two registered", (BiConsumer<Map<String, String>, OAuth>) (p, a) -> p.remove("redirect_uri"), "exactly one"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unsafe")
    void whenClientOrRedirectUriBadThenErrorPageAndNoRedirect(String name, BiConsumer<Map<String, String>, OAuth> edit,
                                                              String description) {
        OAuth app = OAuth.confidential();
        Map<String, String> params = app.params(Pkce.create());
        edit.accept(params, app);
        Response r = new Browser().get(OAuth.authorizeUrl(params));
        assertErrorPage(r, description);
    }

    @Test
    void whenClientIdOrRedirectUriRepeatedThenErrorPage() {
        OAuth app = OAuth.confidential();
        String base = OAuth.authorizeUrl(app.params(Pkce.create()));
        assertErrorPage(new Browser().get(base + "&client_id=" + app.clientId), "client_id is repeated");
        assertErrorPage(new Browser().get(base + "&redirect_uri=" + OAuth.enc(OAuth.REDIRECT)), "redirect_uri is repeated");
    }

    @Test
    void whenClientDisabledThenErrorPage() {
        OAuth app = OAuth.confidential();
        Map<String, Object> client = new HashMap<>(api().get("/api/v1/clients/" + app.clientId).jsonPath().getMap(""));
        client.put("enabled", false);
        api().body(client).put("/api/v1/clients/" + app.clientId).then().statusCode(200);
        assertErrorPage(new Browser().get(OAuth.authorizeUrl(app.params(Pkce.create()))), "disabled");
    }

    // ---- errors redirected to the client with error, error_description, state, iss

    static Stream<Arguments> redirected() {
        return Stream.of(
                Arguments.of("scope repeated", "&scope=x", null, "invalid_request", "repeated"),
                Arguments.of("response_type missing", null, "response_type", "invalid_request", "response_type is missing"),
                Arguments.of("response_type token", "&response_type=token", "response_type", "unsupported_response_type", "code"),
                Arguments.of("scope unknown", "&scope=no-such-scope", "scope", "invalid_scope", "no-such-scope"),
                Arguments.of("scope malformed", "&scope=a%20%20b", "scope", "invalid_scope", "malformed"),
                Arguments.of("PKCE challenge missing", null, "code_challenge", "invalid_request", "code_challenge is required"),
                Arguments.of("PKCE plain", "&code_challenge_method=plain", "code_challenge_method", "invalid_request", "S256"),
                Arguments.of("PKCE malformed", "&code_challenge=short", "code_challenge", "invalid_request", "43 base64url"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("redirected")
    void whenRequestInvalidThenErrorRedirectedWithStateAndIss(String name, String append, String drop, String error,
                                                             String description) {
        OAuth app = OAuth.confidential();
        Map<String, String> params = app.params(Pkce.create());
        if (drop != null) {
            params.remove(drop);
        }
        String url = OAuth.authorizeUrl(params) + (append == null ? "" : append);
        Map<String, String> q = assertErrorRedirect(new Browser().get(url), OAuth.REDIRECT, error, description);
        assertEquals(params.get("state"), q.get("state"));
    }

    @Test
    void whenScopeForbiddenThenForbiddenScope() {
        OAuth app = OAuth.confidential();
        String other = Admin.scope();
        Map<String, String> params = app.params(Pkce.create());
        params.put("scope", app.scopeA + " " + other);
        assertErrorRedirect(new Browser().get(OAuth.authorizeUrl(params)), OAuth.REDIRECT, "forbidden_scope", other);
        // an unknown scope next to a forbidden one: invalid_scope wins
        params.put("scope", other + " unknown-" + other);
        assertErrorRedirect(new Browser().get(OAuth.authorizeUrl(params)), OAuth.REDIRECT, "invalid_scope", "unknown-");
    }

    @Test
    void whenClientNotEnabledForCodeThenAccessDenied() {
        var body = Admin.clientBody("confidential", List.of(Admin.scope()));
        body.put("grant_types", List.of("client_credentials"));
        String clientId = Admin.createClient(body).then().statusCode(201).extract().path("client_id");
        Pkce pkce = Pkce.create();
        String url = "/oauth2/authorize?client_id=" + clientId + "&response_type=code&redirect_uri="
                + OAuth.enc(OAuth.REDIRECT) + "&code_challenge=" + pkce.challenge() + "&code_challenge_method=S256";
        assertErrorRedirect(new Browser().get(url), OAuth.REDIRECT, "access_denied", "authorization_code");
    }

    @Test
    void whenNoScopeAndNoDefaultsThenInvalidScope() {
        var body = Admin.clientBody("confidential", List.of(Admin.scope()));
        body.put("default_scopes", List.of());
        String clientId = Admin.createClient(body).then().statusCode(201).extract().path("client_id");
        Pkce pkce = Pkce.create();
        String url = "/oauth2/authorize?client_id=" + clientId + "&response_type=code&redirect_uri="
                + OAuth.enc(OAuth.REDIRECT) + "&code_challenge=" + pkce.challenge() + "&code_challenge_method=S256";
        assertErrorRedirect(new Browser().get(url), OAuth.REDIRECT, "invalid_scope", "default");
    }

    @Test
    void whenRedirectUriHasQueryThenErrorAppendedWithAmpersand() {
        var body = Admin.clientBody("confidential", List.of(Admin.scope()));
        body.put("redirect_uris", List.of("https://app.example/cb?tenant=a%20b"));
        String clientId = Admin.createClient(body).then().statusCode(201).extract().path("client_id");
        Response r = new Browser().get("/oauth2/authorize?client_id=" + clientId + "&response_type=token&state=a%26b");
        assertEquals(302, r.statusCode());
        String location = r.header("Location");
        assertTrue(location.startsWith("https://app.example/cb?tenant=a%20b&error=unsupported_response_type&"), location);
        assertEquals("a&b", Browser.query(location).get("state"), "state echoed verbatim");
    }

    @Test
    void whenLoopbackRedirectWithOtherPortForANativeAppThenAccepted() {
        // RFC 8252 §7.3: a native app (public client) listens on an ephemeral port; see HardeningTest for others
        OAuth app = OAuth.publicClient();
        Map<String, String> params = app.params(Pkce.create());
        params.put("redirect_uri", "http://127.0.0.1:49152/cb");
        Response r = new Browser().get(OAuth.authorizeUrl(params));
        assertEquals(200, r.statusCode(), "login page for a registered loopback URI on another port");
    }

    // ---- the whole path: login, consent, code

    @Test
    void whenUserLogsInAndAllowsThenCodeIssuedAndStoredAsHash() throws Exception {
        OAuth app = OAuth.confidential();
        Pkce pkce = Pkce.create();
        Map<String, String> params = app.params(pkce);
        Browser browser = new Browser();
        Response login = browser.get(OAuth.authorizeUrl(params));
        login.then().statusCode(200).contentType(startsWith("text/html")).body(containsString("Sign in"));
        assertPageHeaders(login);
        String setCookie = login.header("Set-Cookie");
        assertTrue(setCookie.contains("HttpOnly") && setCookie.contains("SameSite=Lax"), setCookie);

        Response loggedIn = browser.submit("/oauth2/authorize/login", Map.of("username", app.username, "password", OAuth.PASSWORD));
        assertEquals(303, loggedIn.statusCode());
        assertNotNull(browser.cookie());
        Response consent = browser.get(loggedIn.header("Location").replaceFirst("^https?://[^/]+", ""));
        consent.then().statusCode(200).body(containsString(app.scopeA)).body(containsString("Read " + app.scopeA));
        assertPageHeaders(consent);

        Response done = browser.submit("/oauth2/authorize/consent", Map.of("decision", "allow"));
        assertEquals(303, done.statusCode(), "303 after a form POST");
        Map<String, String> q = Browser.query(done.header("Location"));
        assertTrue(done.header("Location").startsWith(OAuth.REDIRECT + "?code="));
        assertEquals(params.get("state"), q.get("state"));
        assertEquals(ISSUER, q.get("iss"));
        String code = q.get("code");
        assertTrue(code.length() >= 43, "256 bits");

        byte[] hash = MessageDigest.getInstance("SHA-256").digest(code.getBytes(StandardCharsets.UTF_8));
        var row = Db.row("select code_hash, client_id, scopes, code_challenge, redirect_uri, "
                + "extract(epoch from expires_at - created_at) as ttl from authorization_code where code_hash = ?", hash);
        assertArrayEquals(hash, (byte[]) row.get("code_hash"));
        assertEquals(app.clientId, row.get("client_id"));
        assertEquals(app.scopeA, row.get("scopes"));
        assertEquals(pkce.challenge(), row.get("code_challenge"));
        assertEquals(OAuth.REDIRECT, row.get("redirect_uri"));
        assertTrue(((Number) row.get("ttl")).doubleValue() <= 60.0);
        assertEquals(0, Db.count("select count(*) from authorization_code where encode(code_hash, 'escape') like ?",
                "%" + code + "%"), "the plaintext code is nowhere in the table");
    }

    @Test
    void whenConsentGivenBeforeThenNextRequestSkipsThePage() {
        OAuth app = OAuth.confidential();
        Browser browser = new Browser();
        app.authorize(browser, app.params(Pkce.create()));
        Map<String, String> again = app.params(Pkce.create());
        Response r = browser.get(OAuth.authorizeUrl(again));
        assertEquals(302, r.statusCode(), "straight back to the client");
        Map<String, String> q = Browser.query(r.header("Location"));
        assertNotNull(q.get("code"));
        assertEquals(again.get("state"), q.get("state"));
        // a wider request asks again
        again.put("scope", app.scopeA + " " + app.scopeB);
        browser.get(OAuth.authorizeUrl(again)).then().statusCode(200).body(containsString(app.scopeB));
    }

    @Test
    void whenUserDeniesThenAccessDenied() {
        OAuth app = OAuth.confidential();
        Browser browser = new Browser();
        Map<String, String> params = app.params(Pkce.create());
        Response loggedIn = app.login(browser, params);
        browser.get(loggedIn.header("Location").replaceFirst("^https?://[^/]+", "")).then().statusCode(200);
        Response denied = browser.submit("/oauth2/authorize/consent", Map.of("decision", "deny"));
        assertEquals(303, denied.statusCode());
        Map<String, String> q = assertErrorRedirect(denied, OAuth.REDIRECT, "access_denied", "denied");
        assertEquals(params.get("state"), q.get("state"));
        assertEquals(0, Db.count("select count(*) from consent c join app_user u on u.id = c.user_id where u.username = ?",
                app.username));
    }

    @Test
    void whenCsrfTokenMissingOrWrongThenRefusedAndNothingIssued() {
        OAuth app = OAuth.confidential();
        Browser browser = new Browser();
        Map<String, String> params = app.params(Pkce.create());
        Response loggedIn = app.login(browser, params);
        browser.get(loggedIn.header("Location").replaceFirst("^https?://[^/]+", "")).then().statusCode(200);
        long before = Db.count("select count(*) from authorization_code where client_id = ?", app.clientId);

        Map<String, String> form = new HashMap<>(params);
        form.put("decision", "allow");
        assertErrorPage(browser.post("/oauth2/authorize/consent", form), "security token");
        form.put("lk_csrf", "forged");
        assertErrorPage(browser.post("/oauth2/authorize/consent", form), "security token");
        // a token from another browser does not fit this one
        Browser other = new Browser();
        other.get(OAuth.authorizeUrl(params));
        form.put("lk_csrf", Browser.hiddenFields(other.get(OAuth.authorizeUrl(params)).asString()).get("lk_csrf"));
        assertErrorPage(browser.post("/oauth2/authorize/consent", form), "security token");

        assertEquals(before, Db.count("select count(*) from authorization_code where client_id = ?", app.clientId));
        // the login form is protected the same way
        Map<String, String> login = new HashMap<>(params);
        login.put("username", app.username);
        login.put("password", OAuth.PASSWORD);
        assertErrorPage(new Browser().post("/oauth2/authorize/login", login), "security token");
    }

    @Test
    void whenFormPostedWithOriginNullThenTokenAloneDecides() {
        OAuth app = OAuth.confidential();
        Browser browser = new Browser();
        Map<String, String> params = app.params(Pkce.create());
        browser.get(OAuth.authorizeUrl(params));
        Map<String, String> form = Browser.hiddenFields(browser.get(OAuth.authorizeUrl(params)).asString());
        form.put("username", app.username);
        form.put("password", OAuth.PASSWORD);
        Response r = given().redirects().follow(false).header("Origin", "null").header("X-Forwarded-For", browser.address())
                .cookie("latchkey_session", browser.cookie()).formParams(form).post("/oauth2/authorize/login");
        assertEquals(303, r.statusCode());
    }

    @Test
    void whenPasswordWrongThenFormAgainWithoutSayingWhetherUserExists() {
        OAuth app = OAuth.confidential();
        Browser browser = new Browser();
        Map<String, String> params = app.params(Pkce.create());
        browser.get(OAuth.authorizeUrl(params));
        Response wrong = browser.submit("/oauth2/authorize/login", Map.of("username", app.username, "password", "nope-nope"));
        wrong.then().statusCode(200).body(containsString("Wrong username or password."));
        Response unknown = browser.submit("/oauth2/authorize/login", Map.of("username", "ghost-" + app.username, "password", "nope-nope"));
        unknown.then().statusCode(200).body(containsString("Wrong username or password."));
        assertNull(wrong.header("Location"));
        // still usable: the right password then works
        Response right = browser.submit("/oauth2/authorize/login", Map.of("username", app.username, "password", OAuth.PASSWORD));
        assertEquals(303, right.statusCode());
    }

    @Test
    void whenTooManyWrongPasswordsThen429WithRetryAfter() {
        OAuth app = OAuth.confidential();
        Browser browser = new Browser();
        browser.get(OAuth.authorizeUrl(app.params(Pkce.create())));
        for (int i = 0; i < 5; i++) {
            browser.submit("/oauth2/authorize/login", Map.of("username", app.username, "password", "wrong-" + i))
                    .then().statusCode(200);
        }
        Response blocked = browser.submit("/oauth2/authorize/login", Map.of("username", app.username, "password", OAuth.PASSWORD));
        blocked.then().statusCode(429).contentType(startsWith("text/html")).body(containsString("Too many"));
        long retryAfter = Long.parseLong(blocked.header("Retry-After"));
        assertTrue(retryAfter > 0 && retryAfter <= 300, "Retry-After " + retryAfter);
        assertPageHeaders(blocked);
    }

    @Test
    void whenTooManyFailuresFromOneAddressThen429ForEveryUsername() {
        OAuth app = OAuth.confidential();
        Browser browser = new Browser();
        browser.get(OAuth.authorizeUrl(app.params(Pkce.create())));
        for (int i = 0; i < 20; i++) {
            browser.submit("/oauth2/authorize/login", Map.of("username", "guess-" + i, "password", "wrong-password"))
                    .then().statusCode(200);
        }
        browser.submit("/oauth2/authorize/login", Map.of("username", app.username, "password", OAuth.PASSWORD))
                .then().statusCode(429);
        // another address is not affected
        assertEquals(303, app.login(new Browser(), app.params(Pkce.create())).statusCode());
    }

    @Test
    void whenAuthorizationRequestSentAsFormPostThenSameChecks() {
        OAuth app = OAuth.confidential();
        Map<String, String> params = app.params(Pkce.create());
        params.put("response_type", "token");
        Response r = new Browser().post("/oauth2/authorize", params);
        assertEquals(303, r.statusCode(), "303 after a POST, never 307");
        assertEquals("unsupported_response_type", Browser.query(r.header("Location")).get("error"));
    }

    @Test
    void whenSessionCookieForgedThenLoginPage() {
        OAuth app = OAuth.confidential();
        Browser browser = new Browser();
        browser.cookie("made-up-value");
        browser.get(OAuth.authorizeUrl(app.params(Pkce.create()))).then().statusCode(200).body(containsString("Sign in"));
    }

    // ---- helpers

    static void assertErrorPage(Response r, String description) {
        r.then().statusCode(400).contentType(startsWith("text/html")).body(containsString(description));
        assertNull(r.header("Location"), "never redirected");
        assertPageHeaders(r);
    }

    static Map<String, String> assertErrorRedirect(Response r, String redirectUri, String error, String description) {
        assertTrue(r.statusCode() == 302 || r.statusCode() == 303, "redirect, got " + r.statusCode() + " " + r.asString());
        String location = r.header("Location");
        assertTrue(location.startsWith(redirectUri + "?"), location);
        Map<String, String> q = Browser.query(location);
        assertEquals(error, q.get("error"), location);
        assertTrue(q.get("error_description").contains(description), q.get("error_description"));
        assertEquals(ISSUER, q.get("iss"));
        assertFalse(q.containsKey("code"));
        return q;
    }

    static void assertPageHeaders(Response r) {
        assertEquals("DENY", r.header("X-Frame-Options"));
        assertTrue(r.header("Content-Security-Policy").contains("frame-ancestors 'none'"));
        assertEquals("no-referrer", r.header("Referrer-Policy"));
        assertNull(r.header("Access-Control-Allow-Origin"));
    }
}
