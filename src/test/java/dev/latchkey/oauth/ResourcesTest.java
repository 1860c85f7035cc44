package dev.latchkey.oauth;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.latchkey.support.Admin;
import dev.latchkey.support.Browser;
import dev.latchkey.support.OAuth;
import dev.latchkey.support.Pkce;
import dev.latchkey.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static dev.latchkey.support.Admin.api;
import static dev.latchkey.support.Tokens.form;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Resource servers in the management API, and {@code resource} (RFC 8707) on the authorization and token endpoints. */
@QuarkusTest
class ResourcesTest {

    /** A resource accepting {@code scopes}, with a fresh URI; returns the URI. */
    static String resource(List<String> scopes, String typ) {
        String uri = "https://" + Admin.unique("api") + ".example/";
        Map<String, Object> body = new HashMap<>(Map.of("uri", uri, "name", "API " + uri, "scopes", scopes));
        if (typ != null) {
            body.put("access_token_typ", typ);
        }
        api().body(body).post("/api/v1/resources").then().statusCode(201);
        return uri;
    }

    /** A client of {@code type} allowed {@code scopes} (the first its default) and {@code resources}, and a user. */
    static OAuth client(String type, List<String> scopes, List<String> resources) {
        var body = Admin.clientBody(type, scopes);
        body.put("allowed_resources", resources);
        var created = Admin.createClient(body).then().statusCode(201).extract().jsonPath();
        return OAuth.existing(created.getString("client_id"), created.getString("client_secret"), scopes.get(0),
                scopes.size() > 1 ? scopes.get(1) : null, Admin.user(OAuth.PASSWORD));
    }

    static JWTClaimsSet claims(Response tokens) throws Exception {
        return SignedJWT.parse(tokens.then().statusCode(200).extract().<String>path("access_token")).getJWTClaimsSet();
    }

    @Test
    void whenResourceRegisteredThenReadEditableAndDeletable() {
        String scope = Admin.scope();
        String uri = "https://" + Admin.unique("api") + ".example/v1";
        Response created = api().body(Map.of("uri", uri, "name", "Orders API", "scopes", List.of(scope),
                "access_token_typ", "JWT")).post("/api/v1/resources");
        created.then().statusCode(201).body("uri", equalTo(uri)).body("scopes", equalTo(List.of(scope)))
                .body("access_token_typ", equalTo("JWT"));
        String id = created.path("id");
        assertTrue(created.header("Location").endsWith("/api/v1/resources/" + id));
        JsonPath read = api().get("/api/v1/resources/" + id).then().statusCode(200).extract().jsonPath();
        assertEquals("Orders API", read.getString("name"));
        // GET, edit, PUT
        Map<String, Object> edited = new HashMap<>(read.getMap(""));
        edited.put("name", "Orders API v1");
        api().body(edited).put("/api/v1/resources/" + id).then().statusCode(200).body("name", equalTo("Orders API v1"))
                .body("access_token_typ", equalTo("JWT"));
        api().body(Map.of("uri", uri, "name", "Again")).post("/api/v1/resources").then().statusCode(400)
                .body("description", containsString("already exists"));
        // a client that allows it keeps it from being deleted, and the scope it accepts too
        OAuth app = client("confidential", List.of(scope), List.of(uri));
        api().get("/api/v1/clients/" + app.clientId).then().body("allowed_resources", equalTo(List.of(uri)));
        api().delete("/api/v1/resources/" + id).then().statusCode(400)
                .body("description", containsString("allowed_resources"));
        api().delete("/api/v1/clients/" + app.clientId).then().statusCode(204);
        api().delete("/api/v1/scopes/" + scope).then().statusCode(400).body("description", containsString("resource"));
        api().delete("/api/v1/resources/" + id).then().statusCode(204);
        api().get("/api/v1/resources/" + id).then().statusCode(404);
    }

    @Test
    void whenResourceInvalidThenEveryProblemNamed() {
        api().body(Map.of("uri", "https://api.example/#top", "name", "", "scopes", List.of("no-such-scope"),
                        "access_token_typ", "jwt")).post("/api/v1/resources").then().statusCode(400)
                .body("description", containsString("uri must not contain a fragment"))
                .body("description", containsString("name is required"))
                .body("description", containsString("unknown scope"))
                .body("description", containsString("access_token_typ must be at+jwt or JWT"));
        api().body(Map.of("uri", "/relative", "name", "x")).post("/api/v1/resources").then().statusCode(400)
                .body("description", containsString("absolute"));
        var body = Admin.clientBody("confidential", List.of(Admin.scope()));
        body.put("allowed_resources", List.of("https://never-registered.example/"));
        Admin.createClient(body).then().statusCode(400).body("description", containsString("not a registered resource"));
    }

