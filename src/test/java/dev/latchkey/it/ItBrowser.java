package dev.latchkey.it;

import dev.latchkey.support.Browser;
import dev.latchkey.support.Pkce;
import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The user's part of the code flow over plain HTTP and the pages' forms: login, consent, then the redirect. */
final class ItBrowser {
    private final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager())
            .followRedirects(HttpClient.Redirect.NEVER).build();

    /** Runs the flow at {@code app} for {@code reg} and returns the redirect's query parameters. */
    Map<String, String> code(PackagedApp app, ItClients.Registered reg, String redirectUri, Pkce pkce)
            throws IOException, InterruptedException {
        String url = app.baseUrl() + "/oauth2/authorize?client_id=" + enc(reg.clientId()) + "&response_type=code"
                + "&redirect_uri=" + enc(redirectUri) + "&scope=" + enc(reg.scope()) + "&state=s"
                + "&code_challenge=" + pkce.challenge() + "&code_challenge_method=S256";
        return Browser.query(authorize(URI.create(url), reg).toString());
    }

    URI authorize(URI authorizationRequest, ItClients.Registered reg) throws IOException, InterruptedException {
        HttpResponse<String> login = http.send(HttpRequest.newBuilder(authorizationRequest).build(),
                HttpResponse.BodyHandlers.ofString());
        if (login.statusCode() == 302) {
            return URI.create(login.headers().firstValue("Location").orElseThrow());
        }
        assertEquals(200, login.statusCode(), login.body());
        Map<String, String> form = Browser.hiddenFields(login.body());
        form.put("username", reg.username());
        form.put("password", ItClients.PASSWORD);
        HttpResponse<String> loggedIn = post(authorizationRequest.resolve("/oauth2/authorize/login"), form);
        assertEquals(303, loggedIn.statusCode(), loggedIn.body());
        URI next = authorizationRequest.resolve(loggedIn.headers().firstValue("Location").orElseThrow());
        HttpResponse<String> consent = http.send(HttpRequest.newBuilder(next).build(), HttpResponse.BodyHandlers.ofString());
        if (consent.statusCode() == 302) {
            // consent given earlier covers the request: straight back to the client
            return URI.create(consent.headers().firstValue("Location").orElseThrow());
        }
        assertEquals(200, consent.statusCode(), consent.body());
        Map<String, String> allow = Browser.hiddenFields(consent.body());
        allow.put("decision", "allow");
        HttpResponse<String> done = post(authorizationRequest.resolve("/oauth2/authorize/consent"), allow);
        assertEquals(303, done.statusCode(), done.body());
        return URI.create(done.headers().firstValue("Location").orElseThrow());
    }

    /** A person types {@code userCode} at the device page, signs in as {@code username} and allows or denies. */
    void answerDevice(PackagedApp app, String userCode, String username, boolean allow)
            throws IOException, InterruptedException {
        URI device = URI.create(app.baseUrl() + "/oauth2/device");
        HttpResponse<String> form = http.send(HttpRequest.newBuilder(device).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, form.statusCode(), form.body());
        Map<String, String> typed = Browser.hiddenFields(form.body());
        typed.put("user_code", userCode);
        HttpResponse<String> login = post(device, typed);
        assertEquals(200, login.statusCode(), login.body());
        Map<String, String> credentials = Browser.hiddenFields(login.body());
        credentials.put("username", username);
        credentials.put("password", ItClients.PASSWORD);
        HttpResponse<String> consent = post(device.resolve("/oauth2/device/login"), credentials);
        assertEquals(200, consent.statusCode(), consent.body());
        Map<String, String> answer = Browser.hiddenFields(consent.body());
        answer.put("decision", allow ? "allow" : "deny");
        HttpResponse<String> done = post(device.resolve("/oauth2/device/consent"), answer);
        assertEquals(200, done.statusCode(), done.body());
    }

    private HttpResponse<String> post(URI uri, Map<String, String> form) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(encode(form))).build(), HttpResponse.BodyHandlers.ofString());
    }

    static String encode(Map<String, String> form) {
        return form.entrySet().stream().map(e -> enc(e.getKey()) + "=" + enc(e.getValue()))
                .collect(Collectors.joining("&"));
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
