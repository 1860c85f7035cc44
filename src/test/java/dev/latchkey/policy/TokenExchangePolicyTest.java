package dev.latchkey.policy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static dev.latchkey.policy.TokenPolicyTest.req;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Token exchange (RFC 8693) as a table: each row a request and the tokens presented, and the reason expected. */
class TokenExchangePolicyTest {
    static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");
    static final Duration LIFETIME = Duration.ofMinutes(10);
    static final ClientView CLIENT = TestClients.confidential().build(); // allowed: read write
    static final String AT = TokenExchangePolicy.ACCESS_TOKEN_TYPE;
    static final TokenExchangePolicy.Presented USER_TOKEN = token("user-1", "web", "read write", NOW.plusSeconds(300),
            null, false);
    static final TokenExchangePolicy.Presented SERVICE_TOKEN = token("service-a", "service-a", "read",
            NOW.plusSeconds(600), Map.of("sub", "gateway"), false);

    static TokenExchangePolicy.Presented token(String sub, String clientId, String scope, Instant exp,
                                               Map<String, Object> act, boolean revoked) {
        return new TokenExchangePolicy.Presented(sub, clientId, Set.of(scope.split(" ")), "grant-1", exp, act, revoked);
    }

    record Case(String name, Runnable check, Reason expected) {
        @Override
        public String toString() {
            return name;
        }
    }

    static TokenRequest exchange(String... more) {
        List<String> pairs = new ArrayList<>(List.of("grant_type", TokenExchangePolicy.GRANT_TYPE,
                "subject_token", "s.t.x", "subject_token_type", AT));
        pairs.addAll(List.of(more));
        return req(pairs.toArray(String[]::new));
    }

    static TokenExchangePolicy.Exchange check(TokenRequest r, TokenExchangePolicy.Presented subject,
                                              TokenExchangePolicy.Presented actor) {
        TokenExchangePolicy.checkRequest(r);
        return TokenExchangePolicy.check(r, CLIENT, subject, r.get("actor_token") != null, actor, NOW, LIFETIME);
    }

    static List<Case> cases() {
        List<Case> c = new ArrayList<>();
        c.add(new Case("plain exchange", () -> check(exchange(), USER_TOKEN, null), null));
        c.add(new Case("subject_token missing", () -> TokenExchangePolicy.checkRequest(req("grant_type",
                TokenExchangePolicy.GRANT_TYPE, "subject_token_type", AT)), TokenExchangeReason.SUBJECT_TOKEN_MISSING));
        c.add(new Case("subject_token_type missing", () -> TokenExchangePolicy.checkRequest(req("subject_token", "x")),
                TokenExchangeReason.SUBJECT_TOKEN_TYPE_UNSUPPORTED));
        c.add(new Case("subject_token_type id_token", () -> TokenExchangePolicy.checkRequest(req("subject_token", "x",
                "subject_token_type", "urn:ietf:params:oauth:token-type:id_token")),
                TokenExchangeReason.SUBJECT_TOKEN_TYPE_UNSUPPORTED));
        c.add(new Case("actor_token without its type", () -> check(exchange("actor_token", "a.b.c"), USER_TOKEN,
                SERVICE_TOKEN), TokenExchangeReason.ACTOR_TOKEN_TYPE_MISSING));
        c.add(new Case("actor_token_type alone", () -> check(exchange("actor_token_type", AT), USER_TOKEN, null),
                TokenExchangeReason.ACTOR_TOKEN_MISSING));
        c.add(new Case("actor_token_type jwt", () -> check(exchange("actor_token", "a.b.c", "actor_token_type",
                "urn:ietf:params:oauth:token-type:jwt"), USER_TOKEN, SERVICE_TOKEN),
                TokenExchangeReason.ACTOR_TOKEN_TYPE_UNSUPPORTED));
        c.add(new Case("requested refresh token", () -> check(exchange("requested_token_type",
                "urn:ietf:params:oauth:token-type:refresh_token"), USER_TOKEN, null),
                TokenExchangeReason.REQUESTED_TOKEN_TYPE_UNSUPPORTED));
        c.add(new Case("requested access token", () -> check(exchange("requested_token_type", AT), USER_TOKEN, null),
                null));
        c.add(new Case("subject not ours", () -> check(exchange(), null, null), TokenExchangeReason.SUBJECT_TOKEN_INVALID));
        c.add(new Case("subject expired", () -> check(exchange(), token("u", "web", "read", NOW, null, false), null),
                TokenExchangeReason.SUBJECT_TOKEN_EXPIRED));
        c.add(new Case("subject revoked", () -> check(exchange(), token("u", "web", "read", NOW.plusSeconds(60), null,
                true), null), TokenExchangeReason.SUBJECT_TOKEN_REVOKED));
        c.add(new Case("actor not ours", () -> check(exchange("actor_token", "x", "actor_token_type", AT), USER_TOKEN,
                null), TokenExchangeReason.ACTOR_TOKEN_INVALID));
        c.add(new Case("actor expired", () -> check(exchange("actor_token", "x", "actor_token_type", AT), USER_TOKEN,
                token("s", "s", "read", NOW.minusSeconds(1), null, false)), TokenExchangeReason.ACTOR_TOKEN_EXPIRED));
        c.add(new Case("actor revoked", () -> check(exchange("actor_token", "x", "actor_token_type", AT), USER_TOKEN,
                token("s", "s", "read", NOW.plusSeconds(60), null, true)), TokenExchangeReason.ACTOR_TOKEN_REVOKED));
        c.add(new Case("narrower scope", () -> check(exchange("scope", "read"), USER_TOKEN, null), null));
        c.add(new Case("scope the subject lacks", () -> check(exchange("scope", "read admin"), USER_TOKEN, null),
                TokenExchangeReason.TOKEN_SCOPE_BROADER));
        c.add(new Case("scope the client may not use", () -> check(exchange("scope", "read"),
                token("u", "web", "read other", NOW.plusSeconds(60), null, false), null), null));
        c.add(new Case("scope held but not allowed to the client", () -> check(exchange("scope", "other"),
                token("u", "web", "read other", NOW.plusSeconds(60), null, false), null),
                TokenExchangeReason.TOKEN_SCOPE_NOT_ALLOWED));
        c.add(new Case("nothing in common", () -> check(exchange(), token("u", "web", "other", NOW.plusSeconds(60),
                null, false), null), TokenExchangeReason.TOKEN_SCOPE_NONE));
        c.add(new Case("malformed scope", () -> check(exchange("scope", "read\u0001"), USER_TOKEN, null),
                TokenReason.TOKEN_SCOPE_MALFORMED));
        return c;
    }

