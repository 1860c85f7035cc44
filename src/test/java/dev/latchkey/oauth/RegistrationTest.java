package dev.latchkey.oauth;

import dev.latchkey.jobs.Purge;
import dev.latchkey.support.Admin;
import dev.latchkey.support.Browser;
import dev.latchkey.support.Db;
import dev.latchkey.support.OAuth;
import dev.latchkey.support.Pkce;
import dev.latchkey.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static dev.latchkey.support.Admin.api;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Dynamic client registration (RFC 7591) in the default {@code token} mode, and RFC 7592 management. */
@QuarkusTest
class RegistrationTest {
    static final String REDIRECT = "http://127.0.0.1:4567/callback";

    @Inject
    Purge purge;

    /** A fresh initial access token good for {@code uses} registrations. */
    static String initialToken(int uses) {
        return api().body(Map.of("expires_in", 600, "max_uses", uses)).post("/api/v1/registration-tokens")
                .then().statusCode(201).body("max_uses", equalTo(uses)).body("uses", equalTo(0))
                .extract().path("token");
    }

    static RequestSpecification register(String token) {
        var spec = Tokens.from().contentType("application/json");
        return token == null ? spec : spec.header("Authorization", "Bearer " + token);
    }

    /** Public-client metadata, as an MCP client or a native app sends it. */
    static Map<String, Object> metadata(String scope) {
        Map<String, Object> m = new HashMap<>();
        m.put("client_name", "CLI " + Admin.unique("tool"));
        m.put("redirect_uris", List.of(REDIRECT));
        m.put("token_endpoint_auth_method", "none");
        m.put("grant_types", List.of("authorization_code", "refresh_token"));
        m.put("response_types", List.of("code"));
        m.put("scope", scope);
        return m;
    }

    @Test
    void whenMetadataReadThenRegistrationEndpointListedInBoth() {
        for (String path : List.of("/.well-known/oauth-authorization-server", "/.well-known/openid-configuration")) {
            given().get(path).then().statusCode(200)
                    .body("registration_endpoint", equalTo("http://localhost:8081/oauth2/register"));
        }
    }

    @Test
    void whenNoOrBadInitialTokenThenInvalidClientWithBearerChallenge() {
        Map<String, Object> m = metadata(Admin.scope());
        register(null).body(m).post("/oauth2/register").then().statusCode(401)
                .header("WWW-Authenticate", containsString("Bearer"))
                .body("error", equalTo("invalid_client")).body("error_description", containsString("initial access token"));
        register("not-a-token").body(m).post("/oauth2/register").then().statusCode(401)
                .body("error", equalTo("invalid_client"));
    }

    @Test
    void whenInitialTokenUsedUpOrExpiredThenRefused() throws Exception {
        String scope = Admin.scope();
        String once = initialToken(1);
        register(once).body(metadata(scope)).post("/oauth2/register").then().statusCode(201);
        register(once).body(metadata(scope)).post("/oauth2/register").then().statusCode(401)
                .body("error_description", containsString("used up"));
        String shortLived = api().body(Map.of("expires_in", 1)).post("/api/v1/registration-tokens").then()
                .statusCode(201).extract().path("token");
        Thread.sleep(1100);
        register(shortLived).body(metadata(scope)).post("/oauth2/register").then().statusCode(401);
        api().body(Map.of("expires_in", 0, "max_uses", 0)).post("/api/v1/registration-tokens").then().statusCode(400)
                .body("description", containsString("expires_in")).body("description", containsString("max_uses"));
    }

