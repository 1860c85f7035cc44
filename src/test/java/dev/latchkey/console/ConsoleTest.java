package dev.latchkey.console;

import dev.latchkey.support.Admin;
import dev.latchkey.support.Browser;
import dev.latchkey.support.OAuth;
import dev.latchkey.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static dev.latchkey.support.Admin.api;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The admin console over HTTP: sign-in through the server's own code flow, the admin role, the clients pages. */
@QuarkusTest
class ConsoleTest {

    /** A user with {@code roles}. */
    static String user(List<String> roles) {
        String username = Admin.unique("op");
        api().body(Map.of("username", username, "password", OAuth.PASSWORD, "roles", roles)).post("/api/v1/users")
                .then().statusCode(201);
        return username;
    }

    static String path(String location) {
        return location.replaceFirst("^https?://[^/]+", "");
    }

    /** Opens the console in {@code browser} and signs in as {@code username}; returns the last answer. */
    static Response signIn(Browser browser, String username) {
        Response start = browser.get("/console/clients");
        assertEquals(303, start.statusCode());
        String authorize = start.header("Location");
        assertTrue(authorize.startsWith("http://localhost:8081/oauth2/authorize?client_id=latchkey-console"), authorize);
        assertTrue(authorize.contains("code_challenge_method=S256"), authorize);
        Response login = browser.get(path(authorize));
        assertEquals(200, login.statusCode(), login.asString());
        Response loggedIn = browser.submit("/oauth2/authorize/login", Map.of("username", username,
                "password", OAuth.PASSWORD));
        assertEquals(303, loggedIn.statusCode(), loggedIn.asString());
        // the console is the server's own client: no consent page
        Response code = browser.get(path(loggedIn.header("Location")));
        assertEquals(302, code.statusCode(), code.asString());
        assertTrue(code.header("Location").startsWith("http://localhost:8081/console/callback?code="));
        return browser.get(path(code.header("Location")));
    }

    @Test
    void whenAdminSignsInThenClientsListedSearchedAndCreatedWithTheSecretShownOnce() {
        Browser browser = new Browser();
        Response in = signIn(browser, user(List.of("admin")));
        assertEquals(303, in.statusCode(), in.asString());
        assertNotNull(browser.cookieNamed("latchkey_console"));
        assertTrue(in.headers().getValues("Set-Cookie").stream().anyMatch(c -> c.startsWith("latchkey_console=")
                && c.contains("HttpOnly") && c.contains("SameSite=Strict") && c.contains("Path=/console")));

        OAuth existing = OAuth.confidential();
        String name = api().get("/api/v1/clients/" + existing.clientId).path("name");
        Response list = browser.get("/console/clients?q=" + OAuth.enc(name));
        assertEquals(200, list.statusCode());
        assertTrue(list.asString().contains(existing.clientId), "search by name finds it");
        assertEquals("DENY", list.header("X-Frame-Options"));
        assertTrue(list.header("Content-Security-Policy").contains("frame-ancestors 'none'"));
        assertFalse(list.header("Content-Security-Policy").contains("unsafe-inline"));

        // paged by client id: 50 a page, a link to the next (the test database holds many more clients)
        for (int i = 0; i < 51; i++) {
            OAuth.confidential();
        }
        String first = browser.get("/console/clients").asString();
        String next = first.replaceAll("(?s).*<a href=\"([^\"]+)\" rel=\"next\">.*", "$1").replace("&amp;", "&");
        assertTrue(next.startsWith("/console/clients?after="), next);
        String second = browser.get(next).asString();
        String lastOnFirst = first.replaceAll("(?s).*<code>([^<]+)</code>.*", "$1");
        String firstOnSecond = second.replaceAll("(?s)^.*?<td><code>([^<]+)</code>.*", "$1");
        assertTrue(lastOnFirst.compareTo(firstOnSecond) < 0, lastOnFirst + " then " + firstOnSecond);

        String scope = Admin.scope();
        String clientName = "Console <b>made</b> " + Admin.unique("app");
        assertEquals(200, browser.get("/console/clients/new").statusCode());
        Response bad = browser.submit("/console/clients", Map.of("name", clientName, "client_type", "confidential",
                "redirect_uris", "http://app.example/cb", "allowed_scopes", scope, "grant_types", "client_credentials"));
        assertEquals(400, bad.statusCode());
        assertTrue(bad.asString().contains("loopback"), "the management API's own message");
        Response created = browser.submit("/console/clients", Map.of("name", clientName, "client_type",
                "confidential", "redirect_uris", "", "allowed_scopes", scope, "default_scopes", scope,
                "grant_types", "client_credentials", "require_pkce", "on", "enabled", "on"));
        assertEquals(200, created.statusCode(), created.asString());
        String html = created.asString();
        assertTrue(html.contains("Console &lt;b&gt;made&lt;/b&gt;"), "stored values are escaped");
        String clientId = html.replaceAll("(?s).*Client id: <code>([^<]+)</code>.*", "$1");
        String secret = html.replaceAll("(?s).*id=\"secret\" value=\"([^\"]+)\".*", "$1");
        Tokens.post("/oauth2/token", clientId, secret, Tokens.form("grant_type", "client_credentials"))
                .then().statusCode(200);
        assertFalse(browser.get("/console/clients/" + clientId).asString().contains(secret), "shown only once");

        // the change is audited under the administrator's name
        // (the trail is written in the background; the API reads it)
        long deadline = System.currentTimeMillis() + 10_000;
        String actor = null;
        while (actor == null && System.currentTimeMillis() < deadline) {
            List<String> actors = api().queryParam("client_id", clientId).queryParam("type", "MANAGEMENT_CHANGE")
                    .get("/api/v1/audit").path("actor");
            actor = actors.isEmpty() ? null : actors.get(0);
        }
        assertNotNull(actor);
        assertTrue(actor.startsWith("op-"), actor);
    }

