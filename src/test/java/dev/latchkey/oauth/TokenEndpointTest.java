package dev.latchkey.oauth;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.latchkey.support.Admin;
import dev.latchkey.support.Db;
import dev.latchkey.support.OAuth;
import dev.latchkey.support.Pkce;
import dev.latchkey.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Map;

import static dev.latchkey.support.Tokens.form;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The token endpoint (RFC 6749 §3.2, §4, §5; docs/errors.md) over HTTP: grants, client authentication and every documented token error. */
@QuarkusTest
class TokenEndpointTest {
    static final String ISSUER = "http://localhost:8081";

    @Test
    void whenClientCredentialsThenSignedJwtPerRfc9068() throws Exception {
        OAuth app = OAuth.confidential();
        Response r = Tokens.token(app, form("grant_type", "client_credentials"));
        r.then().statusCode(200)
                .header("Cache-Control", "no-store").header("Pragma", "no-cache")
                .body("token_type", equalTo("Bearer"))
                .body("expires_in", equalTo(600))
                .body("scope", equalTo(app.scopeA))
                .body("refresh_token", nullValue());
        String jwt = r.path("access_token");
        SignedJWT parsed = SignedJWT.parse(jwt);
        assertEquals("at+jwt", parsed.getHeader().getType().getType());
        assertNotNull(parsed.getHeader().getKeyID());
        JWTClaimsSet claims = Tokens.verify(jwt);
        assertEquals(ISSUER, claims.getIssuer());
        assertEquals(app.clientId, claims.getSubject());
        assertEquals(List.of(ISSUER), claims.getAudience());
        assertEquals(app.clientId, claims.getStringClaim("client_id"));
        assertEquals(app.scopeA, claims.getStringClaim("scope"));
        assertNotNull(claims.getJWTID());
        assertEquals(600, (claims.getExpirationTime().getTime() - claims.getIssueTime().getTime()) / 1000);
    }

    @Test
    void whenClientSecretPostThenAuthenticated() {
        OAuth app = OAuth.confidential();
        Tokens.from().contentType("application/x-www-form-urlencoded")
                .formParams(form("grant_type", "client_credentials", "client_id", app.clientId,
                        "client_secret", app.clientSecret, "scope", app.scopeB))
                .post("/oauth2/token").then().statusCode(200).body("scope", equalTo(app.scopeB));
    }

    @Test
    void whenBasicCredentialsFormEncodedThenDecoded() {
        OAuth app = OAuth.confidential();
        // RFC 6749 §2.3.1: strict clients encode even unreserved characters
        String strictId = app.clientId.replace("-", "%2D").replace("_", "%5F");
        String header = "Basic " + java.util.Base64.getEncoder().encodeToString(
                (strictId + ":" + app.clientSecret.replace("-", "%2D").replace("_", "%5F")).getBytes());
        Tokens.from().header("Authorization", header).contentType("application/x-www-form-urlencoded")
                .formParam("grant_type", "client_credentials").post("/oauth2/token").then().statusCode(200);
    }

    @Test
    void whenClientAuthFailsThen401InvalidClientWithChallenge() {
        OAuth app = OAuth.confidential();
        assertInvalidClient(Tokens.post("/oauth2/token", app.clientId, "wrong-secret", form("grant_type", "client_credentials")));
        assertInvalidClient(Tokens.post("/oauth2/token", "no-such-client", "x", form("grant_type", "client_credentials")));
        assertInvalidClient(Tokens.from().contentType("application/x-www-form-urlencoded")
                .formParam("grant_type", "client_credentials").post("/oauth2/token"));
        // confidential client without its secret
        assertInvalidClient(Tokens.post("/oauth2/token", app.clientId, null, form("grant_type", "client_credentials")));
        // two methods at once
        assertInvalidClient(Tokens.from().header("Authorization", Tokens.basic(app.clientId, app.clientSecret))
                .contentType("application/x-www-form-urlencoded")
                .formParams(form("grant_type", "client_credentials", "client_secret", app.clientSecret))
                .post("/oauth2/token"));
        // malformed Basic
        assertInvalidClient(Tokens.from().header("Authorization", "Basic !!!")
                .contentType("application/x-www-form-urlencoded").formParam("grant_type", "client_credentials")
                .post("/oauth2/token"));
        assertInvalidClient(Tokens.from().header("Authorization", "Bearer abc")
                .contentType("application/x-www-form-urlencoded").formParam("grant_type", "client_credentials")
                .post("/oauth2/token"));
    }

