package dev.latchkey.policy;

import java.time.Instant;
import java.util.UUID;

/**
 * A refresh token as stored, with its grant, and what this request's rotation did with it.
 *
 * @param openId the user and their login, when this request rotated the token; else null
 */
public record StoredRefreshToken(UUID familyId, String clientId, UUID userId, String scopes, Instant expiresAt,
                                 boolean familyRevoked, Consumption consumption, OpenIdSubject openId) {
}
