package dev.latchkey.it;

import dev.latchkey.support.Pkce;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two instances of the packaged app on one PostgreSQL, as behind a load balancer (one issuer): whatever
 * one does, the other honours, at once or within a bounded time.
 */
class TwoNodesIT {
    static final String REDIRECT = "https://app.example/cb";
    static PackagedApp a;
    static PackagedApp b;
    static final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        int portA = PackagedApp.freePort();
        String issuer = "http://127.0.0.1:" + portA;
        Map<String, String> env = Map.of("LATCHKEY_TOKEN_KEY_REFRESH_INTERVAL", "1s",
                "LATCHKEY_CACHE_CLIENT_TTL", "1s", "LATCHKEY_REVOCATION_POLL_INTERVAL", "1s",
                "LATCHKEY_CLIENT_AUTH_MAX_FAILURES_PER_CLIENT", "4");
        a = PackagedApp.start(portA, issuer, env);
        b = PackagedApp.start(PackagedApp.freePort(), issuer, env);
    }

    @AfterAll
    static void stop() {
        if (a != null) {
            a.close();
        }
        if (b != null) {
            b.close();
        }
    }

    @Test
    void whenCodeIssuedOnOneThenRedeemedOnTheOtherAndTokensVerifyOnBoth() throws Exception {
        var reg = ItClients.register(a, "confidential", List.of(REDIRECT), List.of("authorization_code", "refresh_token"));
        Pkce pkce = Pkce.create();
        String code = new ItBrowser().code(a, reg, REDIRECT, pkce).get("code");
        HttpResponse<String> tokens = post(b, reg, "grant_type=authorization_code&code=" + code + "&redirect_uri="
                + ItBrowser.enc(REDIRECT) + "&code_verifier=" + pkce.verifier());
        assertEquals(200, tokens.statusCode(), tokens.body());
        String access = field(tokens.body(), "access_token");
        verify(access, a);
        verify(access, b);
        assertTrue(introspectActive(a, reg, access));
    }

    @Test
    void whenKeysRotatedOnOneThenTheOtherSignsAndPublishesTheNewKeyWithinSeconds() throws Exception {
        var reg = ItClients.register(a, "confidential", List.of(REDIRECT), List.of("client_credentials"));
        String before = field(post(b, reg, "grant_type=client_credentials").body(), "access_token");
        HttpResponse<String> rotated = http.send(HttpRequest.newBuilder(URI.create(a.baseUrl() + "/api/v1/keys/rotate"))
                .header("Authorization", "Bearer " + PackagedApp.ADMIN_KEY).POST(HttpRequest.BodyPublishers.noBody())
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(201, rotated.statusCode(), rotated.body());
        String kid = field(rotated.body(), "kid");
        String afterOnB = eventually(() -> {
            String jwt = field(post(b, reg, "grant_type=client_credentials").body(), "access_token");
            return kid(jwt).equals(kid) ? jwt : null;
        }, Duration.ofSeconds(5));
        verify(afterOnB, a);
        verify(before, b); // the old key is still published
        assertNotEquals(kid(before), kid);
    }

    @Test
    void whenRefreshTokenReusedOnOneThenTheGrantEndsOnBoth() throws Exception {
        var reg = ItClients.register(a, "confidential", List.of(REDIRECT), List.of("authorization_code", "refresh_token"));
        Pkce pkce = Pkce.create();
        String code = new ItBrowser().code(a, reg, REDIRECT, pkce).get("code");
        String r1 = field(post(a, reg, "grant_type=authorization_code&code=" + code + "&redirect_uri="
                + ItBrowser.enc(REDIRECT) + "&code_verifier=" + pkce.verifier()).body(), "refresh_token");
        HttpResponse<String> rotated = post(b, reg, "grant_type=refresh_token&refresh_token=" + r1);
        String r2 = field(rotated.body(), "refresh_token");
        String access = field(rotated.body(), "access_token");
        assertTrue(introspectActive(a, reg, access));
        // the rotated token comes back at A: reuse, the whole grant ends
        assertEquals(400, post(a, reg, "grant_type=refresh_token&refresh_token=" + r1).statusCode());
        assertEquals(400, post(b, reg, "grant_type=refresh_token&refresh_token=" + r2).statusCode());
        assertEquals(Boolean.TRUE, eventually(() -> introspectActive(b, reg, access) ? null : true, Duration.ofSeconds(5)),
                "B's introspection sees the revocation");
    }

    @Test
    void whenClientAuthenticationFailsOnBothThenBothThrottle() throws Exception {
        var reg = ItClients.register(a, "confidential", List.of(REDIRECT), List.of("client_credentials"));
        var wrong = new ItClients.Registered(reg.clientId(), "wrong-secret", reg.scope(), reg.username());
        // four failures in all (the limit), alternating between the instances
        for (PackagedApp node : List.of(a, b, a, b)) {
            assertEquals(401, post(node, wrong, "grant_type=client_credentials").statusCode());
        }
        // one more failure on each: the shared counter is over the limit, each instance now refuses
        post(a, wrong, "grant_type=client_credentials");
        post(b, wrong, "grant_type=client_credentials");
        for (PackagedApp node : List.of(a, b)) {
            assertEquals(429, eventually(() -> {
                int status = post(node, wrong, "grant_type=client_credentials").statusCode();
                return status == 429 ? status : null;
            }, Duration.ofSeconds(5)), "the failing source throttled on " + node.baseUrl());
            // a correct secret is never refused for failures, its own source's or anyone else's
            assertEquals(200, post(node, reg, "grant_type=client_credentials").statusCode());
        }
    }

    @Test
    void whenClientChangedOnOneThenTheOtherSeesItWithinTheCacheTtl() throws Exception {
        var reg = ItClients.register(a, "confidential", List.of(REDIRECT), List.of("client_credentials"));
        assertEquals(200, post(b, reg, "grant_type=client_credentials").statusCode());
        HttpResponse<String> rotated = http.send(HttpRequest.newBuilder(URI.create(a.baseUrl() + "/api/v1/clients/"
                        + reg.clientId() + "/secret")).header("Authorization", "Bearer " + PackagedApp.ADMIN_KEY)
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        var renewed = new ItClients.Registered(reg.clientId(), field(rotated.body(), "client_secret"), reg.scope(),
                reg.username());
        // B's cached entry lives at most the TTL (1 s here); no retries before, each would count as a failure
        PackagedApp.sleep(1500);
        assertEquals(200, post(b, renewed, "grant_type=client_credentials").statusCode());
        assertEquals(401, post(b, reg, "grant_type=client_credentials").statusCode(), "the old secret is gone on B too");
    }

    // ---- helpers

    static HttpResponse<String> post(PackagedApp node, ItClients.Registered reg, String form) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(node.baseUrl() + "/oauth2/token"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                            (reg.clientId() + ":" + reg.clientSecret()).getBytes()))
                    .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    static boolean introspectActive(PackagedApp node, ItClients.Registered reg, String token) {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(node.baseUrl() + "/oauth2/introspect"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                            (reg.clientId() + ":" + reg.clientSecret()).getBytes()))
                    .POST(HttpRequest.BodyPublishers.ofString("token=" + token)).build(), HttpResponse.BodyHandlers.ofString());
            return r.body().startsWith("{\"active\":true");
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    static void verify(String jwt, PackagedApp jwksFrom) throws Exception {
        String body = http.send(HttpRequest.newBuilder(URI.create(jwksFrom.baseUrl() + "/oauth2/jwks")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSTypeVerifier((header, context) -> { });
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(Set.of(JWSAlgorithm.ES256, JWSAlgorithm.RS256),
                new ImmutableJWKSet<>(JWKSet.parse(body))));
        processor.process(jwt, null);
    }

    static String kid(String jwt) {
        try {
            return SignedJWT.parse(jwt).getHeader().getKeyID();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    static String field(String json, String name) {
        var m = java.util.regex.Pattern.compile("\"" + name + "\":\"([^\"]+)\"").matcher(json);
        assertTrue(m.find(), name + " in " + json);
        return m.group(1);
    }

    static <T> T eventually(Supplier<T> attempt, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            T result = attempt.get();
            if (result != null) {
                return result;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("not within " + timeout);
            }
            PackagedApp.sleep(100);
        }
    }
}
