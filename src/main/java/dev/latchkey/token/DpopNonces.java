package dev.latchkey.token;

import dev.latchkey.config.LatchkeyConfig;
import jakarta.inject.Singleton;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;

/**
 * DPoP server nonces (RFC 9449 §8), the same on every instance without storing any: a nonce is the number of a
 * time slot (half the nonce lifetime long) with its HMAC under a key derived from the key-encryption key. The
 * current slot's and the previous one's are accepted, so a nonce lives between half and all of the lifetime.
 */
@Singleton
public class DpopNonces {
    private static final int MAC_BYTES = 16;

    private final boolean enabled;
    private final long slotSeconds;
    private final SecretKeySpec key;
    private final Clock clock;

    public DpopNonces(LatchkeyConfig config, KeyEncryption keys, Clock clock) {
        this.enabled = config.dpop().nonce();
        this.slotSeconds = Math.max(1, config.dpop().nonceLifetime().getSeconds() / 2);
        this.key = new SecretKeySpec(keys.derive("latchkey dpop nonce"), "HmacSHA256");
        this.clock = clock;
    }

    /** The nonce to hand out now, or empty when the server asks for none. */
    public Optional<String> current() {
        return enabled ? Optional.of(nonce(slot())) : Optional.empty();
    }

    /** The nonces a proof may carry now, or null when the server asks for none. */
    public Set<String> accepted() {
        if (!enabled) {
            return null;
        }
        long slot = slot();
        return Set.of(nonce(slot), nonce(slot - 1));
    }

    private long slot() {
        return clock.instant().getEpochSecond() / slotSeconds;
    }

    private String nonce(long slot) {
        try {
            byte[] number = ByteBuffer.allocate(Long.BYTES).putLong(slot).array();
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            byte[] tag = Arrays.copyOf(mac.doFinal(number), MAC_BYTES);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(ByteBuffer.allocate(number.length + MAC_BYTES)
                    .put(number).put(tag).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is part of every JDK", e);
        }
    }
}