    @Test
    void whenAdminRotatesASecretThenTheOldOneStops() {
        OAuth app = OAuth.confidential();
        Browser browser = new Browser();
        signIn(browser, user(List.of("admin")));
        assertEquals(200, browser.get("/console/clients/" + app.clientId).statusCode());
        Response rotated = browser.submit("/console/clients/" + app.clientId + "/secret", Map.of());
        assertEquals(200, rotated.statusCode(), rotated.asString());
        String secret = rotated.asString().replaceAll("(?s).*id=\"secret\" value=\"([^\"]+)\".*", "$1");
        Tokens.post("/oauth2/token", app.clientId, app.clientSecret, Tokens.form("grant_type", "client_credentials"))
                .then().statusCode(401);
        Tokens.post("/oauth2/token", app.clientId, secret, Tokens.form("grant_type", "client_credentials"))
                .then().statusCode(200);
    }

    @Test
    void whenAdminWithdrawsAUsersGrantThenItsTokensStopAndTheTrailSaysWho() {
        OAuth app = OAuth.confidential();
        dev.latchkey.support.Pkce pkce = dev.latchkey.support.Pkce.create();
        String refresh = Tokens.exchange(app, app.code(pkce), pkce).then().statusCode(200).extract()
                .path("refresh_token");
        String admin = user(List.of("admin"));
        Browser browser = new Browser();
        signIn(browser, admin);
        Response page = browser.get("/console/users/" + app.username);
        assertEquals(200, page.statusCode());
        assertTrue(page.asString().contains(app.clientId), "the grant is listed");
        Response withdrawn = browser.submit("/console/users/" + app.username + "/grants/" + app.clientId + "/withdraw",
                Map.of());
        assertEquals(303, withdrawn.statusCode(), withdrawn.asString());
        Tokens.refresh(app, refresh).then().statusCode(400);
        assertFalse(browser.get("/console/users/" + app.username).asString().contains("/grants/" + app.clientId));

        long deadline = System.currentTimeMillis() + 10_000;
        String html = "";
        // the trail is written in the background; the admin's name is on every page (the header), the event's words are not
        while (!html.contains("withdrew the grant") && System.currentTimeMillis() < deadline) {
            html = browser.get("/console/audit?type=MANAGEMENT_CHANGE&client_id=" + app.clientId).asString();
        }
        assertTrue(html.contains(admin) && html.contains("withdrew the grant"), html);
        assertEquals(200, browser.get("/console/users").statusCode());
        assertEquals(400, browser.get("/console/audit?type=NOPE").statusCode());
    }

