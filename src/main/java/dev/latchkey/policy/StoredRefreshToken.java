package dev.latchkey.policy;

import java.time.Instant;
import java.util.UUID;

/** A refresh token as stored, with its grant; {@code rotatedNow} says whether this request rotated it. */
public record StoredRefreshToken(UUID familyId, String clientId, UUID userId, String scopes, Instant expiresAt,
                                 boolean rotatedBefore, boolean familyRevoked, boolean rotatedNow) {
}