    @Test
    void whenClientDisabledThenInvalidClient() {
        OAuth app = OAuth.confidential();
        var client = new java.util.HashMap<>(Admin.api().get("/api/v1/clients/" + app.clientId).jsonPath().getMap(""));
        client.put("enabled", false);
        Admin.api().body(client).put("/api/v1/clients/" + app.clientId).then().statusCode(200);
        assertInvalidClient(Tokens.token(app, form("grant_type", "client_credentials")));
    }

    @Test
    void whenGrantTypeBadThenUnsupportedGrantType() {
        OAuth app = OAuth.confidential();
        assertOAuthError(Tokens.token(app, form("grant_type", "password")), 400, "unsupported_grant_type");
        assertOAuthError(Tokens.token(app, form("grant_type", "urn:ietf:params:oauth:grant-type:device_code")),
                400, "unsupported_grant_type");
        assertOAuthError(Tokens.token(app, form("scope", app.scopeA)), 400, "invalid_request");
        // a public client: client_credentials is not among its grants
        OAuth pub = OAuth.publicClient();
        assertOAuthError(Tokens.post("/oauth2/token", pub.clientId, null, form("grant_type", "client_credentials")),
                400, "unsupported_grant_type");
        // a grant the client is not enabled for
        var body = Admin.clientBody("confidential", List.of(Admin.scope()));
        body.put("grant_types", List.of("authorization_code"));
        var created = Admin.createClient(body).then().statusCode(201).extract().jsonPath();
        assertOAuthError(Tokens.post("/oauth2/token", created.getString("client_id"), created.getString("client_secret"),
                form("grant_type", "client_credentials")), 400, "unsupported_grant_type");
    }

    @Test
    void whenRequestMalformedThenInvalidRequest() {
        OAuth app = OAuth.confidential();
        String auth = Tokens.basic(app.clientId, app.clientSecret);
        assertOAuthError(Tokens.from().header("Authorization", auth).contentType("application/json")
                .body("{\"grant_type\":\"client_credentials\"}").post("/oauth2/token"), 400, "invalid_request");
        assertOAuthError(Tokens.from().header("Authorization", auth).contentType("application/x-www-form-urlencoded")
                .body("grant_type=client_credentials&grant_type=client_credentials").post("/oauth2/token"),
                400, "invalid_request").then().body("error_description", containsString("grant_type"));
        assertOAuthError(Tokens.from().header("Authorization", auth).contentType("application/x-www-form-urlencoded")
                .body("grant_type=client%ZZcredentials").post("/oauth2/token"), 400, "invalid_request");
        assertOAuthError(Tokens.from().header("Authorization", auth).contentType("application/x-www-form-urlencoded")
                .body("grant_type=%FF%FE").post("/oauth2/token"), 400, "invalid_request");
        // unknown parameters are ignored
        Tokens.from().header("Authorization", auth).contentType("application/x-www-form-urlencoded")
                .body("grant_type=client_credentials&foo=bar&foo=baz").post("/oauth2/token").then().statusCode(200);
    }

    @Test
    void whenMethodNotPostThen405WithAllowAndOAuthBody() {
        for (String path : List.of("/oauth2/token", "/oauth2/revoke", "/oauth2/introspect")) {
            Response r = Tokens.from().get(path);
            assertOAuthError(r, 405, "invalid_request");
            assertEquals("POST", r.header("Allow"));
        }
        assertOAuthError(Tokens.from().put("/oauth2/token"), 405, "invalid_request");
    }

    @Test
    void whenClientCredentialsScopeOutsideAllowedThenRefused() {
        OAuth app = OAuth.confidential();
        assertOAuthError(Tokens.token(app, form("grant_type", "client_credentials", "scope", Admin.scope())),
                400, "invalid_request").then().body("error_description", containsString("may not use"));
        assertOAuthError(Tokens.token(app, form("grant_type", "client_credentials", "scope", "a  b")),
                400, "invalid_request");
        Tokens.token(app, form("grant_type", "client_credentials", "scope", app.scopeA + " " + app.scopeB))
                .then().statusCode(200).body("scope", equalTo(app.scopeA + " " + app.scopeB));
    }

    @Test
    void whenTooManyFailedAuthenticationsThen429WithRetryAfter() {
        OAuth app = OAuth.confidential();
        String address = "10.201." + (int) (Math.random() * 250) + ".7";
        for (int i = 0; i < 10; i++) {
            assertInvalidClient(wrongSecretFrom(address, app, i));
        }
        // failures are counted in the background: further failures from that source get 429 within moments
        Response blocked = wrongSecretFrom(address, app, 10);
        for (int i = 0; i < 50 && blocked.statusCode() != 429; i++) {
            sleep(50);
            blocked = wrongSecretFrom(address, app, 11 + i);
        }
        assertOAuthError(blocked, 429, "invalid_request");
        assertTrue(Long.parseLong(blocked.header("Retry-After")) > 0);
    }