    static Stream<Arguments> rows() {
        return cases().stream().map(Arguments::of);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void decides(Case c) {
        if (c.expected() == null) {
            c.check().run();
            return;
        }
        Refusal refusal = assertThrows(Refusal.class, () -> c.check().run());
        assertEquals(c.expected(), refusal.reason());
    }

    @Test
    void theTokenLivesNoLongerThanTheSubjectTokenNorTheConfiguredLifetime() {
        assertEquals(NOW.plusSeconds(300), check(exchange(), USER_TOKEN, null).expiresAt());
        var longLived = token("u", "web", "read", NOW.plus(Duration.ofHours(1)), null, false);
        assertEquals(NOW.plus(LIFETIME), check(exchange(), longLived, null).expiresAt());
    }

    @Test
    void scopesDefaultToWhatTheSubjectHoldsAndTheClientMayUse() {
        var subject = token("u", "web", "read other", NOW.plusSeconds(60), null, false);
        assertEquals(Set.of("read"), check(exchange(), subject, null).scopes());
    }

    @Test
    void anActorTokenNamesTheActorWithThePriorActorsNested() {
        var exchange = check(exchange("actor_token", "x", "actor_token_type", AT), USER_TOKEN, SERVICE_TOKEN);
        assertEquals(Map.of("sub", "service-a", "client_id", "service-a", "act", Map.of("sub", "gateway")),
                exchange.act());
        var viaGateway = token("u", "web", "read", NOW.plusSeconds(60), Map.of("sub", "gateway"), false);
        var plainActor = token("service-b", "service-b", "read", NOW.plusSeconds(60), null, false);
        assertEquals(Map.of("sub", "service-b", "client_id", "service-b", "act", Map.of("sub", "gateway")),
                check(exchange("actor_token", "x", "actor_token_type", AT), viaGateway, plainActor).act(),
                "the subject's earlier actors stay in the chain");
        assertNull(check(exchange(), USER_TOKEN, null).act(), "no actor, no act");
    }

    @Test
    void audienceAndResourceBothNameTargets() {
        var exchange = check(exchange("audience", "https://a.example/", "resource", "https://b.example/",
                "audience", "https://b.example/"), USER_TOKEN, null);
        assertEquals(List.of("https://a.example/", "https://b.example/"), exchange.targets());
    }
}
