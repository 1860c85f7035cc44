package dev.latchkey.oauth;

import com.nimbusds.jwt.JWTClaimsSet;
import dev.latchkey.support.Admin;
import dev.latchkey.support.Browser;
import dev.latchkey.support.Db;
import dev.latchkey.support.OAuth;
import dev.latchkey.support.Pkce;
import dev.latchkey.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static dev.latchkey.support.Tokens.form;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What a black-box review found a stranger could do, each through the real HTTP interface: lock others out,
 * get around the limits, reach into another client's grant, or get an answer outside the contract.
 */
@QuarkusTest
class HardeningTest {
    static final String ISSUER = "http://localhost:8081";

    // ---- no lockout by strangers

    @Test
    void whenStrangersSendWrongSecretsThenTheRightSecretStillWorksEverywhere() {
        OAuth app = OAuth.confidential();
        String stranger = "10.77." + (int) (Math.random() * 250) + ".9";
        Response last = null;
        for (int i = 0; i < 30; i++) {
            last = given().header("X-Forwarded-For", stranger).header("Authorization", Tokens.basic(app.clientId, "wrong-" + i))
                    .contentType("application/x-www-form-urlencoded").formParam("grant_type", "client_credentials")
                    .post("/oauth2/token");
            if (last.statusCode() == 429) {
                break;
            }
            sleep(20);
        }
        assertEquals(429, last.statusCode(), "the failing source is slowed down: " + last.asString());
        // the correct secret, from the same address and from anywhere else, is never refused for that
        given().header("X-Forwarded-For", stranger).header("Authorization", Tokens.basic(app.clientId, app.clientSecret))
                .contentType("application/x-www-form-urlencoded").formParam("grant_type", "client_credentials")
                .post("/oauth2/token").then().statusCode(200);
        Tokens.token(app, form("grant_type", "client_credentials")).then().statusCode(200);
    }

    @Test
    void whenStrangersSendWrongPasswordsThenTheUserStillLogsInFromElsewhere() {
        OAuth app = OAuth.confidential();
        Browser stranger = new Browser();
        int status = 0;
        for (int i = 0; i < 9 && status != 429; i++) {
            stranger.get(OAuth.authorizeUrl(app.params(Pkce.create())));
            status = stranger.submit("/oauth2/authorize/login", Map.of("username", app.username, "password", "guess-" + i))
                    .statusCode();
        }
        assertEquals(429, status, "the failing address is slowed down");
        assertEquals(303, app.login(new Browser(), app.params(Pkce.create())).statusCode(),
                "the user's own login from another address goes on");
    }

