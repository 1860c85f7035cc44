package dev.latchkey.token;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

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

    private static String random(int bytes) {
        byte[] value = new byte[bytes];
        RANDOM.nextBytes(value);
        return ENCODER.encodeToString(value);
    }

    public static byte[] hash(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /** Constant-time comparison of a presented value against a stored hash. */
    public static boolean matches(byte[] storedHash, String presented) {
        return storedHash != null && presented != null && MessageDigest.isEqual(storedHash, hash(presented));
    }
}