    private static Response wrongSecretFrom(String address, OAuth app, int i) {
        return io.restassured.RestAssured.given().header("X-Forwarded-For", address)
                .header("Authorization", Tokens.basic(app.clientId, "wrong-" + i))
                .contentType("application/x-www-form-urlencoded").formParam("grant_type", "client_credentials")
                .post("/oauth2/token");
    }

    // ---- authorization_code

    @Test
    void whenCodeExchangedThenAccessAndRefreshTokens() throws Exception {
        OAuth app = OAuth.confidential();
        Pkce pkce = Pkce.create();
        String code = app.code(pkce);
        Response r = Tokens.exchange(app, code, pkce);
        r.then().statusCode(200).header("Cache-Control", "no-store")
                .body("token_type", equalTo("Bearer")).body("scope", equalTo(app.scopeA))
                .body("refresh_token", notNullValue());
        JWTClaimsSet claims = Tokens.verify(r.path("access_token"));
        String userId = (String) Db.row("select id::text as id from app_user where username = ?", app.username).get("id");
        assertEquals(userId, claims.getSubject());
        assertEquals(app.clientId, claims.getStringClaim("client_id"));

        String refresh = r.path("refresh_token");
        byte[] hash = MessageDigest.getInstance("SHA-256").digest(refresh.getBytes(StandardCharsets.UTF_8));
        assertEquals(1, Db.count("select count(*) from refresh_token where token_hash = ?", hash));
        assertEquals(0, Db.count("select count(*) from refresh_token where encode(token_hash, 'escape') like ?",
                "%" + refresh + "%"));
    }

    @Test
    void whenCodeReusedThenFailsAndFirstTokensAreRevoked() {
        OAuth app = OAuth.confidential();
        Pkce pkce = Pkce.create();
        String code = app.code(pkce);
        Response first = Tokens.exchange(app, code, pkce);
        first.then().statusCode(200);
        assertOAuthError(Tokens.exchange(app, code, pkce), 400, "invalid_request")
                .then().body("error_description", containsString("already used"));
        assertOAuthError(Tokens.refresh(app, first.path("refresh_token")), 400, "invalid_request");
        Tokens.introspect(app, first.path("access_token")).then().statusCode(200).body("active", equalTo(false));
    }

    @Test
    void whenCodeChecksFailThenRefusedAndCodeStillUsable() throws Exception {
        OAuth app = OAuth.confidential();
        Pkce pkce = Pkce.create();
        String code = app.code(pkce);
        assertOAuthError(Tokens.token(app, form("grant_type", "authorization_code", "code", code,
                "redirect_uri", "https://app.example/other", "code_verifier", pkce.verifier())), 400, "invalid_request")
                .then().body("error_description", containsString("redirect_uri"));
        assertOAuthError(Tokens.token(app, form("grant_type", "authorization_code", "code", code,
                "code_verifier", pkce.verifier())), 400, "invalid_request");
        assertOAuthError(Tokens.token(app, form("grant_type", "authorization_code", "code", code,
                "redirect_uri", OAuth.REDIRECT)), 400, "invalid_request")
                .then().body("error_description", containsString("code_verifier is missing"));
        assertOAuthError(Tokens.exchange(app, code, Pkce.create()), 400, "invalid_request")
                .then().body("error_description", containsString("does not match"));
        assertOAuthError(Tokens.token(app, form("grant_type", "authorization_code", "code", code,
                "redirect_uri", OAuth.REDIRECT, "code_verifier", "short")), 400, "invalid_request")
                .then().body("error_description", containsString("43 to 128"));
        OAuth other = OAuth.confidential();
        assertOAuthError(Tokens.exchange(other, code, pkce), 400, "invalid_request")
                .then().body("error_description", containsString("another client"));
        assertOAuthError(Tokens.exchange(app, "not-a-code", pkce), 400, "invalid_request");
        assertOAuthError(Tokens.token(app, form("grant_type", "authorization_code")), 400, "invalid_request")
                .then().body("error_description", containsString("code is missing"));
        // nothing above consumed the code or left a grant behind: the right request still works, once
        byte[] hash = MessageDigest.getInstance("SHA-256").digest(code.getBytes(StandardCharsets.UTF_8));
        String grants = "select count(*) from grant_family f join authorization_code c on c.grant_id = f.id "
                + "where c.code_hash = ?";
        assertEquals(0, Db.count(grants, (Object) hash));
        assertEquals(0, Db.count("select count(*) from authorization_code where code_hash = ? and consumed_at is not null",
                (Object) hash));
        Tokens.exchange(app, code, pkce).then().statusCode(200);
        assertEquals(1, Db.count(grants, (Object) hash));
        assertEquals(1, Db.count("select count(*) from refresh_token r join authorization_code c on c.grant_id = r.family_id "
                + "where c.code_hash = ?", (Object) hash));
    }

