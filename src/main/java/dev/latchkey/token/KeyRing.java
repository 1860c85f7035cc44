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
 * The signing keys in memory, decrypted once per load: the active private key signs, every published
 * public key verifies and appears in the JWKS. Replaced as a whole (one volatile write) when the keys
 * are re-read, so a request never sees half a rotation.
 */
@Singleton
public class KeyRing {

    public record ActiveKey(String kid, String algorithm, PrivateKey privateKey) {
    }

    public record PublishedKey(String kid, String algorithm, PublicKey publicKey, String jwkJson) {
    }

    private record State(ActiveKey active, Map<String, PublishedKey> published, String jwks) {
    }

    private volatile State state;

    public void replace(ActiveKey active, List<PublishedKey> published) {
        String jwks = published.stream().map(PublishedKey::jwkJson)
                .collect(Collectors.joining(",", "{\"keys\":[", "]}"));
        this.state = new State(active, published.stream()
                .collect(Collectors.toUnmodifiableMap(PublishedKey::kid, Function.identity())), jwks);
    }

    public ActiveKey active() {
        State s = state;
        if (s == null) {
            throw new IllegalStateException("signing keys are not loaded yet");
        }
        return s.active();
    }

    public ActiveKey activeOrNull() {
        State s = state;
        return s == null ? null : s.active();
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