    @Test
    void whenRegisteredThenAnOrdinaryClientThatCompletesTheCodeFlow() throws Exception {
        String scope = Admin.scope();
        Response registered = register(initialToken(1)).body(metadata(scope)).post("/oauth2/register");
        registered.then().statusCode(201).header("Cache-Control", "no-store")
                .body("client_id", notNullValue()).body("client_id_issued_at", notNullValue())
                .body("registration_access_token", notNullValue())
                .body("token_endpoint_auth_method", equalTo("none")).body("scope", equalTo(scope))
                .body("redirect_uris", equalTo(List.of(REDIRECT))).body("response_types", equalTo(List.of("code")))
                .body("$", not(hasKey("client_secret")));
        String clientId = registered.path("client_id");
        assertEquals("http://localhost:8081/oauth2/register/" + clientId, registered.path("registration_client_uri"));
        assertEquals(registered.path("registration_client_uri"), registered.header("Location"));
        JsonPath admin = api().get("/api/v1/clients/" + clientId).then().statusCode(200).extract().jsonPath();
        assertEquals("public", admin.getString("client_type"));
        assertTrue(admin.getBoolean("self_registered"));
        assertTrue(admin.getBoolean("require_pkce"));
        assertEquals(List.of(scope), admin.getList("default_scopes"));

        // a user signs in to it; the consent page says its name is its own claim
        OAuth app = OAuth.existing(clientId, null, scope, null, Admin.user(OAuth.PASSWORD));
        Pkce pkce = Pkce.create();
        Map<String, String> params = app.params(pkce);
        params.put("redirect_uri", REDIRECT);
        Browser browser = new Browser();
        Response loggedIn = app.login(browser, params);
        Response consent = browser.get(loggedIn.header("Location").replaceFirst("^https?://[^/]+", ""));
        assertTrue(consent.asString().contains("registered itself"), consent.asString());
        String code = Browser.query(browser.submit("/oauth2/authorize/consent", Map.of("decision", "allow"))
                .header("Location")).get("code");
        Tokens.token(app, Tokens.form("grant_type", "authorization_code", "code", code, "redirect_uri", REDIRECT,
                "code_verifier", pkce.verifier())).then().statusCode(200).body("scope", equalTo(scope));
        // its first token is noted, so the purge of unused registrations keeps it
        Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
        while (Db.row("select first_token_at from client where client_id = ?", clientId).get("first_token_at") == null
                && Instant.now().isBefore(deadline)) {
            Thread.sleep(50);
        }
        assertNotNull(Db.row("select first_token_at from client where client_id = ?", clientId).get("first_token_at"));
        // audited (the trail is written in the background)
        deadline = Instant.now().plus(Duration.ofSeconds(10));
        while (Db.count("select count(*) from audit_event where type = 'CLIENT_REGISTERED' and client_id = ?", clientId)
                == 0 && Instant.now().isBefore(deadline)) {
            Thread.sleep(50);
        }
        assertEquals(1, Db.count("select count(*) from audit_event where type = 'CLIENT_REGISTERED' and client_id = ?",
                clientId));
    }

    @Test
    void whenConfidentialThenSecretOnceAndClientCredentialsWork() {
        String scope = Admin.scope();
        Map<String, Object> m = metadata(scope);
        m.put("token_endpoint_auth_method", "client_secret_post");
        m.put("grant_types", List.of("client_credentials"));
        m.remove("response_types");
        m.remove("redirect_uris");
        Response registered = register(initialToken(1)).body(m).post("/oauth2/register");
        registered.then().statusCode(201).body("client_secret_expires_at", equalTo(0))
                .body("response_types", equalTo(List.of()));
        String clientId = registered.path("client_id");
        String secret = registered.path("client_secret");
        Tokens.post("/oauth2/token", clientId, null, Tokens.form("grant_type", "client_credentials",
                "client_secret", secret)).then().statusCode(200).body("scope", equalTo(scope));
        // RFC 7592 §2.2: a client_secret sent with an update must be the client's own
        Map<String, Object> update = new HashMap<>(m);
        update.put("client_id", clientId);
        update.put("client_secret", "not-the-secret");
        given().header("Authorization", "Bearer " + registered.path("registration_access_token"))
                .contentType("application/json").body(update).put("/oauth2/register/" + clientId).then()
                .statusCode(400).body("error", equalTo("invalid_request"))
                .body("error_description", containsString("client_secret"));
        update.put("client_secret", secret);
        given().header("Authorization", "Bearer " + registered.path("registration_access_token"))
                .contentType("application/json").body(update).put("/oauth2/register/" + clientId).then()
                .statusCode(200).body("$", not(hasKey("client_secret")));
    }

    @Test
    void whenMetadataInvalidThenInvalidRequestNamingItAndTheTokenIsNotUsed() {
        String token = initialToken(1);
        String scope = Admin.scope();
        Map<String, Map<String, Object>> cases = new java.util.LinkedHashMap<>();
        Map<String, Object> noRedirect = metadata(scope);
        noRedirect.remove("redirect_uris");
        cases.put("redirect_uris: at least one is required", noRedirect);
        Map<String, Object> httpRedirect = metadata(scope);
        httpRedirect.put("redirect_uris", List.of("http://app.example/cb"));
        cases.put("loopback", httpRedirect);
        Map<String, Object> unknownScope = metadata("no-such-scope-" + Admin.unique("s"));
        cases.put("unknown scope", unknownScope);
        Map<String, Object> implicit = metadata(scope);
        implicit.put("response_types", List.of("token"));
        cases.put("only code is supported", implicit);
        Map<String, Object> method = metadata(scope);
        method.put("token_endpoint_auth_method", "private_key_jwt");
        cases.put("token_endpoint_auth_method", method);
        Map<String, Object> notStrings = metadata(scope);
        notStrings.put("redirect_uris", "https://app.example/cb");
        cases.put("redirect_uris must be an array of strings", notStrings);
        Map<String, Object> noName = metadata(scope);
        noName.remove("client_name");
        cases.put("client_name is required", noName);
        cases.forEach((expected, body) -> register(token).body(body).post("/oauth2/register").then().statusCode(400)
                .body("error", equalTo("invalid_request")).body("error_description", containsString(expected)));
        register(token).body("[1]").post("/oauth2/register").then().statusCode(400)
                .body("error_description", containsString("JSON object"));
        register(token).body("{").post("/oauth2/register").then().statusCode(400)
                .body("error_description", containsString("not valid JSON"));
        register(token).contentType("application/x-www-form-urlencoded").body("client_name=x")
                .post("/oauth2/register").then().statusCode(400)
                .body("error_description", containsString("application/json"));
        // none of these used the token up
        register(token).body(metadata(scope)).post("/oauth2/register").then().statusCode(201);
    }

