package dev.latchkey.config;

import java.util.Base64;
import java.util.Optional;

/** The setting {@code LATCHKEY_KEY_ENCRYPTION_KEY}: base64 of exactly 32 random bytes (an AES-256 key). */
public final class KeyEncryptionKey {
    private KeyEncryptionKey() {
    }

    /** The 32 key bytes, or empty when {@code encoded} is not base64 of exactly 32 bytes. */
    public static Optional<byte[]> decode(String encoded) {
        try {
            byte[] bytes = Base64.getDecoder().decode(encoded.trim());
            return bytes.length == 32 ? Optional.of(bytes) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
