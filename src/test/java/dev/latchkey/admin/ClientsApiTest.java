package dev.latchkey.admin;

import dev.latchkey.support.Admin;
import dev.latchkey.support.Db;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

import static dev.latchkey.support.Admin.api;
import static dev.latchkey.support.ApiErrors.assertError;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
class ClientsApiTest {

    @Test
    void whenConfidentialClientCreatedThenSecretShownOnceAndStoredAsHash() throws Exception {
        String s1 = Admin.scope();
        String s2 = Admin.scope();
        var body = Admin.clientBody("confidential", List.of(s1, s2));
        var created = Admin.createClient(body);
        created.then().statusCode(201)
                .header("Location", endsWith("/api/v1/clients/" + created.jsonPath().getString("client_id")))
                .body("name", equalTo(body.get("name")))
                .body("client_type", equalTo("confidential"))
                .body("redirect_uris", contains("https://app.example/cb", "http://127.0.0.1/cb"))
                .body("allowed_scopes", containsInAnyOrder(s1, s2))
                .body("default_scopes", contains(s1))
                .body("grant_types", containsInAnyOrder("authorization_code", "refresh_token", "client_credentials"))
                .body("require_pkce", equalTo(true))
                .body("enabled", equalTo(true));
        String clientId = created.jsonPath().getString("client_id");
        String secret = created.jsonPath().getString("client_secret");
        assertTrue(secret.length() >= 43, "256 bits in base64url");

        api().get("/api/v1/clients/" + clientId).then().statusCode(200)
                .body("$", not(hasKey("client_secret")))
                .body("client_id", equalTo(clientId));

        byte[] stored = (byte[]) Db.row("select secret_hash from client where client_id = ?", clientId).get("secret_hash");
        assertFalse(new String(stored, StandardCharsets.ISO_8859_1).contains(secret), "plaintext is not stored");
        assertArrayEquals(MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8)), stored);
    }

    @Test
    void whenPublicClientCreatedThenNoSecret() {
        var created = Admin.createClient(Admin.clientBody("public", List.of(Admin.scope())));
        created.then().statusCode(201).body("$", not(hasKey("client_secret"))).body("require_pkce", equalTo(true));
        assertNull(Db.row("select secret_hash from client where client_id = ?",
                created.jsonPath().getString("client_id")).get("secret_hash"));
    }

    @Test
    void whenSecretRotatedThenNewSecretReplacesOld() throws Exception {
        var client = Admin.confidentialClient();
        String clientId = (String) client.get("client_id");
        String old = (String) client.get("client_secret");
        var rotated = api().post("/api/v1/clients/" + clientId + "/secret");
        rotated.then().statusCode(200).body("client_id", equalTo(clientId));
        String secret = rotated.jsonPath().getString("client_secret");
        assertNotEquals(old, secret);
        byte[] stored = (byte[]) Db.row("select secret_hash from client where client_id = ?", clientId).get("secret_hash");
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        assertArrayEquals(sha.digest(secret.getBytes(StandardCharsets.UTF_8)), stored);
        assertFalse(MessageDigest.isEqual(sha.digest(old.getBytes(StandardCharsets.UTF_8)), stored));
    }

    @Test
    void whenPublicClientSecretRotatedThen400() {
        String id = Admin.createClient(Admin.clientBody("public", List.of())).jsonPath().getString("client_id");
        assertError(api().post("/api/v1/clients/" + id + "/secret"), 400, "Bad Request", "public");
    }

    @Test
    void whenReplacedThenEditableFieldsChangeAndSecretStays() {
        var client = Admin.confidentialClient();
        String clientId = (String) client.get("client_id");
        byte[] before = (byte[]) Db.row("select secret_hash from client where client_id = ?", clientId).get("secret_hash");
        Map<String, Object> edited = new HashMap<>(client);
        edited.remove("client_secret");
        edited.put("name", Admin.unique("renamed"));
        edited.put("redirect_uris", List.of("https://new.example/callback"));
        edited.put("default_scopes", List.of());
        edited.put("grant_types", List.of("client_credentials"));
        edited.put("enabled", false);
        api().body(edited).put("/api/v1/clients/" + clientId).then().statusCode(200)
                .body("name", equalTo(edited.get("name")))
                .body("redirect_uris", contains("https://new.example/callback"))
                .body("default_scopes", equalTo(List.of()))
                .body("grant_types", contains("client_credentials"))
                .body("enabled", equalTo(false))
                .body("client_secret", nullValue());
        api().get("/api/v1/clients/" + clientId).then().body("name", equalTo(edited.get("name")))
                .body("enabled", equalTo(false));
        assertArrayEquals(before, (byte[]) Db.row("select secret_hash from client where client_id = ?", clientId)
                .get("secret_hash"));
    }

    @Test
    void whenReplaceChangesClientTypeThen400() {
        var client = Admin.confidentialClient();
        Map<String, Object> edited = new HashMap<>(client);
        edited.remove("client_secret");
        edited.put("client_type", "public");
        assertError(api().body(edited).put("/api/v1/clients/" + client.get("client_id")), 400, "Bad Request",
                "client_type cannot be changed");
    }

    @Test
    void whenReplaceIsInvalidThenNothingChanges() {
        var client = Admin.confidentialClient();
        Map<String, Object> edited = new HashMap<>(client);
        edited.remove("client_secret");
        edited.put("name", Admin.unique("other"));
        edited.put("redirect_uris", List.of("http://evil.example/cb"));
        assertError(api().body(edited).put("/api/v1/clients/" + client.get("client_id")), 400, "Bad Request", "redirect_uris[0]");
        api().get("/api/v1/clients/" + client.get("client_id")).then().body("name", equalTo(client.get("name")));
    }

    @Test
    void whenDeletedThen204AndGetIs404() {
        String clientId = (String) Admin.confidentialClient().get("client_id");
        api().delete("/api/v1/clients/" + clientId).then().statusCode(204);
        assertError(api().get("/api/v1/clients/" + clientId), 404, "Not Found", clientId);
        assertError(api().delete("/api/v1/clients/" + clientId), 404, "Not Found", clientId);
        assertEquals(0, Db.count("select count(*) from client_redirect_uri where client_id = ?", clientId));
    }

    @Test
    void whenUnknownClientThen404Everywhere() {
        String id = "no-such-client";
        assertError(api().get("/api/v1/clients/" + id), 404, "Not Found", id);
        assertError(api().body(Admin.clientBody("public", List.of())).put("/api/v1/clients/" + id), 404, "Not Found", id);
        assertError(api().post("/api/v1/clients/" + id + "/secret"), 404, "Not Found", id);
    }

    @Test
    void whenListedThenPagedWithoutSecrets() {
        Admin.confidentialClient();
        Admin.confidentialClient();
        var page = api().queryParam("limit", 1).get("/api/v1/clients");
        page.then().statusCode(200).body("size()", equalTo(1)).body("[0]", not(hasKey("client_secret")));
        String link = page.header("Link");
        String next = link.substring(link.indexOf('<') + 1, link.indexOf('>'));
        List<String> ids = api().urlEncodingEnabled(false).get(next).then().statusCode(200).extract().jsonPath().getList("client_id");
        assertTrue(ids.get(0).compareTo(page.jsonPath().getString("[0].client_id")) > 0);
        assertError(api().queryParam("limit", 0).get("/api/v1/clients"), 400, "Bad Request", "limit");
        assertError(api().queryParam("limit", "ten").get("/api/v1/clients"), 400, "Bad Request", "limit");
    }

    @Test
    void whenNameTakenThen400() {
        var body = Admin.clientBody("confidential", List.of());
        Admin.createClient(body).then().statusCode(201);
        assertError(Admin.createClient(body), 400, "Bad Request", "already exists");
    }

    static Stream<Arguments> invalidRegistrations() {
        return Stream.of(
                bad("http on a non-loopback host", b -> b.put("redirect_uris", List.of("http://app.example/cb")), "loopback"),
                bad("fragment", b -> b.put("redirect_uris", List.of("https://app.example/cb#x")), "fragment"),
                bad("relative URI", b -> b.put("redirect_uris", List.of("/cb")), "absolute"),
                bad("custom scheme", b -> b.put("redirect_uris", List.of("myapp:/cb")), "absolute"),
                bad("userinfo", b -> b.put("redirect_uris", List.of("https://me@app.example/cb")), "user information"),
                bad("duplicate redirect", b -> b.put("redirect_uris", List.of("https://a.example/cb", "https://a.example/cb")), "twice"),
                bad("no redirect for code", b -> b.put("redirect_uris", List.of()), "at least one"),
                bad("unknown scope", b -> b.put("allowed_scopes", List.of("never-created-scope")), "unknown scope"),
                bad("malformed scope", b -> b.put("allowed_scopes", List.of("bad scope")), "not a valid scope name"),
                bad("default not allowed", b -> b.put("default_scopes", List.of("never-created-scope")), "default_scopes"),
                bad("unknown grant", b -> b.put("grant_types", List.of("password")), "unknown grant type"),
                bad("no grants", b -> b.put("grant_types", List.of()), "grant_types is required"),
                bad("refresh without code", b -> b.put("grant_types", List.of("refresh_token", "client_credentials")), "refresh_token needs"),
                bad("public with client_credentials", b -> {
                    b.put("client_type", "public");
                    b.put("grant_types", List.of("client_credentials"));
                }, "public client cannot use client_credentials"),
                bad("public without PKCE", b -> {
                    b.put("client_type", "public");
                    b.put("grant_types", List.of("authorization_code"));
                    b.put("require_pkce", false);
                }, "must use PKCE"),
                bad("unknown type", b -> b.put("client_type", "trusted"), "client_type must be"),
                bad("missing type", b -> b.remove("client_type"), "client_type is required"),
                bad("missing name", b -> b.remove("name"), "name is required"),
                bad("unknown field", b -> b.put("client_secret", "mine"), "unknown field 'client_secret'"),
                bad("wrong type: string for list", b -> b.put("redirect_uris", "https://a.example/cb"), "redirect_uris"),
                bad("wrong type: number for string", b -> b.put("name", 42), "name"),
                bad("wrong type: string for boolean", b -> b.put("enabled", "yes"), "enabled"),
                bad("null in list", b -> {
                    List<String> uris = new ArrayList<>();
                    uris.add(null);
                    b.put("redirect_uris", uris);
                }, "redirect_uris[0]"));
    }

    private static Arguments bad(String name, Consumer<Map<String, Object>> edit, String expected) {
        return Arguments.of(name, edit, expected);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidRegistrations")
    void whenRegistrationInvalidThen400NamingTheProblemAndNothingStored(String name, Consumer<Map<String, Object>> edit,
                                                                       String expected) {
        var body = Admin.clientBody("confidential", List.of());
        edit.accept(body);
        assertError(Admin.createClient(body), 400, "Bad Request", expected);
        if (body.get("name") instanceof String n) {
            assertEquals(0, Db.count("select count(*) from client where name = ?", n));
        }
    }

    @Test
    void whenLoopbackAndHttpsRegisteredThenAccepted() {
        var body = Admin.clientBody("public", List.of());
        body.put("redirect_uris", List.of("http://localhost:8765/cb", "http://[::1]/cb", "https://x.example/a?b=c"));
        Admin.createClient(body).then().statusCode(201)
                .body("redirect_uris", contains("http://localhost:8765/cb", "http://[::1]/cb", "https://x.example/a?b=c"));
    }
}