    @Test
    void whenCodeFlowNamesResourceThenTokenIsForItAndOnlyItsScopes() throws Exception {
        String a = Admin.scope();
        String b = Admin.scope();
        String api = resource(List.of(a), null);
        OAuth app = client("confidential", List.of(a, b), List.of(api));
        Pkce pkce = Pkce.create();
        Map<String, String> params = app.params(pkce);
        params.put("scope", a + " " + b);
        params.put("resource", api);
        String code = app.authorize(new Browser(), params).get("code");
        Response tokens = Tokens.exchange(app, code, pkce);
        JWTClaimsSet claims = claims(tokens);
        assertEquals(List.of(api), claims.getAudience());
        assertEquals(a, claims.getStringClaim("scope"), "only what the resource accepts");
        assertEquals(a, tokens.path("scope"));
        assertEquals("at+jwt", SignedJWT.parse(tokens.path("access_token")).getHeader().getType().toString());
        // the refresh keeps the grant's resource; naming another is refused, the grant is untouched
        String refresh = tokens.path("refresh_token");
        Tokens.token(app, form("grant_type", "refresh_token", "refresh_token", refresh,
                        "resource", "https://other.example/")).then().statusCode(400)
                .body("error", equalTo("invalid_request")).body("error_description", containsString("grant"));
        assertEquals(List.of(api), claims(Tokens.refresh(app, refresh)).getAudience());
    }

    @Test
    void whenNoResourceThenDefaultAudienceAsBefore() throws Exception {
        OAuth app = OAuth.confidential();
        Pkce pkce = Pkce.create();
        JWTClaimsSet claims = claims(Tokens.exchange(app, app.code(pkce), pkce));
        assertEquals(List.of("http://localhost:8081"), claims.getAudience());
    }

    @Test
    void whenTwoResourcesThenBothCarriedThroughTheFormsAndRefreshNarrowsToOne() throws Exception {
        String a = Admin.scope();
        String b = Admin.scope();
        String first = resource(List.of(a), "JWT");
        String second = resource(List.of(b), null);
        OAuth app = client("public", List.of(a, b), List.of(first, second));
        Pkce pkce = Pkce.create();
        Map<String, String> params = app.params(pkce);
        params.put("scope", a + " " + b);
        Browser browser = new Browser();
        String url = OAuth.authorizeUrl(params) + "&resource=" + OAuth.enc(first) + "&resource=" + OAuth.enc(second);
        assertEquals(200, browser.get(url).statusCode());
        Response loggedIn = browser.submitAll("/oauth2/authorize/login",
                Map.of("username", app.username, "password", OAuth.PASSWORD));
        assertEquals(303, loggedIn.statusCode(), loggedIn.asString());
        Response consent = browser.get(loggedIn.header("Location").replaceFirst("^https?://[^/]+", ""));
        assertEquals(200, consent.statusCode());
        assertTrue(consent.asString().contains(first) && consent.asString().contains(second),
                "the consent page names both APIs");
        Response done = browser.submitAll("/oauth2/authorize/consent", Map.of("decision", "allow"));
        String code = Browser.query(done.header("Location")).get("code");
        assertNotNull(code, done.header("Location"));
        Response tokens = Tokens.exchange(app, code, pkce);
        JWTClaimsSet claims = claims(tokens);
        assertEquals(List.of(first, second), claims.getAudience());
        assertEquals(a + " " + b, claims.getStringClaim("scope"));
        assertEquals("at+jwt", SignedJWT.parse(tokens.path("access_token")).getHeader().getType().toString(),
                "JWT only when every resource asks for it");
        Response narrowed = Tokens.token(app, form("grant_type", "refresh_token", "refresh_token",
                tokens.path("refresh_token"), "resource", first));
        JWTClaimsSet one = claims(narrowed);
        assertEquals(List.of(first), one.getAudience());
        assertEquals(a, one.getStringClaim("scope"));
        assertEquals("JWT", SignedJWT.parse(narrowed.path("access_token")).getHeader().getType().toString());
    }

