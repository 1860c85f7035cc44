package dev.latchkey.policy;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.IntUnaryOperator;

/**
 * The device authorization grant (RFC 8628): what a device may ask for, the user code people type, and what
 * each poll of the token endpoint is told.
 */
public final class DevicePolicy {
    public static final String GRANT_TYPE = "urn:ietf:params:oauth:grant-type:device_code";
    public static final Set<String> PARAMETERS = Set.of("device_code");
    /** TVs and command lines cannot keep a secret: public clients may use it. */
    public static final GrantRule RULE = new GrantRule(GRANT_TYPE, false, null, null, false, true);
    /** RFC 8628 §6.1: consonants only, none that reads as another (no vowels: no words either). */
    public static final String ALPHABET = "BCDFGHJKLMNPQRSTVWXZ";
    public static final int USER_CODE_LENGTH = 8;
    /** RFC 8628 §3.5: how much longer to wait after a {@code slow_down}. */
    public static final int SLOW_DOWN_SECONDS = 5;

    /** A stored device authorization as a poll finds it. */
    public record Stored(String clientId, Instant expiresAt, int intervalSeconds, Instant polledAt, Status status,
                         UUID userId) {
    }

    public enum Status { PENDING, APPROVED, DENIED }

    /** What a poll does to the stored authorization besides its answer. */
    public enum Effect {
        /** Tokens are issued and the authorization consumed. */
        ISSUE,
        /** Still waiting: note the time of this poll. */
        NOTE_POLL,
        /** Polled too soon: note it, and make the interval longer. */
        SLOW_DOWN,
        /** Over (declined or expired): the authorization is removed, later polls find nothing. */
        REMOVE,
        NOTHING
    }

    /** The poll's effect, and the refusal to answer with (null when tokens are issued). */
    public record Poll(Effect effect, Refusal refusal) {
    }

    private DevicePolicy() {
    }

    /** The scopes a device authorization request may have: those asked for and allowed, or the defaults. */
    public static Set<String> authorize(TokenRequest request, ClientView client) {
        if (!client.allows(GRANT_TYPE)) {
            throw new Refusal(DeviceReason.DEVICE_GRANT_NOT_ENABLED);
        }
        if (request.params().has(ResourcePolicy.PARAMETER)) {
            throw new Refusal(DeviceReason.DEVICE_RESOURCE_UNSUPPORTED);
        }
        Set<String> requested = TokenPolicy.requestedScopes(request);
        if (requested == null) {
            if (client.defaultScopes().isEmpty()) {
                throw new Refusal(DeviceReason.DEVICE_SCOPE_NONE);
            }
            return new LinkedHashSet<>(client.defaultScopes());
        }
        for (String scope : requested) {
            if (!client.allowedScopes().contains(scope)) {
                throw new Refusal(DeviceReason.DEVICE_SCOPE_NOT_ALLOWED, Quote.of(scope));
            }
        }
        return requested;
    }

    /** The device code a poll presents. */
    public static String deviceCode(TokenRequest request) {
        String code = request.get("device_code");
        if (code == null) {
            throw new Refusal(DeviceReason.DEVICE_CODE_MISSING);
        }
        return code;
    }

    /**
     * A user code: 8 characters of {@link #ALPHABET} (about 34 bits), without the dash it is shown with.
     *
     * @param random draws an index below its argument (the caller's secure random source)
     */
    public static String userCode(IntUnaryOperator random) {
        StringBuilder code = new StringBuilder(USER_CODE_LENGTH);
        for (int i = 0; i < USER_CODE_LENGTH; i++) {
            code.append(ALPHABET.charAt(random.applyAsInt(ALPHABET.length())));
        }
        return code.toString();
    }

    /** How people read it: two groups of four. */
    public static String display(String userCode) {
        return userCode.substring(0, 4) + "-" + userCode.substring(4);
    }

    /**
     * What a person typed, as a user code: any case, with or without the dash or spaces; empty when it cannot be
     * one (wrong length, a letter outside the alphabet).
     */
    public static Optional<String> normalize(String typed) {
        if (typed == null) {
            return Optional.empty();
        }
        String code = typed.replaceAll("[\\s-]", "").toUpperCase(Locale.ROOT);
        if (code.length() != USER_CODE_LENGTH || code.chars().anyMatch(c -> ALPHABET.indexOf(c) < 0)) {
            return Optional.empty();
        }
        return Optional.of(code);
    }

    /**
     * A poll of the token endpoint (RFC 8628 §3.4, §3.5): the code must be this client's and live; then the
     * user's answer decides, and a device that polls faster than the interval is told to slow down.
     *
     * @param stored the authorization the device code names, or null when none does
     */
    public static Poll poll(Stored stored, ClientView client, Instant now) {
        if (stored == null) {
            return new Poll(Effect.NOTHING, new Refusal(DeviceReason.DEVICE_CODE_UNKNOWN));
        }
        if (!stored.clientId().equals(client.clientId())) {
            return new Poll(Effect.NOTHING, new Refusal(DeviceReason.DEVICE_CODE_OTHER_CLIENT));
        }
        if (!now.isBefore(stored.expiresAt())) {
            return new Poll(Effect.REMOVE, new Refusal(DeviceReason.DEVICE_CODE_EXPIRED));
        }
        return switch (stored.status()) {
            case APPROVED -> new Poll(Effect.ISSUE, null);
            case DENIED -> new Poll(Effect.REMOVE, new Refusal(DeviceReason.DEVICE_DENIED));
            case PENDING -> stored.polledAt() != null
                    && now.isBefore(stored.polledAt().plus(Duration.ofSeconds(stored.intervalSeconds())))
                    ? new Poll(Effect.SLOW_DOWN, new Refusal(DeviceReason.DEVICE_SLOW_DOWN))
                    : new Poll(Effect.NOTE_POLL, new Refusal(DeviceReason.DEVICE_PENDING));
        };
    }
}