    @Test
    void whenTwelveConcurrentWrongPasswordsThenAtMostTheLimitReachThePasswordCheck() throws Exception {
        OAuth app = OAuth.confidential();
        String address = "10.78." + (int) (Math.random() * 250) + "." + (int) (1 + Math.random() * 250);
        List<Browser> browsers = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            Browser b = new Browser(address);
            b.get(OAuth.authorizeUrl(app.params(Pkce.create())));
            browsers.add(b);
        }
        ExecutorService pool = Executors.newFixedThreadPool(12);
        List<Future<Integer>> answers = new ArrayList<>();
        for (Browser b : browsers) {
            answers.add(pool.submit((Callable<Integer>) () -> b.submit("/oauth2/authorize/login",
                    Map.of("username", app.username, "password", "wrong-password")).statusCode()));
        }
        int checked = 0;
        int throttled = 0;
        for (Future<Integer> answer : answers) {
            int status = answer.get();
            checked += status == 200 ? 1 : 0;
            throttled += status == 429 ? 1 : 0;
        }
        pool.shutdown();
        assertEquals(12, checked + throttled);
        assertEquals(5, checked, "the limit is five per username and address; the rest must not reach bcrypt");
        assertEquals(7, throttled);
    }

    @Test
    void whenUsernameCannotExistThenRefusedAndCountedWithoutTheSlowCheck() {
        OAuth app = OAuth.confidential();
        Browser browser = new Browser();
        browser.get(OAuth.authorizeUrl(app.params(Pkce.create())));
        String longName = "x".repeat(300);
        browser.submit("/oauth2/authorize/login", Map.of("username", longName, "password", "whatever-password"))
                .then().statusCode(200).body(containsString("Wrong username or password"));
        long audited = 0;
        for (int i = 0; i < 50 && audited == 0; i++) {
            sleep(100); // the audit trail is written in the background
            audited = Db.count("select count(*) from audit_event where type = 'LOGIN_FAILED' and address = ? "
                    + "and detail = 'not a valid username'", browser.address());
        }
        assertEquals(1, audited, "audited");
        assertTrue(Db.count("select count(*) from throttle where key = ?", "login-addr|" + browser.address()) > 0,
                "counted against the address");
    }

    // ---- a grant the admin can always revoke

    @Test
    void whenConsentRowIsGoneThenTheLiveGrantIsStillListedAndRevocable() {
        OAuth app = OAuth.confidential();
        Pkce pkce = Pkce.create();
        Response tokens = Tokens.exchange(app, app.code(pkce), pkce);
        tokens.then().statusCode(200);
        // as the purge did to consents older than their lifetime before this fix
        Db.rows("delete from consent where client_id = ? returning 1", app.clientId);
        Admin.api().get("/api/v1/users/" + app.username + "/grants").then().statusCode(200)
                .body("client_id", org.hamcrest.Matchers.hasItem(app.clientId));
        Admin.api().delete("/api/v1/users/" + app.username + "/grants/" + app.clientId).then().statusCode(204);
        Tokens.refresh(app, tokens.path("refresh_token")).then().statusCode(400);
        Admin.api().delete("/api/v1/users/" + app.username + "/grants/" + app.clientId).then().statusCode(404);
    }

    // ---- login CSRF

    @Test
    void whenLoginFormComesFromAnotherOriginThenRefused() {
        OAuth app = OAuth.confidential();
        Browser browser = new Browser();
        browser.get(OAuth.authorizeUrl(app.params(Pkce.create())));
        browser.header("Origin", "https://evil.example");
        browser.submit("/oauth2/authorize/login", Map.of("username", app.username, "password", OAuth.PASSWORD))
                .then().statusCode(400);
    }

    @Test
    void whenLoginFormComesFromTheIssuerOrWithNullOriginThenJudgedByItsToken() {
        OAuth app = OAuth.confidential();
        for (String origin : List.of(ISSUER, "null")) {
            Browser browser = new Browser();
            browser.get(OAuth.authorizeUrl(app.params(Pkce.create())));
            browser.header("Origin", origin);
            assertEquals(303, browser.submit("/oauth2/authorize/login",
                    Map.of("username", app.username, "password", OAuth.PASSWORD)).statusCode(), origin);
        }
    }

    @Test
    void whenCsrfTokenIsAnUnkeyedHashOfAPlantedCookieThenRefused() throws Exception {
        OAuth app = OAuth.confidential();
        Browser browser = new Browser();
        browser.get(OAuth.authorizeUrl(app.params(Pkce.create())));
        String planted = "planted-cookie-value-0123456789abcdefghijkl";
        browser.cookie(planted);
        String forged = Base64.getUrlEncoder().withoutPadding().encodeToString(MessageDigest.getInstance("SHA-256")
                .digest(("csrf:" + planted).getBytes(StandardCharsets.UTF_8)));
        browser.submit("/oauth2/authorize/login", Map.of("username", app.username, "password", OAuth.PASSWORD,
                "lk_csrf", forged)).then().statusCode(400);
    }

    // ---- loopback redirect URIs only for native apps

    @Test
    void whenConfidentialClientAsksForAnotherLoopbackPortThenNoRedirect() {
        OAuth app = OAuth.confidential();
        Map<String, String> params = app.params(Pkce.create());
        params.put("redirect_uri", "http://127.0.0.1:5555/cb");
        Response page = new Browser().get(OAuth.authorizeUrl(params));
        page.then().statusCode(400).contentType(startsWith("text/html"));
        assertNull(page.header("Location"));
    }

    @Test
    void whenPublicClientAsksForAnInvalidLoopbackPortThenNoRedirect() {
        OAuth app = OAuth.publicClient();
        for (String port : List.of("0", "99999", "05555", "")) {
            Map<String, String> params = app.params(Pkce.create());
            params.put("redirect_uri", "http://127.0.0.1:" + port + "/cb");
            Response page = new Browser().get(OAuth.authorizeUrl(params));
            assertEquals(400, page.statusCode(), port);
            assertNull(page.header("Location"), port);
        }
        Map<String, String> params = app.params(Pkce.create());
        params.put("redirect_uri", "http://127.0.0.1:5555/cb");
        assertEquals(200, new Browser().get(OAuth.authorizeUrl(params)).statusCode(), "a native app's ephemeral port");
    }

    @Test
    void whenRedirectUriHasAnInvalidPortThenRegistrationRefused() {
        for (String uri : List.of("http://127.0.0.1:0/cb", "http://127.0.0.1:99999/cb", "http://127.0.0.1:05555/cb",
                "https://app.example:70000/cb")) {
            var body = Admin.clientBody("public", List.of(Admin.scope()));
            body.put("redirect_uris", List.of(uri));
            Admin.createClient(body).then().statusCode(400).body("description", containsString("port"));
        }
    }

    // ---- answers inside the contract

    @Test
    void whenErrorDescriptionWouldCarryUnsafeCharactersThenOnlyAllowedOnesAreSent() {
        OAuth app = OAuth.confidential();
        Map<String, String> params = app.params(Pkce.create());
        params.put("scope", "a\"b\\c\u00e9d");
        Response redirect = new Browser().get(OAuth.authorizeUrl(params));
        String description = Browser.query(redirect.header("Location")).get("error_description");
        assertAllowed(description);
        Response token = Tokens.from().header("Authorization", Tokens.basic(app.clientId, app.clientSecret))
                .contentType("application/x-www-form-urlencoded")
                .body("grant_type=" + OAuth.enc("pa\"ss\\w\u00f6rd")).post("/oauth2/token");
        assertAllowed(token.path("error_description"));
        assertTrue(token.<String>path("error_description").contains("shown as ?"), token.asString());
    }

    static void assertAllowed(String description) {
        assertTrue(description != null && description.chars().allMatch(c -> c == 0x20 || c == 0x21
                || c >= 0x23 && c <= 0x5B || c >= 0x5D && c <= 0x7E), "RFC 6749 §5.2 characters only: " + description);
    }

    @Test
    void whenJsonBodyHasNoContentTypeThen415() {
        given().header("Authorization", "Bearer " + Admin.KEY).body("{\"name\": \"" + Admin.unique("s") + "\"}")
                .post("/api/v1/scopes").then().statusCode(415)
                .body("message", equalTo("415 Unsupported Media Type"));
    }

    @Test
    void whenAnAnswerCarriesASecretThenItIsNeverCached() {
        Response created = Admin.createClient(Admin.clientBody("confidential", List.of(Admin.scope())));
        created.then().statusCode(201).header("Cache-Control", "no-store");
        Admin.api().post("/api/v1/clients/" + created.path("client_id") + "/secret").then().statusCode(200)
                .header("Cache-Control", "no-store");
    }

    @Test
    void whenHostHeaderIsForgedThenLocationAndLinkStillNameTheIssuer() {
        Response created = Admin.api().header("Host", "evil.example")
                .body(Map.of("name", Admin.unique("s"))).post("/api/v1/scopes");
        created.then().statusCode(201).header("Location", startsWith(ISSUER + "/api/v1/scopes/"));
        Admin.scope();
        Response page = Admin.api().header("Host", "evil.example").get("/api/v1/scopes?limit=1");
        page.then().statusCode(200).header("Link", startsWith("<" + ISSUER + "/api/v1/scopes?"));
    }

    @Test
    void whenClientNameHasFormatCharactersThenRefused() {
        var body = Admin.clientBody("confidential", List.of(Admin.scope()));
        body.put("name", "Shop\u202Egnp.exe");
        Admin.createClient(body).then().statusCode(400).body("description", containsString("format characters"));
    }

    // ---- another client's leftovers

    @Test
    void whenAnotherClientPresentsAUsedCodeOrRotatedTokenThenTheOwnersGrantStands() {
        OAuth owner = OAuth.confidential();
        OAuth other = OAuth.confidential();
        Pkce pkce = Pkce.create();
        String code = owner.code(pkce);
        Response first = Tokens.exchange(owner, code, pkce);
        first.then().statusCode(200);
        Tokens.exchange(other, code, pkce).then().statusCode(400)
                .body("error_description", containsString("another client"));
        Response rotated = Tokens.refresh(owner, first.path("refresh_token"));
        rotated.then().statusCode(200);
        Tokens.refresh(other, first.path("refresh_token")).then().statusCode(400)
                .body("error_description", containsString("another client"));
        // the owner's grant is untouched: its newest refresh token still rotates
        Tokens.refresh(owner, rotated.path("refresh_token")).then().statusCode(200);
    }

    // ---- the access token's grant claim

    @Test
    void whenUserGrantThenAccessTokenNamesItsGrantAsGrantIdNotSid() throws Exception {
        OAuth app = OAuth.confidential();
        Pkce pkce = Pkce.create();
        JWTClaimsSet claims = Tokens.verify(Tokens.exchange(app, app.code(pkce), pkce).path("access_token"));
        assertNull(claims.getClaim("sid"), "sid is OpenID Connect's session id");
        String grant = claims.getStringClaim("grant_id");
        assertEquals(1, Db.count("select count(*) from grant_family where id::text = ?", grant));
    }

    // ---- wrong admin keys

    @Test
    void whenAnAddressSendsManyWrongAdminKeysThenItIsRefusedAndOthersAreNot() {
        String address = "10.79." + (int) (Math.random() * 250) + ".3";
        int status = 0;
        for (int i = 0; i < 40 && status != 429; i++) {
            status = given().header("X-Forwarded-For", address).header("Authorization", "Bearer wrong-" + i)
                    .get("/api/v1/scopes").statusCode();
            sleep(20);
        }
        assertEquals(429, status);
        given().header("X-Forwarded-For", address).header("Authorization", "Bearer " + Admin.KEY)
                .get("/api/v1/scopes").then().statusCode(429).header("Retry-After", org.hamcrest.Matchers.notNullValue());
        Admin.api().header("X-Forwarded-For", "10.80.0.1").get("/api/v1/scopes").then().statusCode(200);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