    @Test
    void whenResourceRefusedAtAuthorizationThenInvalidRequestOnTheRedirect() {
        String a = Admin.scope();
        String other = Admin.scope();
        String allowed = resource(List.of(a), null);
        String notAllowed = resource(List.of(a), null);
        String otherScopeOnly = resource(List.of(other), null);
        OAuth app = client("confidential", List.of(a), List.of(allowed, otherScopeOnly));
        Map<String, String> cases = Map.of(
                "https://api.example/#frag", "absolute URI without a fragment",
                "api.example/v1", "absolute URI without a fragment",
                "https://unknown-" + Admin.unique("x") + ".example/", "no resource server registered",
                notAllowed, "may not ask for",
                otherScopeOnly, "accepts none of the requested scopes");
        cases.forEach((resource, description) -> {
            Map<String, String> params = app.params(Pkce.create());
            params.put("resource", resource);
            var q = Browser.query(new Browser().get(OAuth.authorizeUrl(params)).header("Location"));
            assertEquals("invalid_request", q.get("error"), resource);
            assertTrue(q.get("error_description").contains(description), q.get("error_description"));
        });
    }

    @Test
    void whenCodeExchangeNamesAResourceTheCodeWasNotForThenRefusedAndTheCodeStaysGood() throws Exception {
        String a = Admin.scope();
        String api = resource(List.of(a), null);
        String other = resource(List.of(a), null);
        OAuth app = client("confidential", List.of(a), List.of(api, other));
        Pkce pkce = Pkce.create();
        Map<String, String> params = app.params(pkce);
        params.put("resource", api);
        String code = app.authorize(new Browser(), params).get("code");
        Map<String, String> exchange = form("grant_type", "authorization_code", "code", code, "redirect_uri",
                OAuth.REDIRECT, "code_verifier", pkce.verifier(), "resource", other);
        Tokens.token(app, exchange).then().statusCode(400).body("error", equalTo("invalid_request"))
                .body("error_description", containsString("the grant was not made for"));
        exchange.put("resource", api);
        assertEquals(List.of(api), claims(Tokens.token(app, exchange)).getAudience());
    }

    @Test
    void whenClientCredentialsNamesResourceThenAudienceScopeAndTyp() throws Exception {
        String a = Admin.scope();
        String b = Admin.scope();
        String api = resource(List.of(b), "JWT");
        OAuth app = client("confidential", List.of(a, b), List.of(api));
        Response tokens = Tokens.token(app, form("grant_type", "client_credentials", "scope", a + " " + b,
                "resource", api));
        JWTClaimsSet claims = claims(tokens);
        assertEquals(List.of(api), claims.getAudience());
        assertEquals(b, claims.getStringClaim("scope"));
        assertEquals("JWT", SignedJWT.parse(tokens.path("access_token")).getHeader().getType().toString());
        // twice in a row: the second is answered from memory, alike
        assertEquals(List.of(api), claims(Tokens.token(app, form("grant_type", "client_credentials", "scope", b,
                "resource", api))).getAudience());
        Tokens.token(app, form("grant_type", "client_credentials", "scope", a, "resource", api)).then()
                .statusCode(400).body("error", equalTo("invalid_request"))
                .body("error_description", containsString("accepts none"));
        Tokens.token(app, form("grant_type", "client_credentials", "resource", "https://x.example/#f")).then()
                .statusCode(400).body("error_description", containsString("without a fragment"));
        Tokens.token(app, form("grant_type", "client_credentials", "scope", b, "resource",
                "https://unknown-" + Admin.unique("x") + ".example/")).then().statusCode(400)
                .body("error", equalTo("invalid_request")).body("error_description", containsString("no resource server"));
        String foreign = resource(List.of(b), null);
        Tokens.token(app, form("grant_type", "client_credentials", "scope", b, "resource", foreign)).then()
                .statusCode(400).body("error_description", containsString("may not ask for"));
    }

    @Test
    void whenResourceNarrowsAwayOpenIdThenTheIdTokenStillComes() throws Exception {
        String a = Admin.scope();
        String api = resource(List.of(a), null);
        OAuth app = client("confidential", List.of("openid", a), List.of(api));
        Pkce pkce = Pkce.create();
        Map<String, String> params = app.params(pkce);
        params.put("scope", "openid " + a);
        params.put("resource", api);
        Response tokens = Tokens.exchange(app, app.authorize(new Browser(), params).get("code"), pkce);
        assertEquals(a, claims(tokens).getStringClaim("scope"));
        assertNotNull(tokens.path("id_token"), "the user granted openid: the id_token is theirs");
    }
}
