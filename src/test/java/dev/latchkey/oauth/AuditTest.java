package dev.latchkey.oauth;

import dev.latchkey.support.Browser;
import dev.latchkey.support.OAuth;
import dev.latchkey.support.Pkce;
import dev.latchkey.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static dev.latchkey.support.Admin.api;
import static dev.latchkey.support.ApiErrors.assertError;
import static dev.latchkey.support.Tokens.form;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every kind of event reaches the audit trail, readable through GET /api/v1/audit, and no secret does. */
@QuarkusTest
class AuditTest {

    @Test
    void everyEventKindIsRecordedForTheClientAndNoSecretIs() throws Exception {
        OAuth app = OAuth.confidential();
        Browser browser = new Browser();
        // login failure, login, consent given, code issued
        Map<String, String> params = app.params(Pkce.create());
        browser.get(OAuth.authorizeUrl(params));
        browser.submit("/oauth2/authorize/login", Map.of("username", app.username, "password", "wrong-password"));
        app.authorize(browser, params);
        // consent denied
        Map<String, String> wider = app.params(Pkce.create());
        wider.put("scope", app.scopeA + " " + app.scopeB);
        browser.get(OAuth.authorizeUrl(wider));
        browser.submit("/oauth2/authorize/consent", Map.of("decision", "deny"));
        // tokens, code replay, refresh reuse, revocation, failed client authentication
        Pkce pkce = Pkce.create();
        String code = app.code(pkce);
        String refresh = Tokens.exchange(app, code, pkce).path("refresh_token");
        Tokens.exchange(app, code, pkce);
        Pkce pkce2 = Pkce.create();
        String refresh2 = Tokens.exchange(app, app.code(pkce2), pkce2).path("refresh_token");
        Tokens.refresh(app, refresh2);
        Tokens.refresh(app, refresh2);
        Tokens.revoke(app, refresh);
        Tokens.post("/oauth2/token", app.clientId, "wrong-secret", form("grant_type", "client_credentials"));
        // logout (no id_token_hint: the user confirms)
        browser.get("/oauth2/logout?client_id=" + app.clientId).then().statusCode(200);
        browser.submit("/oauth2/logout", Map.of("confirm", "yes")).then().statusCode(200);
        // management change and consent revoked
        api().post("/api/v1/clients/" + app.clientId + "/secret").then().statusCode(200);
        api().delete("/api/v1/users/" + app.username + "/grants/" + app.clientId).then().statusCode(204);

        Set<String> expected = Set.of("LOGIN_FAILED", "LOGIN_SUCCEEDED", "CONSENT_GIVEN", "CONSENT_DENIED", "CODE_ISSUED",
                "TOKEN_ISSUED", "CODE_REPLAYED", "REFRESH_TOKEN_REUSED", "TOKEN_REVOKED", "CLIENT_AUTH_FAILED",
                "MANAGEMENT_CHANGE", "CONSENT_REVOKED", "LOGOUT");
        Set<String> seen = Set.of();
        String body = "";
        for (int i = 0; i < 50 && !seen.containsAll(expected); i++) {
            Thread.sleep(100); // written in the background, in batches
            body = api().queryParam("client_id", app.clientId).queryParam("limit", 200).get("/api/v1/audit")
                    .then().statusCode(200).extract().asString();
            seen = Set.copyOf(JsonPath.from(body).getList("type"));
        }
        Set<String> finalSeen = seen;
        assertTrue(seen.containsAll(expected), "missing: " + expected.stream().filter(t -> !finalSeen.contains(t))
                .collect(Collectors.toCollection(java.util.TreeSet::new)));
        assertFalse(body.contains(app.clientSecret), "no client secret in the audit trail");
        assertFalse(body.contains(OAuth.PASSWORD), "no password");
        assertFalse(body.contains(refresh), "no refresh token");
        assertFalse(body.contains(code), "no code");
        List<Map<String, Object>> events = JsonPath.from(body).getList("");
        Map<String, Object> failed = events.stream().filter(e -> e.get("type").equals("LOGIN_FAILED")).findFirst()
                .orElseThrow();
        assertEquals(app.username, failed.get("actor"));
        assertTrue(failed.get("address") != null && failed.get("at") != null);
        Map<String, Object> change = events.stream().filter(e -> e.get("type").equals("MANAGEMENT_CHANGE")).findFirst()
                .orElseThrow();
        assertEquals("admin", change.get("actor"));
        assertTrue(((String) change.get("detail")).startsWith("POST /api/v1/clients/" + app.clientId + "/secret"));
    }

    @Test
    void auditIsFilteredAndPaged() {
        OAuth app = OAuth.confidential();
        for (int i = 0; i < 3; i++) {
            Tokens.clientCredentials(app);
        }
        List<Object> ids = List.of();
        for (int i = 0; i < 50 && ids.size() < 3; i++) {
            ids = api().queryParam("client_id", app.clientId).queryParam("type", "TOKEN_ISSUED").get("/api/v1/audit")
                    .then().statusCode(200).extract().jsonPath().getList("id");
            sleep();
        }
        assertEquals(3, ids.size());
        var page = api().queryParam("client_id", app.clientId).queryParam("type", "TOKEN_ISSUED").queryParam("limit", 2)
                .get("/api/v1/audit");
        page.then().statusCode(200);
        assertEquals(2, page.jsonPath().getList("id").size());
        String link = page.header("Link");
        String next = link.substring(link.indexOf('<') + 1, link.indexOf('>'));
        assertEquals(1, api().urlEncodingEnabled(false).get(next).jsonPath().getList("id").size());
        assertError(api().queryParam("type", "NOPE").get("/api/v1/audit"), 400, "Bad Request", "type");
        assertError(api().queryParam("since", "yesterday").get("/api/v1/audit"), 400, "Bad Request", "since");
        assertError(api().queryParam("since", "+300000-01-01T00:00:00Z").get("/api/v1/audit"), 400, "Bad Request",
                "since must be a time between the years 1 and 9999");
    }

    static void sleep() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
