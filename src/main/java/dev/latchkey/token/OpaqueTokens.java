package dev.latchkey.token;

import dev.latchkey.policy.Hashes;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

/**
 * Random opaque values (client ids and secrets, authorization codes, refresh tokens) and their
 * storage hashes. Every value carries 256 random bits, so a plain SHA-256 is a safe storage hash:
 * nothing can be guessed from it, and no slow hash is needed on the hot paths.
 */
public final class OpaqueTokens {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

    private OpaqueTokens() {
    }

    /** 256 random bits, base64url without padding (43 characters). */
    public static String newToken() {
        return random(32);
    }

    /** 128 random bits (22 characters): enough for an identifier that is not a secret. */
    public static String newId() {
        return random(16);
    }

    /**
     * A grant's id: a UUID of version 7 (RFC 9562 §5.7), its first 48 bits the time in milliseconds, the other 74
     * random. Grants started together sort together, so the primary key and the refresh tokens' index on it are
     * appended to at their right edge instead of touched at a random page each (less index and WAL work per grant).
     */
    public static UUID newGrantId(Instant now) {
        long random = RANDOM.nextLong();
        long high = (now.toEpochMilli() << 16) | 0x7000L | ((random >>> 52) & 0x0fffL);
        long low = (RANDOM.nextLong() & 0x3fffffffffffffffL) | 0x8000000000000000L;
        return new UUID(high, low);
    }

    private static String random(int bytes) {
        byte[] value = new byte[bytes];
        RANDOM.nextBytes(value);
        return ENCODER.encodeToString(value);
    }

    public static byte[] hash(String value) {
        return Hashes.sha256(value);
    }

    /** Constant-time comparison of a presented value against a stored hash. */
    public static boolean matches(byte[] storedHash, String presented) {
        return Hashes.matches(storedHash, presented);
    }
}