    @Test
    void whenCodeExpiredThenRefused() throws Exception {
        OAuth app = OAuth.confidential();
        Pkce pkce = Pkce.create();
        String code = app.code(pkce);
        byte[] hash = MessageDigest.getInstance("SHA-256").digest(code.getBytes(StandardCharsets.UTF_8));
        Db.rows("update authorization_code set expires_at = now() - interval '1 second' where code_hash = ? returning 1", hash);
        assertOAuthError(Tokens.exchange(app, code, pkce), 400, "invalid_request")
                .then().body("error_description", containsString("expired"));
    }

    @Test
    void whenVerifierSentForCodeWithoutChallengeThenDowngradeRefused() {
        String scope = Admin.scope();
        var body = Admin.clientBody("confidential", List.of(scope));
        body.put("require_pkce", false);
        var created = Admin.createClient(body).then().statusCode(201).extract().jsonPath();
        String clientId = created.getString("client_id");
        String secret = created.getString("client_secret");
        String user = Admin.user(OAuth.PASSWORD);
        var browser = new dev.latchkey.support.Browser();
        Map<String, String> params = new java.util.LinkedHashMap<>(Map.of("client_id", clientId,
                "response_type", "code", "redirect_uri", OAuth.REDIRECT, "state", "s"));
        Response loginPage = browser.get(OAuth.authorizeUrl(params));
        assertEquals(200, loginPage.statusCode());
        Response loggedIn = browser.submit("/oauth2/authorize/login", Map.of("username", user, "password", OAuth.PASSWORD));
        browser.get(loggedIn.header("Location").replaceFirst("^https?://[^/]+", ""));
        String code = dev.latchkey.support.Browser.query(browser.submit("/oauth2/authorize/consent",
                Map.of("decision", "allow")).header("Location")).get("code");
        assertOAuthError(Tokens.post("/oauth2/token", clientId, secret, form("grant_type", "authorization_code",
                "code", code, "redirect_uri", OAuth.REDIRECT, "code_verifier", Pkce.create().verifier())),
                400, "invalid_request").then().body("error_description", containsString("without a code_challenge"));
        Tokens.post("/oauth2/token", clientId, secret, form("grant_type", "authorization_code", "code", code,
                "redirect_uri", OAuth.REDIRECT)).then().statusCode(200);
    }

    @Test
    void whenPublicClientExchangesWithPkceThenTokens() {
        OAuth app = OAuth.publicClient();
        Pkce pkce = Pkce.create();
        String code = app.code(pkce);
        Tokens.post("/oauth2/token", app.clientId, null, form("grant_type", "authorization_code", "code", code,
                "redirect_uri", OAuth.REDIRECT, "code_verifier", pkce.verifier()))
                .then().statusCode(200).body("refresh_token", notNullValue());
    }

    @Test
    void whenTwentyThreadsRedeemOneCodeThenExactlyOneSucceeds() throws Exception {
        OAuth app = OAuth.confidential();
        Pkce pkce = Pkce.create();
        String code = app.code(pkce);
        var pool = java.util.concurrent.Executors.newFixedThreadPool(20);
        var start = new java.util.concurrent.CountDownLatch(1);
        List<java.util.concurrent.Future<Integer>> results = new java.util.ArrayList<>();
        for (int i = 0; i < 20; i++) {
            results.add(pool.submit(() -> {
                start.await();
                return Tokens.exchange(app, code, pkce).statusCode();
            }));
        }
        start.countDown();
        int ok = 0;
        for (var f : results) {
            int status = f.get();
            assertTrue(status == 200 || status == 400, "status " + status);
            ok += status == 200 ? 1 : 0;
        }
        pool.shutdown();
        assertEquals(1, ok, "exactly one redemption");
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static Response assertOAuthError(Response r, int status, String error) {
        r.then().statusCode(status).contentType(startsWith("application/json"))
                .header("Cache-Control", "no-store")
                .body("error", equalTo(error))
                .body("error_description", notNullValue());
        return r;
    }

    static void assertInvalidClient(Response r) {
        assertOAuthError(r, 401, "invalid_client");
        assertEquals("Basic realm=\"latchkey\"", r.header("WWW-Authenticate"));
    }
}