    @Test
    void whenAdminAddsAndDeletesAScopeThenTheApiSeesIt() {
        Browser browser = new Browser();
        signIn(browser, user(List.of("admin")));
        assertEquals(200, browser.get("/console/scopes").statusCode());
        String name = Admin.unique("console") + ":read";
        assertEquals(303, browser.submit("/console/scopes", Map.of("name", name, "description", "From the console"))
                .statusCode());
        List<String> names = api().get("/api/v1/scopes?limit=200&after=" + name.substring(0, name.length() - 1))
                .path("name");
        assertTrue(names.contains(name), names.toString());
        browser.get("/console/scopes");
        Response again = browser.submit("/console/scopes", Map.of("name", name));
        assertEquals(400, again.statusCode());
        assertTrue(again.asString().contains("already exists"));
        assertEquals(303, browser.submit("/console/scopes/" + name + "/delete", Map.of()).statusCode());
        names = api().get("/api/v1/scopes?limit=200&after=" + name.substring(0, name.length() - 1)).path("name");
        assertFalse(names.contains(name));
    }

    @Test
    void whenAdminRotatesAKeyThenANewActiveKeyIsPublished() {
        Browser browser = new Browser();
        signIn(browser, user(List.of("admin")));
        int before = api().get("/api/v1/keys").jsonPath().getList("").size();
        assertEquals(200, browser.get("/console/keys").statusCode());
        assertEquals(303, browser.submit("/console/keys/rotate", Map.of("algorithm", "ES256")).statusCode());
        assertEquals(before + 1, api().get("/api/v1/keys").jsonPath().getList("").size());
        browser.get("/console/keys");
        assertEquals(400, browser.submit("/console/keys/rotate", Map.of("algorithm", "HS256")).statusCode());
    }

    @Test
    void whenFormPostedWithoutItsTokenThenNothingIsDone() {
        Browser browser = new Browser();
        signIn(browser, user(List.of("admin")));
        Response forged = browser.post("/console/clients", Map.of("name", Admin.unique("forged"),
                "client_type", "public", "redirect_uris", "http://127.0.0.1/cb", "grant_types", "authorization_code"));
        assertEquals(400, forged.statusCode());
        assertTrue(forged.asString().contains("expired"));
    }

    @Test
    void whenUserWithoutTheRoleSignsInThenRefused() {
        Browser browser = new Browser();
        Response in = signIn(browser, user(List.of()));
        assertEquals(403, in.statusCode());
        assertTrue(in.asString().contains("admin role"));
        assertEquals(303, browser.get("/console/clients").statusCode(), "no session: sign in again");
    }

    @Test
    void whenRoleWithdrawnOrSignedOutThenTheSessionNoLongerOpensTheConsole() {
        String username = user(List.of("admin"));
        Browser browser = new Browser();
        signIn(browser, username);
        assertEquals(200, browser.get("/console/clients").statusCode());
        api().body(Map.of("roles", List.of())).put("/api/v1/users/" + username).then().statusCode(200);
        assertEquals(303, browser.get("/console/clients").statusCode());

        Browser other = new Browser();
        signIn(other, user(List.of("admin")));
        other.get("/console/clients");
        Response out = other.submit("/console/signout", Map.of());
        assertEquals(303, out.statusCode(), out.asString());
        String endSession = out.header("Location");
        assertTrue(endSession.startsWith("http://localhost:8081/oauth2/logout?id_token_hint="), endSession);
        // the end-session endpoint ends the login session without asking (the hint names its user)
        Response back = other.get(path(endSession));
        assertEquals("http://localhost:8081/console/signed-out", back.header("Location"), back.asString());
        assertEquals(200, other.get("/console/signed-out").statusCode());
        Response again = other.get("/console/clients");
        assertEquals(303, again.statusCode());
        assertEquals(200, other.get(path(again.header("Location"))).statusCode(), "the login page, not a code");
    }

    @Test
    void whenCallbackStateDoesNotMatchThenNoSession() {
        Browser browser = new Browser();
        browser.get("/console/clients");
        Response forged = browser.get("/console/callback?code=abc&state=not-the-one");
        assertEquals(400, forged.statusCode());
        assertEquals(303, browser.get("/console/clients").statusCode());
    }

    @Test
    void whenTheConsolesOwnClientIsEditedThroughTheApiThenRefused() {
        api().delete("/api/v1/clients/latchkey-console").then().statusCode(400);
        api().post("/api/v1/clients/latchkey-console/secret").then().statusCode(400);
    }

