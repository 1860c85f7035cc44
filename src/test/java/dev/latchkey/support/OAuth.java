package dev.latchkey.support;

import io.restassured.response.Response;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/** A registered app with its own scopes and user, and the authorization-code flow run through the real pages. */
public final class OAuth {
    public static final String PASSWORD = "correct horse battery";
    public static final String REDIRECT = "https://app.example/cb";

    public final String clientId;
    public final String clientSecret;
    public final String scopeA;
    public final String scopeB;
    public final String username;

    private OAuth(String clientId, String clientSecret, String scopeA, String scopeB, String username) {
        this.clientId = clientId;
        this.clientSecret = clientSecret;
        this.scopeA = scopeA;
        this.scopeB = scopeB;
        this.username = username;
    }

    /** A confidential client allowed two fresh scopes (the first is the default), and a fresh user. */
    public static OAuth confidential() {
        return create("confidential");
    }

    public static OAuth publicClient() {
        return create("public");
    }

    /**
     * An OpenID Connect app: allowed {@code openid profile email} (openid the default), with a registered
     * post-logout URI, {@code extra} fields in its registration; and a user with every claim set.
     */
    public static OAuth openId(String type, Map<String, Object> extra) {
        var body = Admin.clientBody(type, List.of("openid", "profile", "email"));
        body.put("post_logout_redirect_uris", List.of(LOGGED_OUT));
        body.putAll(extra);
        var created = Admin.createClient(body).then().statusCode(201).extract().jsonPath();
        String username = Admin.unique("user");
        Admin.api().body(Map.of("username", username, "password", PASSWORD, "name", "Alice Example",
                        "given_name", "Alice", "family_name", "Example", "email", username + "@example.com",
                        "email_verified", true))
                .post("/api/v1/users").then().statusCode(201);
        return new OAuth(created.getString("client_id"), created.getString("client_secret"), "openid", "profile",
                username);
    }

    public static final String LOGGED_OUT = "https://app.example/signed-out";

    /** A client made elsewhere (with more fields than these helpers set), and its user. */
    public static OAuth existing(String clientId, String clientSecret, String scopeA, String scopeB, String username) {
        return new OAuth(clientId, clientSecret, scopeA, scopeB, username);
    }

    private static OAuth create(String type) {
        String a = Admin.scope();
        String b = Admin.scope();
        var body = Admin.clientBody(type, List.of(a, b));
        var created = Admin.createClient(body).then().statusCode(201).extract().jsonPath();
        return new OAuth(created.getString("client_id"), created.getString("client_secret"), a, b, Admin.user(PASSWORD));
    }

    public Map<String, String> params(Pkce pkce) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("client_id", clientId);
        p.put("response_type", "code");
        p.put("redirect_uri", REDIRECT);
        p.put("scope", scopeA);
        p.put("state", "st-" + System.nanoTime());
        p.put("code_challenge", pkce.challenge());
        p.put("code_challenge_method", "S256");
        return p;
    }

    public static String authorizeUrl(Map<String, String> params) {
        return "/oauth2/authorize?" + params.entrySet().stream()
                .map(e -> enc(e.getKey()) + "=" + enc(e.getValue()))
                .collect(Collectors.joining("&"));
    }

    public static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /** Logs in on the login page shown for {@code params} and returns the response to the login form. */
    public Response login(Browser browser, Map<String, String> params) {
        Response page = browser.get(authorizeUrl(params));
        assertEquals(200, page.statusCode(), page.asString());
        return browser.submit("/oauth2/authorize/login", Map.of("username", username, "password", PASSWORD));
    }

    /** Runs login and consent (Allow) through the real forms; returns the final redirect's query. */
    public Map<String, String> authorize(Browser browser, Map<String, String> params) {
        Response loggedIn = login(browser, params);
        assertEquals(303, loggedIn.statusCode(), loggedIn.asString());
        Response consent = browser.get(loggedIn.header("Location").replaceFirst("^https?://[^/]+", ""));
        Response done = consent.statusCode() == 200
                ? browser.submit("/oauth2/authorize/consent", Map.of("decision", "allow"))
                : consent;
        String location = done.header("Location");
        assertNotNull(location, "a redirect to the client: " + done.statusCode() + " " + done.asString());
        return Browser.query(location);
    }

    /** A fresh authorization code for {@code pkce}, with the default scope. */
    public String code(Pkce pkce) {
        return authorize(new Browser(), params(pkce)).get("code");
    }
}
