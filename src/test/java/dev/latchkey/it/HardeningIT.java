package dev.latchkey.it;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the production settings must hold, against the packaged app with the production JVM options: no
 * request can fill the heap, forwarded addresses are believed only from a trusted proxy, the operations
 * endpoints live on the management port, a weak admin key stops the start, idle connections close.
 */
class HardeningIT {
    /** The README's production heap and collector. */
    static final List<String> PRODUCTION_JVM = List.of("-Xms32m", "-Xmx112m", "-XX:+UseSerialGC");
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    static PackagedApp app;
    static ItClients.Registered client;

    @BeforeAll
    static void start() {
        PackagedApp.forgetLocalFailures();
        int port = PackagedApp.freePort();
        app = PackagedApp.start(port, "http://127.0.0.1:" + port, Map.of("QUARKUS_HTTP_IDLE_TIMEOUT", "3s"),
                PRODUCTION_JVM);
        client = ItClients.register(app, "confidential", List.of("https://app.example/cb"),
                List.of("authorization_code", "client_credentials"));
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
    }

    @Test
    void whenFormsOfMillionsOfParametersArriveAtOnceThen413AndOthersAreServed() throws Exception {
        StringBuilder huge = new StringBuilder(9_000_000);
        for (int i = 0; i < 900_000; i++) {
            huge.append(i == 0 ? "" : "&").append('p').append(i).append("=1");
        }
        byte[] body = huge.toString().getBytes(StandardCharsets.US_ASCII);
        List<CompletableFuture<String>> answers = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            answers.add(CompletableFuture.supplyAsync(() -> rawPost("/oauth2/token", body)));
        }
        HttpResponse<String> meanwhile = HTTP.send(form("/oauth2/token",
                "grant_type=client_credentials".getBytes(StandardCharsets.US_ASCII)), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, meanwhile.statusCode(), meanwhile.body());
        for (CompletableFuture<String> answer : answers) {
            String r = answer.get();
            assertTrue(r.startsWith("HTTP/1.1 413 "), r);
            assertTrue(r.contains("\"error\":\"invalid_request\""), r);
        }
        assertFalse(Files.readString(app.log()).contains("OutOfMemoryError"), "the heap held");
        assertTrue(app.alive());
    }

    /**
     * A POST written on a raw socket, body and all, as a careless or hostile client sends it; the answer as
     * text. (java.net.http gives up on a request whose answer comes before its body is sent.)
     */
    private static String rawPost(String path, byte[] body) {
        try (Socket socket = new Socket("127.0.0.1", app.port())) {
            socket.setSoTimeout(20_000);
            String head = "POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: " + body.length + "\r\n\r\n";
            var out = socket.getOutputStream();
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            try {
                out.write(body);
                out.flush();
            } catch (IOException e) {
                // the server answered and closed before reading the body: read what it said
            }
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void whenAFormIsOverItsLimitsThen413InTheEndpointsFormat() throws Exception {
        byte[] big = ("grant_type=client_credentials&pad=" + "x".repeat(70 * 1024)).getBytes(StandardCharsets.US_ASCII);
        HttpResponse<String> tooBig = HTTP.send(form("/oauth2/token", big), HttpResponse.BodyHandlers.ofString());
        assertEquals(413, tooBig.statusCode(), tooBig.body());
        assertTrue(tooBig.body().contains("\"error\":\"invalid_request\""), tooBig.body());
        StringBuilder many = new StringBuilder("grant_type=client_credentials");
        for (int i = 0; i < 150; i++) {
            many.append("&x").append(i).append("=1");
        }
        HttpResponse<String> tooMany = HTTP.send(form("/oauth2/token", many.toString().getBytes(StandardCharsets.US_ASCII)),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(413, tooMany.statusCode(), tooMany.body());
        HttpResponse<String> page = HTTP.send(HttpRequest.newBuilder(URI.create(app.baseUrl() + "/oauth2/authorize"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofByteArray(big)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(413, page.statusCode());
        assertTrue(page.headers().firstValue("Content-Type").orElse("").startsWith("text/html"), page.body());
    }

    @Test
    void whenAJsonBodyIsOverOneMebibyteThen413InTheApisFormat() throws Exception {
        String json = "{\"name\":\"" + "x".repeat(1_100_000) + "\"}";
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(app.baseUrl() + "/api/v1/scopes"))
                .header("Authorization", "Bearer " + PackagedApp.ADMIN_KEY).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(413, r.statusCode(), r.body());
        assertTrue(r.body().startsWith("{\"message\":\"413 "), r.body());
    }

    @Test
    void whenNoProxyIsTrustedThenAForgedForwardedForIsIgnored() throws Exception {
        try (PackagedApp untrusting = PackagedApp.start(Map.of("QUARKUS_HTTP_PROXY_PROXY_ADDRESS_FORWARDING", "true",
                "QUARKUS_HTTP_PROXY_ALLOW_X_FORWARDED", "true", "QUARKUS_HTTP_PROXY_TRUSTED_PROXIES", "10.9.9.9"))) {
            assertEquals("127.0.0.1", auditedAddressOfAFailure(untrusting, "203.0.113.7"));
        }
    }

    @Test
    void whenTheProxyIsTrustedThenTheAddressItSawIsUsed() throws Exception {
        try (PackagedApp trusting = PackagedApp.start(Map.of("QUARKUS_HTTP_PROXY_PROXY_ADDRESS_FORWARDING", "true",
                "QUARKUS_HTTP_PROXY_ALLOW_X_FORWARDED", "true", "QUARKUS_HTTP_PROXY_TRUSTED_PROXIES", "127.0.0.1"))) {
            assertEquals("203.0.113.8", auditedAddressOfAFailure(trusting, "203.0.113.8"));
        }
    }

    /** Sends a wrong client secret with {@code X-Forwarded-For}, and reads the address the audit trail kept. */
    private static String auditedAddressOfAFailure(PackagedApp on, String forwardedFor) throws Exception {
        String clientId = ItClients.unique("nobody");
        HTTP.send(HttpRequest.newBuilder(URI.create(on.baseUrl() + "/oauth2/token"))
                .header("Content-Type", "application/x-www-form-urlencoded").header("X-Forwarded-For", forwardedFor)
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((clientId + ":x").getBytes()))
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials")).build(),
                HttpResponse.BodyHandlers.ofString());
        Instant deadline = Instant.now().plusSeconds(10);
        while (Instant.now().isBefore(deadline)) {
            HttpResponse<String> events = HTTP.send(HttpRequest.newBuilder(URI.create(on.baseUrl()
                            + "/api/v1/audit?type=CLIENT_AUTH_FAILED&actor=" + clientId))
                    .header("Authorization", "Bearer " + PackagedApp.ADMIN_KEY).build(), HttpResponse.BodyHandlers.ofString());
            int at = events.body().indexOf("\"address\":\"");
            if (at >= 0) {
                int from = at + "\"address\":\"".length();
                return events.body().substring(from, events.body().indexOf('"', from));
            }
            Thread.sleep(200);
        }
        throw new AssertionError("no audit event for " + clientId);
    }

    @Test
    void whenTheAdminKeyIsWeakThenTheStartStopsNamingIt() throws IOException {
        int port = PackagedApp.freePort();
        assertThrows(IllegalStateException.class, () -> PackagedApp.start(port, "http://127.0.0.1:" + port,
                Map.of("LATCHKEY_ADMIN_API_KEY", "admin123")));
        String log = Files.readString(Path.of("target", "it-app-" + port + ".log"));
        assertTrue(log.contains("LATCHKEY_ADMIN_API_KEY is too weak"), log);
    }

    @Test
    void whenInProductionThenMetricsAndOpenApiAreOnTheManagementPortOnly() throws Exception {
        for (String path : List.of("/q/metrics", "/q/openapi", "/q/health/ready")) {
            assertEquals(404, get(app.baseUrl() + path).statusCode(), path + " on the public port");
            assertEquals(200, get(app.managementUrl() + path).statusCode(), path + " on the management port");
        }
    }

    @Test
    void whenAConnectionSaysNothingThenItIsClosedAfterTheIdleTimeout() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", app.port())) {
            socket.setSoTimeout(15_000);
            Instant opened = Instant.now();
            InputStream in = socket.getInputStream();
            assertEquals(-1, in.read(), "closed by the server");
            Duration open = Duration.between(opened, Instant.now());
            assertTrue(open.toMillis() < 10_000, "closed after " + open);
        }
    }

    private static HttpRequest form(String path, byte[] body) {
        return HttpRequest.newBuilder(URI.create(app.baseUrl() + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        (client.clientId() + ":" + client.clientSecret()).getBytes(StandardCharsets.UTF_8)))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
    }

    private static HttpResponse<String> get(String url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
