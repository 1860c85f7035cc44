package dev.latchkey.it;

import dev.latchkey.support.Pkce;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The authorization flow as a user meets it: Debian's headless Chromium driven by Selenium against the
 * packaged server, landing on a local callback. Screenshots of the pages go to target/screenshots.
 */
class BrowserIT {
    static PackagedApp app;
    static HttpServer callback;
    static final BlockingQueue<String> callbacks = new ArrayBlockingQueue<>(10);
    static final BlockingQueue<String> signedOut = new ArrayBlockingQueue<>(10);
    static String redirectUri;
    static String signedOutUri;

    WebDriver driver;

    @BeforeAll
    static void start() throws IOException {
        app = PackagedApp.shared();
        callback = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        callback.createContext("/cb", page(callbacks, "<h1 id=done>Back at the app</h1>"));
        callback.createContext("/signed-out", page(signedOut, "<h1 id=bye>Signed out of the app</h1>"));
        callback.start();
        redirectUri = "http://127.0.0.1:" + callback.getAddress().getPort() + "/cb";
        signedOutUri = "http://127.0.0.1:" + callback.getAddress().getPort() + "/signed-out";
    }

    /** A page of the app that records the query it was reached with. */
    static com.sun.net.httpserver.HttpHandler page(BlockingQueue<String> queries, String html) {
        return exchange -> {
            queries.add(exchange.getRequestURI().getRawQuery() == null ? "" : exchange.getRequestURI().getRawQuery());
            byte[] body = ("<html><body>" + html + "</body></html>").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/html");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        };
    }

    @AfterAll
    static void stop() {
        if (callback != null) {
            callback.stop(0);
        }
    }

    @BeforeEach
    void browser() {
        driver = Chromium.start(800, 900);
        callbacks.clear();
        signedOut.clear();
    }

    @AfterEach
    void quit() {
        if (driver != null) {
            driver.quit();
        }
    }

    @Test
    void whenUserSignsInAndAllowsThenAppReceivesCodeStateAndIss() throws Exception {
        var reg = ItClients.register(app, "public", List.of(redirectUri), List.of("authorization_code", "refresh_token"));
        driver.get(authorizeUrl(reg, "state-123", Pkce.create().challenge()));
        assertEquals("Sign in – Latchkey", driver.getTitle());
        screenshot("login");
        driver.findElement(By.id("username")).sendKeys(reg.username());
        driver.findElement(By.id("password")).sendKeys(ItClients.PASSWORD);
        driver.findElement(By.cssSelector("button[type=submit]")).click();

        waitFor(d -> d.getTitle().startsWith("Allow access?"));
        assertTrue(driver.getPageSource().contains(reg.scope()), "the consent page lists the scope");
        assertTrue(driver.getPageSource().contains("Read the " + reg.scope() + " things"), "with its description");
        screenshot("consent");
        driver.findElement(By.cssSelector("button[value=allow]")).click();

        Map<String, String> q = awaitCallback();
        assertNotNull(q.get("code"));
        assertEquals("state-123", q.get("state"));
        assertEquals(app.baseUrl(), q.get("iss"));
        waitFor(d -> !d.findElements(By.id("done")).isEmpty());
    }

    @Test
    void whenUserDeniesThenAppReceivesAccessDenied() throws Exception {
        var reg = ItClients.register(app, "public", List.of(redirectUri), List.of("authorization_code"));
        driver.get(authorizeUrl(reg, "s-deny", Pkce.create().challenge()));
        driver.findElement(By.id("username")).sendKeys(reg.username());
        driver.findElement(By.id("password")).sendKeys(ItClients.PASSWORD);
        driver.findElement(By.cssSelector("button[type=submit]")).click();
        waitFor(d -> d.getTitle().startsWith("Allow access?"));
        driver.findElement(By.cssSelector("button[value=deny]")).click();
        Map<String, String> q = awaitCallback();
        assertEquals("access_denied", q.get("error"));
        assertEquals("s-deny", q.get("state"));
        assertEquals(app.baseUrl(), q.get("iss"));
    }

    @Test
    void whenPasswordWrongThenFormShownAgainWithMessage() throws Exception {
        var reg = ItClients.register(app, "public", List.of(redirectUri), List.of("authorization_code"));
        driver.get(authorizeUrl(reg, "s", Pkce.create().challenge()));
        driver.findElement(By.id("username")).sendKeys(reg.username());
        driver.findElement(By.id("password")).sendKeys("not the password");
        driver.findElement(By.cssSelector("button[type=submit]")).click();
        waitFor(d -> !d.findElements(By.id("message")).isEmpty());
        assertEquals("Wrong username or password.", driver.findElement(By.id("message")).getText());
        screenshot("login-wrong-password");
        assertTrue(callbacks.isEmpty(), "nothing reached the app");
    }

    @Test
    void whenRedirectUriUnregisteredThenErrorPageAndNoRedirect() throws Exception {
        var reg = ItClients.register(app, "public", List.of(redirectUri), List.of("authorization_code"));
        String url = app.baseUrl() + "/oauth2/authorize?client_id=" + reg.clientId() + "&response_type=code"
                + "&redirect_uri=" + enc("https://evil.example/steal") + "&code_challenge=" + Pkce.create().challenge()
                + "&code_challenge_method=S256";
        driver.get(url);
        assertEquals("This request cannot be completed – Latchkey", driver.getTitle());
        assertTrue(driver.findElement(By.id("description")).getText().contains("registered redirect URIs"));
        assertTrue(driver.getCurrentUrl().startsWith(app.baseUrl()), "still on the server: " + driver.getCurrentUrl());
        screenshot("error-unregistered-redirect");
        assertTrue(callbacks.isEmpty());
    }

    @Test
    void whenUserSignsInWithOpenIdThenRemembersConsentAndSignsOutThroughTheApp() throws Exception {
        var reg = ItClients.registerOpenId(app, "public", List.of(redirectUri),
                Map.of("post_logout_redirect_uris", List.of(signedOutUri)));
        Pkce pkce = Pkce.create();
        driver.get(authorizeUrl(reg, "s-oidc", pkce.challenge()) + "&nonce=n-1&login_hint=" + enc(reg.username()));
        assertEquals(reg.username(), driver.findElement(By.id("username")).getAttribute("value"), "login_hint");
        driver.findElement(By.id("password")).sendKeys(ItClients.PASSWORD);
        driver.findElement(By.cssSelector("button[type=submit]")).click();
        waitFor(d -> d.getTitle().startsWith("Allow access?"));
        screenshot("consent-openid-remember");
        driver.findElement(By.name("remember")).click();
        driver.findElement(By.cssSelector("button[value=allow]")).click();
        String code = awaitCallback().get("code");
        String idToken = io.restassured.RestAssured.given().baseUri(app.baseUrl())
                .contentType("application/x-www-form-urlencoded").formParam("grant_type", "authorization_code")
                .formParam("client_id", reg.clientId()).formParam("code", code).formParam("redirect_uri", redirectUri)
                .formParam("code_verifier", pkce.verifier()).post("/oauth2/token").then().statusCode(200)
                .extract().path("id_token");

        // remembered: the next request goes straight back to the app
        driver.get(authorizeUrl(reg, "s-again", Pkce.create().challenge()));
        assertNotNull(awaitCallback().get("code"));

        // the app signs the user out: back at the app with its state, and the session is over
        driver.get(app.baseUrl() + "/oauth2/logout?id_token_hint=" + idToken + "&post_logout_redirect_uri="
                + enc(signedOutUri) + "&state=bye");
        String query = signedOut.poll(20, TimeUnit.SECONDS);
        assertEquals("state=bye", query);
        driver.get(authorizeUrl(reg, "s-after", Pkce.create().challenge()));
        assertEquals("Sign in – Latchkey", driver.getTitle());

        // a sign-out link without proof of the app is confirmed by the user first
        driver.findElement(By.id("username")).sendKeys(reg.username());
        driver.findElement(By.id("password")).sendKeys(ItClients.PASSWORD);
        driver.findElement(By.cssSelector("button[type=submit]")).click();
        assertNotNull(awaitCallback().get("code"));
        driver.get(app.baseUrl() + "/oauth2/logout");
        assertEquals("Sign out? – Latchkey", driver.getTitle());
        screenshot("logout-confirm");
        driver.findElement(By.cssSelector("button[value=yes]")).click();
        waitFor(d -> d.getTitle().startsWith("Signed out"));
        screenshot("signed-out");
    }

    @Test
    void whenUserTypesADeviceCodeAndAllowsThenTheDeviceGetsTokens() throws Exception {
        var tv = ItClients.register(app, "public", List.of(), List.of("urn:ietf:params:oauth:grant-type:device_code"));
        var codes = io.restassured.RestAssured.given().baseUri(app.baseUrl()).formParam("client_id", tv.clientId())
                .post("/oauth2/device_authorization").then().statusCode(200).extract().jsonPath();
        String userCode = codes.getString("user_code");
        driver.get(codes.getString("verification_uri"));
        assertEquals("Connect a device – Latchkey", driver.getTitle());
        // typed as people type it: lower case, no dash
        driver.findElement(By.id("user_code")).sendKeys(userCode.replace("-", "").toLowerCase());
        screenshot("device-code");
        driver.findElement(By.cssSelector("button[type=submit]")).click();
        waitFor(d -> d.getTitle().startsWith("Sign in"));
        driver.findElement(By.id("username")).sendKeys(tv.username());
        driver.findElement(By.id("password")).sendKeys(ItClients.PASSWORD);
        driver.findElement(By.cssSelector("button[type=submit]")).click();
        waitFor(d -> d.getTitle().startsWith("Allow access?"));
        assertTrue(driver.findElement(By.id("note")).getText().contains("device of your own"));
        screenshot("device-consent");
        driver.findElement(By.cssSelector("button[value=allow]")).click();
        waitFor(d -> !d.findElements(By.id("done")).isEmpty());
        assertEquals("Device connected", driver.findElement(By.id("done")).getText());
        screenshot("device-connected");
        io.restassured.RestAssured.given().baseUri(app.baseUrl()).formParam("client_id", tv.clientId())
                .formParam("grant_type", "urn:ietf:params:oauth:grant-type:device_code")
                .formParam("device_code", codes.getString("device_code")).post("/oauth2/token").then()
                .statusCode(200);
    }

    private String authorizeUrl(ItClients.Registered reg, String state, String challenge) {
        return app.baseUrl() + "/oauth2/authorize?client_id=" + enc(reg.clientId()) + "&response_type=code"
                + "&redirect_uri=" + enc(redirectUri) + "&scope=" + enc(reg.scope()) + "&state=" + enc(state)
                + "&code_challenge=" + challenge + "&code_challenge_method=S256";
    }

    private Map<String, String> awaitCallback() throws InterruptedException {
        String query = callbacks.poll(20, TimeUnit.SECONDS);
        assertNotNull(query, "the browser reached the app's callback; now at " + driver.getCurrentUrl());
        Map<String, String> params = new LinkedHashMap<>();
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            params.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return params;
    }

    private void waitFor(java.util.function.Function<WebDriver, Boolean> condition) {
        Chromium.waitFor(driver, condition);
    }

    private void screenshot(String name) throws IOException {
        Chromium.screenshot(driver, name);
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
