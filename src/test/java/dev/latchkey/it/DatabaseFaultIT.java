package dev.latchkey.it;

import dev.latchkey.support.Pkce;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The database going away under a running server: through a relay the test can cut (every connection
 * dropped, new ones refused), and by pg_terminate_backend mid-load. Answers must be 503 in each
 * endpoint's format within a bounded time, readiness must go down, the same process must serve again
 * when the database is back, and nothing may be left half-written.
 */
class DatabaseFaultIT {
    static final String REDIRECT = "https://app.example/cb";
    static CuttableProxy proxy;
    static PackagedApp app;
    static HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    static ItClients.Registered reg;

    @BeforeAll
    static void start() {
        proxy = new CuttableProxy(5432);
        app = PackagedApp.start(Map.of(
                "QUARKUS_DATASOURCE_JDBC_URL", "jdbc:postgresql://127.0.0.1:" + proxy.port()
                        + "/latchkey_test?ApplicationName=latchkey-fault",
                "LATCHKEY_CACHE_CLIENT_TTL", "1s"));
        reg = ItClients.register(app, "confidential", List.of(REDIRECT),
                List.of("authorization_code", "refresh_token", "client_credentials"));
    }

    @AfterAll
    static void stop() {
        if (proxy != null) {
            proxy.restore();
        }
        if (app != null) {
            app.close();
        }
    }

    @Test
    void whenDatabaseGoneThen503InEachFormatAndBackWithoutRestart() throws Exception {
        Pkce pkce = Pkce.create();
        String code = new ItBrowser().code(app, reg, REDIRECT, pkce).get("code");
        String exchange = "grant_type=authorization_code&code=" + code + "&redirect_uri=" + ItBrowser.enc(REDIRECT)
                + "&code_verifier=" + pkce.verifier();

        proxy.cut();
        try {
            Thread.sleep(1500); // the client cache entry (1 s) expires: the token endpoint must read the database
            HttpResponse<String> token = (post("/oauth2/token", exchange));
            assertEquals(503, token.statusCode(), token.body());
            assertTrue(token.body().matches("\\{\"error\":\"server_error\",\"error_description\":\".+\"}"), token.body());
            assertTrue(token.headers().firstValue("Retry-After").isPresent());

            HttpResponse<String> page = (get("/oauth2/authorize?client_id=" + reg.clientId()
                    + "&response_type=code&code_challenge=" + pkce.challenge() + "&code_challenge_method=S256"));
            assertEquals(503, page.statusCode(), page.body());
            assertTrue(page.headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
            assertTrue(page.headers().firstValue("Location").isEmpty(), "no redirect");
            assertTrue(page.headers().firstValue("Retry-After").isPresent());

            HttpResponse<String> api = (get("/api/v1/clients"));
            assertEquals(503, api.statusCode(), api.body());
            assertTrue(api.body().startsWith("{\"message\":\"503 Service Unavailable\",\"description\":"), api.body());
            assertTrue(api.headers().firstValue("Retry-After").isPresent());

            assertEquals(503, (get("/q/health/ready")).statusCode());
            assertEquals(200, (get("/q/health/live")).statusCode(), "alive: no restart needed");
        } finally {
            proxy.restore();
        }

        // back: the same process serves again, and the code the failed request named was not used up
        Instant deadline = Instant.now().plusSeconds(20);
        while (get("/q/health/ready").statusCode() != 200 && Instant.now().isBefore(deadline)) {
            Thread.sleep(200);
        }
        assertEquals(200, get("/q/health/ready").statusCode());
        HttpResponse<String> again = post("/oauth2/token", exchange);
        assertEquals(200, again.statusCode(), again.body());
        assertTrue(app.alive());
    }

    @Test
    void whenConnectionsKilledMidLoadThenNo5xxButServerErrorAndNothingHalfWritten() throws Exception {
        // a pool of refresh tokens, each in a family of its own
        List<String> refresh = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            Pkce pkce = Pkce.create();
            String code = new ItBrowser().code(app, reg, REDIRECT, pkce).get("code");
            HttpResponse<String> t = post("/oauth2/token", "grant_type=authorization_code&code=" + code
                    + "&redirect_uri=" + ItBrowser.enc(REDIRECT) + "&code_verifier=" + pkce.verifier());
            refresh.add(t.body().replaceAll(".*\"refresh_token\":\"([^\"]+)\".*", "$1"));
        }
        Set<Integer> statuses = ConcurrentHashMap.newKeySet();
        AtomicBoolean running = new AtomicBoolean(true);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        for (int i = 0; i < 8; i++) {
            int slot = i;
            pool.submit(() -> {
                String token = refresh.get(slot);
                while (running.get()) {
                    HttpResponse<String> r = post("/oauth2/token", "grant_type=refresh_token&refresh_token=" + token);
                    statuses.add(r.statusCode());
                    if (r.statusCode() == 200) {
                        token = r.body().replaceAll(".*\"refresh_token\":\"([^\"]+)\".*", "$1");
                    }
                }
                return null;
            });
        }
        try (var c = DriverManager.getConnection(PackagedApp.JDBC_URL, "postgres", null)) {
            for (int i = 0; i < 15; i++) {
                Thread.sleep(200);
                c.createStatement().execute("select pg_terminate_backend(pid) from pg_stat_activity "
                        + "where application_name = 'latchkey-fault'");
            }
        }
        running.set(false);
        pool.shutdown();
        assertTrue(pool.awaitTermination(60, TimeUnit.SECONDS));

        // 400 only as reuse detection: a rotation that committed while its connection was killed looks failed
        // (503) to the client, which then presents the old token again; that ends the family, safely.
        assertTrue(Set.of(200, 400, 503).containsAll(statuses), "only successes, 503 and reuse refusals: " + statuses);
        assertTrue(statuses.contains(200));
        // every live grant of this client has exactly one live refresh token: none lost, none doubled
        try (var c = DriverManager.getConnection(PackagedApp.JDBC_URL, "postgres", null);
             var st = c.prepareStatement("""
                     select f.id, count(r.token_hash) filter (where r.rotated_at is null) as heads
                     from grant_family f join refresh_token r on r.family_id = f.id
                     where f.client_id = ? and f.revoked_at is null group by f.id""")) {
            st.setString(1, reg.clientId());
            try (var rs = st.executeQuery()) {
                while (rs.next()) {
                    assertEquals(1, rs.getInt(2), "live refresh tokens of family " + rs.getString(1));
                }
            }
            var consumed = c.prepareStatement("""
                    select count(*) from authorization_code c where c.client_id = ? and c.consumed_at is not null
                    and not exists (select 1 from grant_family f where f.id = c.grant_id)""");
            consumed.setString(1, reg.clientId());
            try (var rs = consumed.executeQuery()) {
                rs.next();
                assertEquals(0, rs.getInt(1), "a consumed code without its tokens");
            }
        }
    }

    static HttpResponse<String> get(String path) {
        String base = path.startsWith("/q/") ? app.managementUrl() : app.baseUrl();
        return send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(15))
                .header("Authorization", "Bearer " + PackagedApp.ADMIN_KEY).build());
    }

    static HttpResponse<String> post(String path, String form) {
        return send(HttpRequest.newBuilder(URI.create(app.baseUrl() + path)).timeout(Duration.ofSeconds(15))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        (reg.clientId() + ":" + reg.clientSecret()).getBytes()))
                .POST(HttpRequest.BodyPublishers.ofString(form)).build());
    }

    private static HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new AssertionError("no answer within the timeout: " + request.uri(), e);
        }
    }
}
