package dev.latchkey.it;

import dev.latchkey.support.Pkce;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Spring Boot 4 with Spring Security 7, unmodified, in a tiny app of its own ({@code src/it/spring-app}),
 * configured with the issuer URI and the client's credentials only: {@code oauth2Login} signs a user in
 * through Latchkey, and the resource server takes its access tokens: with {@code LATCHKEY_ACCESS_TOKEN_TYP=JWT}
 * as it is, with RFC 9068's default {@code at+jwt} through the README's one bean, and without it not at all.
 */
class SpringSecurityIT {
    static PackagedApp server;
    /** The same database, access tokens typed {@code JWT}. */
    static PackagedApp jwtServer;
    static Path jar;

    @BeforeAll
    static void start() {
        server = PackagedApp.shared();
        jwtServer = PackagedApp.start(Map.of("LATCHKEY_ACCESS_TOKEN_TYP", "JWT"));
        jar = ClientApp.build("spring-app", "spring-app.jar");
    }

    @AfterAll
    static void stop() {
        if (jwtServer != null) {
            jwtServer.close();
        }
    }

    static Map<String, String> issuerOnly(PackagedApp at, ItClients.Registered client) {
        return new HashMap<>(Map.of("LATCHKEY_ISSUER", at.baseUrl(), "LATCHKEY_CLIENT_ID", client.clientId(),
                "LATCHKEY_CLIENT_SECRET", client.clientSecret()));
    }

    @Test
    void oauth2LoginSignsTheUserInWithTheIssuerUriOnly() throws Exception {
        int port = PackagedApp.freePort();
        var client = ItClients.registerOpenId(server, "confidential",
                List.of("http://127.0.0.1:" + port + "/login/oauth2/code/latchkey"), Map.of());
        try (ClientApp app = ClientApp.start(jar, port, issuerOnly(server, client))) {
            HttpResponse<String> page = new UserAgent(client).visit(URI.create(app.baseUrl() + "/hello"));
            assertEquals(200, page.statusCode(), page.body() + " (see " + app.log() + ")");
            assertEquals("Hello, Ada Lovelace (" + client.username() + ")", page.body());
        }
    }

    /** With {@code scope=openid,profile,email} Spring takes the OpenID Connect path: the RS256 id_token is verified. */
    @Test
    void oauth2LoginWithOpenIdScopeValidatesTheIdToken() throws Exception {
        int port = PackagedApp.freePort();
        var client = ItClients.registerOpenId(server, "confidential",
                List.of("http://127.0.0.1:" + port + "/login/oauth2/code/latchkey"), Map.of());
        Map<String, String> env = issuerOnly(server, client);
        env.put("SPRING_SECURITY_OAUTH2_CLIENT_REGISTRATION_LATCHKEY_SCOPE", "openid,profile,email");
        try (ClientApp app = ClientApp.start(jar, port, env)) {
            HttpResponse<String> page = new UserAgent(client).visit(URI.create(app.baseUrl() + "/hello"));
            assertEquals(200, page.statusCode(), page.body() + " (see " + app.log() + ")");
            assertEquals("Hello, Ada Lovelace (" + client.username() + ") signed in by an id_token of "
                    + server.baseUrl(), page.body());
        }
    }

    @Test
    void resourceServerTakesJwtTypedTokensAsIsAndAtJwtWithTheDocumentedBean() throws Exception {
        var atJwtClient = ItClients.registerOpenId(server, "confidential", List.of("https://app.example/cb"), Map.of());
        String atJwt = accessToken(server, atJwtClient);
        var jwtClient = ItClients.registerOpenId(jwtServer, "confidential", List.of("https://app.example/cb"), Map.of());
        String jwt = accessToken(jwtServer, jwtClient);

        try (ClientApp plain = ClientApp.start(jar, PackagedApp.freePort(), issuerOnly(jwtServer, jwtClient))) {
            HttpResponse<String> me = me(plain, jwt);
            assertEquals(200, me.statusCode(), me.body() + " (see " + plain.log() + ")");
            assertTrue(me.body().endsWith("typ=JWT"), me.body());
        }
        try (ClientApp plain = ClientApp.start(jar, PackagedApp.freePort(), issuerOnly(server, atJwtClient))) {
            assertEquals(401, me(plain, atJwt).statusCode(), "Spring's default accepts typ JWT only");
        }
        Map<String, String> withBean = issuerOnly(server, atJwtClient);
        withBean.put("APP_ACCEPT_AT_JWT", "true");
        try (ClientApp app = ClientApp.start(jar, PackagedApp.freePort(), withBean)) {
            HttpResponse<String> me = me(app, atJwt);
            assertEquals(200, me.statusCode(), me.body() + " (see " + app.log() + ")");
            assertTrue(me.body().endsWith("typ=at+jwt"), me.body());
            assertEquals(401, me(app, atJwt.substring(0, atJwt.length() - 4) + "AAAA").statusCode());
        }
    }

    static HttpResponse<String> me(ClientApp app, String token) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(app.baseUrl() + "/api/me"))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
    }

    static String accessToken(PackagedApp at, ItClients.Registered client) throws Exception {
        Pkce pkce = Pkce.create();
        Map<String, String> redirect = new ItBrowser().code(at, client, "https://app.example/cb", pkce);
        return given().baseUri(at.baseUrl()).auth().preemptive().basic(client.clientId(), client.clientSecret())
                .contentType("application/x-www-form-urlencoded").formParam("grant_type", "authorization_code")
                .formParam("code", redirect.get("code")).formParam("redirect_uri", "https://app.example/cb")
                .formParam("code_verifier", pkce.verifier()).post("/oauth2/token").then().statusCode(200)
                .extract().path("access_token");
    }
}
