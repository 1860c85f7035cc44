package dev.latchkey.policy;

import java.time.Instant;
import java.util.UUID;

/**
 * An authorization code as stored. {@code consumedNow} says whether this request's atomic update
 * consumed it; when false, the other fields tell why not.
 */
public record StoredCode(String clientId, UUID userId, String redirectUri, String scopes, String codeChallenge,
                         Instant expiresAt, boolean consumedBefore, boolean consumedNow) {
}
