package dev.latchkey.token;

import jakarta.inject.Singleton;

import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The signing keys in memory, decrypted once per load: one active private key per algorithm signs (ES256 for
 * access tokens by default, RS256 for id_tokens by default), every published public key verifies and appears
 * in the JWKS. Replaced as a whole (one volatile write) when the keys are re-read, so a request never sees
 * half a rotation.
 */
@Singleton
public class KeyRing {

    public record ActiveKey(String kid, String algorithm, PrivateKey privateKey) {
    }

    public record PublishedKey(String kid, String algorithm, PublicKey publicKey, String jwkJson) {
    }

    private record State(ActiveKey primary, Map<String, ActiveKey> active, Map<String, PublishedKey> published,
                         String jwks) {
    }

    private volatile State state;

    /** @param primary the algorithm access tokens are signed with */
    public void replace(String primary, List<ActiveKey> active, List<PublishedKey> published) {
        String jwks = published.stream().map(PublishedKey::jwkJson)
                .collect(Collectors.joining(",", "{\"keys\":[", "]}"));
        Map<String, ActiveKey> byAlgorithm = active.stream()
                .collect(Collectors.toUnmodifiableMap(ActiveKey::algorithm, Function.identity()));
        this.state = new State(byAlgorithm.get(primary), byAlgorithm, published.stream()
                .collect(Collectors.toUnmodifiableMap(PublishedKey::kid, Function.identity())), jwks);
    }

    /** The key access tokens are signed with. */
    public ActiveKey active() {
        State s = state;
        if (s == null || s.primary() == null) {
            throw new IllegalStateException("signing keys are not loaded yet");
        }
        return s.primary();
    }

    /** The active key of {@code algorithm} (ES256 or RS256). */
    public ActiveKey active(String algorithm) {
        State s = state;
        ActiveKey key = s == null ? null : s.active().get(algorithm);
        if (key == null) {
            throw new IllegalStateException("no active " + algorithm + " signing key is loaded");
        }
        return key;
    }

    public ActiveKey activeOrNull() {
        State s = state;
        return s == null ? null : s.primary();
    }

    /** The active key of {@code algorithm} when loaded, else null (a reload decrypts only what changed). */
    public ActiveKey activeOrNull(String algorithm) {
        State s = state;
        return s == null ? null : s.active().get(algorithm);
    }

    public Optional<PublishedKey> published(String kid) {
        State s = state;
        return s == null || kid == null ? Optional.empty() : Optional.ofNullable(s.published().get(kid));
    }

    /** The JWK Set document (RFC 7517 §5), prebuilt. */
    public String jwks() {
        State s = state;
        return s == null ? "{\"keys\":[]}" : s.jwks();
    }
}
