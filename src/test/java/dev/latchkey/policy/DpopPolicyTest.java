package dev.latchkey.policy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The claim checks of a DPoP proof (RFC 9449 §4.3 steps 8 to 12) and the key bindings, in order. */
class DpopPolicyTest {
    static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");
    static final String URI = "https://as.example/oauth2/token";
    static final String TOKEN = "eyJhbGciOiJFUzI1NiJ9.e30.sig";
    static final DpopPolicy.Target TARGET = new DpopPolicy.Target("POST", URI, NOW, Duration.ofSeconds(60), null);
    static final DpopPolicy.Target WITH_TOKEN = new DpopPolicy.Target("GET", "https://as.example/oauth2/userinfo",
            NOW, Duration.ofSeconds(60), TOKEN);

    /** A row: what is changed from a valid proof, where it is sent, the nonces asked for, the expected reason. */
    record Case(String name, UnaryOperator<DpopProof> change, DpopPolicy.Target target, Set<String> nonces,
                Reason expected) {
        @Override
        public String toString() {
            return name;
        }
    }

    static DpopProof valid() {
        return new DpopProof("jkt-1", "jti-1", "POST", URI, NOW.getEpochSecond(), null, null);
    }

    static DpopProof with(DpopProof p, String jti, String htm, String htu, Long iat, String ath, String nonce) {
        return new DpopProof(p.jkt(), jti, htm, htu, iat, ath, nonce);
    }

    static List<Case> cases() {
        List<Case> c = new ArrayList<>();
        c.add(new Case("no jti", p -> with(p, null, p.htm(), p.htu(), p.iat(), null, null), TARGET, null,
                DpopReason.PROOF_CLAIM_MISSING));
        c.add(new Case("jti too long", p -> with(p, "j".repeat(257), p.htm(), p.htu(), p.iat(), null, null), TARGET,
                null, DpopReason.PROOF_CLAIM_MISSING));
        c.add(new Case("no htm", p -> with(p, p.jti(), null, p.htu(), p.iat(), null, null), TARGET, null,
                DpopReason.PROOF_CLAIM_MISSING));
        c.add(new Case("no iat", p -> with(p, p.jti(), p.htm(), p.htu(), null, null, null), TARGET, null,
                DpopReason.PROOF_CLAIM_MISSING));
        c.add(new Case("htm GET for a POST", p -> with(p, p.jti(), "GET", p.htu(), p.iat(), null, null), TARGET,
                null, DpopReason.PROOF_HTM));
        c.add(new Case("htm in lower case", p -> with(p, p.jti(), "post", p.htu(), p.iat(), null, null), TARGET,
                null, DpopReason.PROOF_HTM));
        c.add(new Case("htu of another endpoint", p -> with(p, p.jti(), p.htm(), "https://as.example/oauth2/revoke",
                p.iat(), null, null), TARGET, null, DpopReason.PROOF_HTU));
        c.add(new Case("htu of another host", p -> with(p, p.jti(), p.htm(), "https://evil.example/oauth2/token",
                p.iat(), null, null), TARGET, null, DpopReason.PROOF_HTU));
        c.add(new Case("htu over http", p -> with(p, p.jti(), p.htm(), "http://as.example/oauth2/token",
                p.iat(), null, null), TARGET, null, DpopReason.PROOF_HTU));
        c.add(new Case("htu not a URL", p -> with(p, p.jti(), p.htm(), "token", p.iat(), null, null), TARGET, null,
                DpopReason.PROOF_HTU));
        c.add(new Case("iat 61 s old", p -> with(p, p.jti(), p.htm(), p.htu(), NOW.getEpochSecond() - 61, null, null),
                TARGET, null, DpopReason.PROOF_IAT));
        c.add(new Case("iat 61 s ahead", p -> with(p, p.jti(), p.htm(), p.htu(), NOW.getEpochSecond() + 61, null,
                null), TARGET, null, DpopReason.PROOF_IAT));
        c.add(new Case("iat that would wrap around a subtraction", p -> with(p, p.jti(), p.htm(), p.htu(),
                Long.MIN_VALUE + NOW.getEpochSecond(), null, null), TARGET, null, DpopReason.PROOF_IAT));
        c.add(new Case("no ath with a token", p -> with(p, p.jti(), "GET", WITH_TOKEN.uri(), p.iat(), null, null),
                WITH_TOKEN, null, DpopReason.PROOF_ATH));
        c.add(new Case("ath of another token", p -> with(p, p.jti(), "GET", WITH_TOKEN.uri(), p.iat(),
                DpopPolicy.ath("other"), null), WITH_TOKEN, null, DpopReason.PROOF_ATH));
        c.add(new Case("no nonce when asked", UnaryOperator.identity(), TARGET, Set.of("n1"), DpopReason.PROOF_NONCE));
        c.add(new Case("stale nonce", p -> with(p, p.jti(), p.htm(), p.htu(), p.iat(), null, "n0"), TARGET,
                Set.of("n1", "n2"), DpopReason.PROOF_NONCE));
        c.add(new Case("bound to another key", UnaryOperator.identity(), null, null, DpopReason.KEY_NOT_BOUND));
        return c;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void refuses(Case c) {
        DpopProof proof = c.change().apply(valid());
        Refusal refusal = assertThrows(Refusal.class, () -> {
            if (c.target() == null) {
                DpopPolicy.checkBinding("jkt-0", proof.jkt());
            } else {
                DpopPolicy.check(proof, c.target(), c.nonces());
            }
        });
        assertEquals(c.expected(), refusal.reason());
    }

    @Test
    void acceptsWhatRfc9449Allows() {
        DpopPolicy.check(valid(), TARGET, null);
        // §4.3 step 9: without query and fragment, after normalisation of case and default port
        for (String htu : List.of(URI + "?x=1", URI + "#f", "HTTPS://AS.example:443/oauth2/token")) {
            DpopPolicy.check(with(valid(), "j", "POST", htu, NOW.getEpochSecond(), null, null), TARGET, null);
        }
        DpopPolicy.check(with(valid(), "j", "POST", URI, NOW.getEpochSecond() - 60, null, "n2"), TARGET,
                Set.of("n1", "n2"));
        DpopPolicy.check(with(valid(), "j", "GET", WITH_TOKEN.uri(), NOW.getEpochSecond(), DpopPolicy.ath(TOKEN), null),
                WITH_TOKEN, null);
        assertFalse(DpopPolicy.sameUrl("https://as.example/oauth2/Token", URI), "the path's case matters");
        assertTrue(DpopPolicy.sameUrl("https://as.example:443/oauth2/token", URI));
        DpopPolicy.checkBinding(null, null);
        DpopPolicy.checkBinding("jkt-1", "jkt-1");
        assertEquals(NOW.plusSeconds(60), DpopPolicy.rememberUntil(valid(), Duration.ofSeconds(60)));
        // RFC 9449 §6.1 example: the ath of a token
        assertEquals("fUHyO2r2Z3DZ53EsNrWBb0xWXoaNy59IiKCAqksmQEo", DpopPolicy.ath("Kz~8mXK1EalYznwH-LC-1fBAo.4Ljp~zsPE_NeO.gxU"));
    }

    @Test
    void onlyPublicClientsRefreshTokensAreBound() {
        assertEquals("jkt", DpopPolicy.refreshBinding(TestClients.publicClient().build(), "jkt"));
        assertNull(DpopPolicy.refreshBinding(TestClients.confidential().build(), "jkt"));
    }
}