    @Test
    void whenManagedWithRegistrationTokenThenReadUpdatedDeleted() {
        String scope = Admin.scope();
        Response registered = register(initialToken(2)).body(metadata(scope)).post("/oauth2/register");
        String clientId = registered.path("client_id");
        String uri = "/oauth2/register/" + clientId;
        String rat = registered.path("registration_access_token");
        given().header("Authorization", "Bearer " + rat).get(uri).then().statusCode(200)
                .body("client_id", equalTo(clientId)).body("$", not(hasKey("registration_access_token")))
                .body("registration_client_uri", equalTo("http://localhost:8081" + uri));
        given().header("Authorization", "Bearer wrong").get(uri).then().statusCode(401)
                .header("WWW-Authenticate", containsString("Bearer")).body("error", equalTo("invalid_client"));
        given().get(uri).then().statusCode(401);
        // another registration's token does not open this one
        String otherRat = register(initialToken(1)).body(metadata(scope)).post("/oauth2/register")
                .path("registration_access_token");
        given().header("Authorization", "Bearer " + otherRat).get(uri).then().statusCode(401);
        // a client an administrator made has no registration URI of its own
        OAuth adminMade = OAuth.confidential();
        given().header("Authorization", "Bearer " + rat).get("/oauth2/register/" + adminMade.clientId).then()
                .statusCode(401);

        Map<String, Object> update = metadata(scope);
        update.put("redirect_uris", List.of(REDIRECT, "http://127.0.0.1:9999/cb"));
        update.put("client_name", "Renamed CLI");
        given().header("Authorization", "Bearer " + rat).contentType("application/json").body(update).put(uri)
                .then().statusCode(400).body("error_description", containsString("client_id"));
        update.put("client_id", clientId);
        given().header("Authorization", "Bearer " + rat).contentType("application/json").body(update).put(uri)
                .then().statusCode(200).body("client_name", equalTo("Renamed CLI"))
                .body("redirect_uris", equalTo(List.of(REDIRECT, "http://127.0.0.1:9999/cb")));
        update.put("token_endpoint_auth_method", "client_secret_basic");
        given().header("Authorization", "Bearer " + rat).contentType("application/json").body(update).put(uri)
                .then().statusCode(400).body("error_description", containsString("cannot change"));
        api().get("/api/v1/clients/" + clientId).then().body("name", equalTo("Renamed CLI"));

        given().header("Authorization", "Bearer " + rat).delete(uri).then().statusCode(204);
        given().header("Authorization", "Bearer " + rat).get(uri).then().statusCode(401);
        api().get("/api/v1/clients/" + clientId).then().statusCode(404);
    }

    @Test
    void whenSameNameRegisteredTwiceThenBothAreClients() {
        String scope = Admin.scope();
        Map<String, Object> m = metadata(scope);
        String token = initialToken(2);
        String a = register(token).body(m).post("/oauth2/register").then().statusCode(201).extract().path("client_id");
        String b = register(token).body(m).post("/oauth2/register").then().statusCode(201).extract().path("client_id");
        assertTrue(!a.equals(b));
    }

    @Test
    void whenUnusedRegistrationIsOldThenPurged() {
        String scope = Admin.scope();
        String token = initialToken(2);
        String unused = register(token).body(metadata(scope)).post("/oauth2/register").path("client_id");
        String used = register(token).body(metadata(scope)).post("/oauth2/register").path("client_id");
        OAuth adminMade = OAuth.confidential();
        Db.rows("update client set created_at = now() - interval '2 days' where client_id in (?, ?, ?) returning 1",
                unused, used, adminMade.clientId);
        Db.rows("update client set first_token_at = now() where client_id = ? returning 1", used);
        purge.run();
        api().get("/api/v1/clients/" + unused).then().statusCode(404);
        api().get("/api/v1/clients/" + used).then().statusCode(200);
        api().get("/api/v1/clients/" + adminMade.clientId).then().statusCode(200);
    }

    @Test
    void whenRegistrationTokensListedThenNeverTheTokenAndDeletable() {
        initialToken(3);
        var list = api().get("/api/v1/registration-tokens?limit=100").then().statusCode(200).extract().jsonPath();
        assertTrue(list.getList("").size() >= 1);
        assertTrue(list.getList("token").stream().allMatch(t -> t == null));
        String id = list.getString("[0].id");
        api().delete("/api/v1/registration-tokens/" + id).then().statusCode(204);
        api().delete("/api/v1/registration-tokens/" + id).then().statusCode(404);
    }
}
