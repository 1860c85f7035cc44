package dev.latchkey.it;

import dev.latchkey.support.Pkce;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Quarkus' own {@code quarkus-oidc} (3.33.2), unmodified, in a tiny app of its own ({@code src/it/quarkus-oidc-app})
 * pointed at the packaged server with nothing but {@code auth-server-url}, {@code client-id} and
 * {@code credentials.secret}: as a {@code web-app} (the code flow, then a page with the user's name) and as a
 * {@code service} (bearer tokens on an API). A separate process, because the extension would otherwise take
 * over the server's own security in the same JVM.
 */
class QuarkusOidcIT {
    static PackagedApp server;
    static Path jar;

    @BeforeAll
    static void build() {
        server = PackagedApp.shared();
        jar = ClientApp.build("quarkus-oidc-app", "quarkus-app/quarkus-run.jar");
    }

    /** The three settings of the issue, plus the application type and, for the page, the profile scope. */
    static Map<String, String> oidc(ItClients.Registered client, String type) {
        return Map.of("QUARKUS_OIDC_AUTH_SERVER_URL", server.baseUrl(),
                "QUARKUS_OIDC_CLIENT_ID", client.clientId(),
                "QUARKUS_OIDC_CREDENTIALS_SECRET", client.clientSecret(),
                "QUARKUS_OIDC_APPLICATION_TYPE", type);
    }

    @Test
    void webAppLogsTheUserInThroughLatchkeyAndShowsTheirName() throws Exception {
        int port = PackagedApp.freePort();
        // quarkus-oidc sends no PKCE unless told to (authentication.pkce-required): registered without it
        var client = ItClients.registerOpenId(server, "confidential", List.of("http://127.0.0.1:" + port + "/hello"),
                Map.of("require_pkce", false));
        Map<String, String> env = new java.util.HashMap<>(oidc(client, "web-app"));
        // OpenID Connect releases the name for the profile scope; quarkus-oidc asks for openid alone by default
        env.put("QUARKUS_OIDC_AUTHENTICATION_SCOPES", "profile");
        try (ClientApp app = ClientApp.start(jar, port, env)) {
            HttpResponse<String> page = new UserAgent(client).visit(URI.create(app.baseUrl() + "/hello"));
            assertEquals(200, page.statusCode(), page.body() + " (see " + app.log() + ")");
            assertEquals("Hello, Ada Lovelace (" + client.username() + ")", page.body());
        }
    }

    @Test
    void serviceAcceptsLatchkeyAccessTokensAndRefusesOthers() throws Exception {
        var client = ItClients.registerOpenId(server, "confidential", List.of("https://app.example/cb"), Map.of());
        Pkce pkce = Pkce.create();
        Map<String, String> redirect = new ItBrowser().code(server, client, "https://app.example/cb", pkce);
        String token = given().baseUri(server.baseUrl()).auth().preemptive().basic(client.clientId(), client.clientSecret())
                .contentType("application/x-www-form-urlencoded").formParam("grant_type", "authorization_code")
                .formParam("code", redirect.get("code")).formParam("redirect_uri", "https://app.example/cb")
                .formParam("code_verifier", pkce.verifier()).post("/oauth2/token").then().statusCode(200)
                .extract().path("access_token");
        int port = PackagedApp.freePort();
        try (ClientApp app = ClientApp.start(jar, port, oidc(client, "service"))) {
            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<String> me = http.send(HttpRequest.newBuilder(URI.create(app.baseUrl() + "/api/me"))
                    .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, me.statusCode(), me.body() + " (see " + app.log() + ")");
            assertTrue(me.body().startsWith("sub=") && me.body().contains("scope=openid profile email"), me.body());
            HttpResponse<String> forged = http.send(HttpRequest.newBuilder(URI.create(app.baseUrl() + "/api/me"))
                    .header("Authorization", "Bearer " + token.substring(0, token.length() - 4) + "AAAA").build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(401, forged.statusCode());
            HttpResponse<String> none = http.send(HttpRequest.newBuilder(URI.create(app.baseUrl() + "/api/me")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(401, none.statusCode());
        }
    }
}
