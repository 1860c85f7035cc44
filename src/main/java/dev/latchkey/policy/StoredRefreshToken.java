package dev.latchkey.policy;

import java.time.Instant;
import java.util.UUID;

/** A refresh token as stored, with its grant, and what this request's rotation did with it. */
public record StoredRefreshToken(UUID familyId, String clientId, UUID userId, String scopes, Instant expiresAt,
                                 boolean familyRevoked, Consumption consumption) {
}
