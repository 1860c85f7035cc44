package dev.latchkey.token;

import dev.latchkey.config.KeyEncryptionKey;
import dev.latchkey.config.LatchkeyConfig;
import jakarta.inject.Singleton;

import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;

/**
 * AES-256-GCM under {@code LATCHKEY_KEY_ENCRYPTION_KEY} for private signing keys at rest. The stored form
 * is IV (12 bytes) || ciphertext || tag; the key id is associated data, so a ciphertext moved to another
 * row does not decrypt.
 */
@Singleton
public class KeyEncryption {
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKeySpec key;

    public KeyEncryption(LatchkeyConfig config) {
        String encoded = config.keyEncryptionKey()
                .orElseThrow(() -> new IllegalStateException("LATCHKEY_KEY_ENCRYPTION_KEY is not set"));
        this.key = new SecretKeySpec(KeyEncryptionKey.decode(encoded).orElseThrow(
                () -> new IllegalStateException("LATCHKEY_KEY_ENCRYPTION_KEY must be base64 of 32 bytes")), "AES");
    }

    public byte[] encrypt(byte[] plaintext, String kid) {
        try {
            byte[] iv = new byte[IV_BYTES];
            RANDOM.nextBytes(iv);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(kid.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(plaintext);
            byte[] out = Arrays.copyOf(iv, IV_BYTES + sealed.length);
            System.arraycopy(sealed, 0, out, IV_BYTES, sealed.length);
            return out;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM encryption failed", e);
        }
    }

    /** @throws IllegalStateException when the data was not sealed with this key for this kid */
    public byte[] decrypt(byte[] stored, String kid) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, stored, 0, IV_BYTES));
            cipher.updateAAD(kid.getBytes(StandardCharsets.UTF_8));
            return cipher.doFinal(stored, IV_BYTES, stored.length - IV_BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("signing key " + kid
                    + " does not decrypt: LATCHKEY_KEY_ENCRYPTION_KEY differs from the one it was stored with", e);
        }
    }

    /**
     * A key for another purpose, derived from the same secret (HMAC-SHA256 of the purpose's name), so that every
     * instance holds it without another setting and it opens none of the signing keys.
     */
    public byte[] derive(String purpose) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.getEncoded(), "HmacSHA256"));
            return mac.doFinal(purpose.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is part of every JDK", e);
        }
    }
}
