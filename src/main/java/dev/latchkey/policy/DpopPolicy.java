package dev.latchkey.policy;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The checks of a DPoP proof's claims (RFC 9449 §4.3 steps 8 to 12) and of a key binding, in order; the first
 * failure wins. Whether the jti was seen before is the replay store's answer, asked after these pass.
 */
public final class DpopPolicy {
    /** The proof algorithms accepted and advertised ({@code dpop_signing_alg_values_supported}). */
    public static final List<String> ALGORITHMS = List.of("ES256", "ES384", "ES512", "RS256", "PS256");
    /** Longer jti values are refused: they are remembered, and 256 bits of randomness fit in 64 characters. */
    static final int MAX_JTI = 256;

    private DpopPolicy() {
    }

    /** What a proof must match: this request's method and URL, the time, the access token presented. */
    public record Target(String method, String uri, Instant now, Duration window, String accessToken) {
    }

    /**
     * @param nonces the nonces accepted now, or null when the server asks for none
     * @throws Refusal naming the first claim that fails
     */
    public static void check(DpopProof proof, Target target, Set<String> nonces) {
        if (proof.jti() == null || proof.jti().isEmpty() || proof.jti().length() > MAX_JTI) {
            throw new Refusal(DpopReason.PROOF_CLAIM_MISSING, "jti (a string of 1 to " + MAX_JTI + " characters)");
        }
        if (proof.htm() == null || proof.htu() == null || proof.iat() == null) {
            throw new Refusal(DpopReason.PROOF_CLAIM_MISSING, proof.htm() == null ? "htm"
                    : proof.htu() == null ? "htu" : "iat (a number)");
        }
        if (!proof.htm().equals(target.method())) {
            throw new Refusal(DpopReason.PROOF_HTM, "expected " + target.method());
        }
        if (!sameUrl(proof.htu(), target.uri())) {
            throw new Refusal(DpopReason.PROOF_HTU, "expected " + target.uri());
        }
        long now = target.now().getEpochSecond();
        long window = target.window().getSeconds();
        // compared without subtracting the iat: a huge or hugely negative one must not wrap around into the window
        if (proof.iat() < now - window || proof.iat() > now + window) {
            throw new Refusal(DpopReason.PROOF_IAT, target.window().getSeconds() + " seconds either way");
        }
        if (target.accessToken() != null && !ath(target.accessToken()).equals(proof.ath())) {
            throw new Refusal(DpopReason.PROOF_ATH);
        }
        if (nonces != null && (proof.nonce() == null || !nonces.contains(proof.nonce()))) {
            throw new Refusal(DpopReason.PROOF_NONCE);
        }
    }

    /** How long the proof must be remembered: until its iat leaves the window. */
    public static Instant rememberUntil(DpopProof proof, Duration window) {
        return Instant.ofEpochSecond(proof.iat()).plus(window);
    }

    /** RFC 9449 §5: a token bound to a key ({@code bound} not null) is used only with a proof by that key. */
    public static void checkBinding(String bound, String proofJkt) {
        if (bound != null && !bound.equals(proofJkt)) {
            throw new Refusal(DpopReason.KEY_NOT_BOUND);
        }
    }

    /**
     * RFC 9449 §5: what a grant's refresh tokens are bound to. A public client's, to the key of the proof; a
     * confidential client's to nothing, as they are already bound to the client's own authentication.
     */
    public static String refreshBinding(ClientView client, String proofJkt) {
        return client.isConfidential() ? null : proofJkt;
    }

    /** RFC 9449 §4.2: the base64url SHA-256 of the access token's ASCII. */
    public static String ath(String accessToken) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(Hashes.sha256(accessToken));
    }

    /**
     * RFC 9449 §4.3 step 9: the URLs are compared without query and fragment, after RFC 3986 §6.2.2 and §6.2.3
     * normalisation (case of scheme and host, default port, empty path).
     */
    static boolean sameUrl(String htu, String expected) {
        String a = normalised(htu);
        return a != null && a.equals(normalised(expected));
    }

    private static String normalised(String value) {
        try {
            URI uri = new URI(value);
            if (uri.getScheme() == null || uri.getRawAuthority() == null || uri.getHost() == null) {
                return null;
            }
            String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
            int port = uri.getPort();
            if (port == ("https".equals(scheme) ? 443 : "http".equals(scheme) ? 80 : -2)) {
                port = -1;
            }
            String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
            return scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + (port == -1 ? "" : ":" + port)
                    + path;
        } catch (URISyntaxException e) {
            return null;
        }
    }
}