    @Test
    void whenAdminEditsDisablesAndDeletesAClientThenTheEndpointsFollow() {
        OAuth app = OAuth.confidential();
        Browser browser = new Browser();
        signIn(browser, user(List.of("admin")));
        Response form = browser.get("/console/clients/" + app.clientId + "/edit");
        assertEquals(200, form.statusCode());
        assertTrue(form.asString().contains("https://app.example/cb"), "the form shows what is stored");

        var before = api().get("/api/v1/clients/" + app.clientId).jsonPath();
        String scopes = String.join(" ", before.getList("allowed_scopes", String.class));
        String defaults = String.join(" ", before.getList("default_scopes", String.class));
        String renamed = "Renamed " + Admin.unique("app");
        Response bad = browser.submit("/console/clients/" + app.clientId, Map.of("name", renamed,
                "redirect_uris", "http://app.example/cb", "grant_types", "client_credentials"));
        assertEquals(400, bad.statusCode());
        assertTrue(bad.asString().contains("loopback"), "the management API's own message");
        assertTrue(bad.asString().contains(renamed), "the form comes back as sent");
        browser.get("/console/clients/" + app.clientId + "/edit");
        Response saved = browser.submit("/console/clients/" + app.clientId, Map.of("name", renamed,
                "redirect_uris", "https://app.example/cb", "grant_types", "client_credentials",
                "allowed_scopes", scopes, "default_scopes", defaults, "require_pkce", "on", "enabled", "on", "id_token_signed_response_alg", "ES256"));
        assertEquals(303, saved.statusCode(), saved.asString());
        var stored = api().get("/api/v1/clients/" + app.clientId).jsonPath();
        assertEquals(renamed, stored.getString("name"));
        assertEquals(List.of("client_credentials"), stored.getList("grant_types"));
        assertEquals("ES256", stored.getString("id_token_signed_response_alg"));

        browser.get("/console/clients/" + app.clientId);
        assertEquals(303, browser.submit("/console/clients/" + app.clientId + "/enabled", Map.of("enabled", "false"))
                .statusCode());
        Tokens.post("/oauth2/token", app.clientId, app.clientSecret, Tokens.form("grant_type", "client_credentials"))
                .then().statusCode(401);
        assertTrue(browser.get("/console/clients/" + app.clientId).asString().contains(">Enable<"));
        browser.submit("/console/clients/" + app.clientId + "/enabled", Map.of("enabled", "true"));
        Tokens.post("/oauth2/token", app.clientId, app.clientSecret, Tokens.form("grant_type", "client_credentials"))
                .then().statusCode(200);

        Response confirm = browser.get("/console/clients/" + app.clientId + "/delete");
        assertEquals(200, confirm.statusCode());
        assertTrue(confirm.asString().contains("cannot be undone"));
        assertEquals(200, api().get("/api/v1/clients/" + app.clientId).statusCode(), "asking deletes nothing");
        assertEquals(303, browser.submit("/console/clients/" + app.clientId + "/delete", Map.of()).statusCode());
        assertEquals(404, api().get("/api/v1/clients/" + app.clientId).statusCode());
        assertEquals(404, browser.get("/console/clients/" + app.clientId).statusCode());
        assertFalse(browser.get("/console/clients/latchkey-console").asString().contains("/delete"),
                "the console's own client offers no delete");
    }

    @Test
    void whenAdminCreatesEditsAndDeletesAUserThenTheApiSeesItAndNoAdminLocksThemselvesOut() {
        String admin = user(List.of("admin"));
        Browser browser = new Browser();
        signIn(browser, admin);
        String username = Admin.unique("made");
        assertEquals(200, browser.get("/console/users/new").statusCode());
        Response tooShort = browser.submit("/console/users", Map.of("username", username, "password", "short",
                "name", "<i>Bob</i>"));
        assertEquals(400, tooShort.statusCode());
        assertTrue(tooShort.asString().contains("&lt;i&gt;Bob&lt;/i&gt;"), "sent back, escaped");
        assertFalse(tooShort.asString().contains("short\""), "the password is not sent back");
        Response created = browser.submit("/console/users", Map.of("username", username,
                "password", OAuth.PASSWORD, "name", "Bob Example", "email", username + "@example.com",
                "email_verified", "on", "admin", "on"));
        assertEquals(303, created.statusCode(), created.asString());
        var stored = api().get("/api/v1/users/" + username).jsonPath();
        assertEquals(List.of("admin"), stored.getList("roles"));
        assertEquals("Bob Example", stored.getString("name"));
        // the new administrator can sign in with the password set here
        assertEquals(303, signIn(new Browser(), username).statusCode());

        browser.get("/console/users/" + username + "/edit");
        Response edited = browser.submit("/console/users/" + username, Map.of("name", "Robert Example",
                "password", "another-password-1"));
        assertEquals(303, edited.statusCode(), edited.asString());
        stored = api().get("/api/v1/users/" + username).jsonPath();
        assertEquals("Robert Example", stored.getString("name"));
        assertEquals(List.of(), stored.getList("roles"), "an unticked box takes the role away");
        assertEquals(null, stored.getString("email"), "an emptied field clears the claim");

        browser.get("/console/users/" + admin + "/edit");
        Response demoted = browser.submit("/console/users/" + admin, Map.of("name", "Me"));
        assertEquals(400, demoted.statusCode());
        assertTrue(demoted.asString().contains("another administrator"));
        browser.get("/console/users/" + admin + "/delete");
        assertEquals(400, browser.submit("/console/users/" + admin + "/delete", Map.of()).statusCode());
        assertEquals(List.of("admin"), api().get("/api/v1/users/" + admin).jsonPath().getList("roles"));

        assertEquals(200, browser.get("/console/users/" + username + "/delete").statusCode());
        assertEquals(303, browser.submit("/console/users/" + username + "/delete", Map.of()).statusCode());
        assertEquals(404, api().get("/api/v1/users/" + username).statusCode());
    }

