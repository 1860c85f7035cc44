package dev.latchkey.policy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** SHA-256 and constant-time comparison, for values that carry 256 random bits (secrets, codes, tokens). */
public final class Hashes {
    private Hashes() {
    }

    public static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /** Constant-time: the time taken does not depend on where the values differ. */
    public static boolean matches(byte[] storedHash, String presented) {
        return storedHash != null && presented != null && MessageDigest.isEqual(storedHash, sha256(presented));
    }
}