    @Test
    void whenAdminRegistersAResourceAndMintsARegistrationTokenThenTheyWork() {
        Browser browser = new Browser();
        signIn(browser, user(List.of("admin")));
        String uri = "https://" + Admin.unique("api") + ".example/";
        assertEquals(200, browser.get("/console/resources").statusCode());
        Response bad = browser.submit("/console/resources", Map.of("uri", "not a uri"));
        assertEquals(400, bad.statusCode());
        assertTrue(bad.asString().contains("uri"), bad.asString());
        browser.get("/console/resources");
        assertEquals(303, browser.submit("/console/resources", Map.of("uri", uri, "name", "Orders API",
                "access_token_typ", "JWT")).statusCode());
        List<Map<String, Object>> resources = api().get("/api/v1/resources?limit=200").jsonPath().getList("");
        Map<String, Object> made = resources.stream().filter(r -> uri.equals(r.get("uri"))).findFirst().orElseThrow();
        assertEquals("JWT", made.get("access_token_typ"));
        browser.get("/console/resources");
        assertEquals(303, browser.submit("/console/resources/" + made.get("id") + "/delete", Map.of()).statusCode());
        assertEquals(404, api().get("/api/v1/resources/" + made.get("id")).statusCode());

        assertEquals(200, browser.get("/console/registration-tokens").statusCode());
        assertEquals(400, browser.submit("/console/registration-tokens", Map.of("expires_in", "soon")).statusCode());
        browser.get("/console/registration-tokens");
        Response minted = browser.submit("/console/registration-tokens", Map.of("expires_in", "600",
                "max_uses", "1"));
        assertEquals(200, minted.statusCode(), minted.asString());
        String token = minted.asString().replaceAll("(?s).*id=\"secret\" value=\"([^\"]+)\".*", "$1");
        Tokens.from().header("Authorization", "Bearer " + token).contentType("application/json")
                .body(Map.of("redirect_uris", List.of("https://mcp.example/cb"), "client_name", "Self"))
                .post("/oauth2/register").then().statusCode(201);
        assertFalse(browser.get("/console/registration-tokens").asString().contains(token), "shown only once");
    }

    @Test
    void whenAuditFilteredByTimeThenOnlyThatSpanIsShown() {
        Browser browser = new Browser();
        signIn(browser, user(List.of("admin")));
        Response future = browser.get("/console/audit?since=2999-01-01T00:00");
        assertEquals(200, future.statusCode());
        assertTrue(future.asString().contains("No events match"));
        Response past = browser.get("/console/audit?until=2999-01-01T00:00&type=CONSOLE_NOPE");
        assertEquals(400, past.statusCode());
        Response badTime = browser.get("/console/audit?since=yesterday");
        assertEquals(400, badTime.statusCode());
        assertTrue(badTime.asString().contains("since must be a time"));
        // a time the database cannot hold is refused by name, not failed on
        Response farOff = browser.get("/console/audit?until=%2B294277-01-01T00:00");
        assertEquals(400, farOff.statusCode());
        assertTrue(farOff.asString().contains("until must be a time between the years 1 and 9999"));
    }
}
