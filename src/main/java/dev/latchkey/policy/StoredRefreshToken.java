package dev.latchkey.policy;

import java.time.Instant;
import java.util.UUID;

/**
 * A refresh token as stored, with its grant, and what this request's rotation did with it.
 *
 * @param openId    the user and their login, when this request rotated the token; else null
 * @param resources the grant's resources (RFC 8707), space-separated; null for none
 * @param dpopJkt   the DPoP key the grant's refresh tokens are bound to (RFC 9449 §5), or null
 */
public record StoredRefreshToken(UUID familyId, String clientId, UUID userId, String scopes, Instant expiresAt,
                                 boolean familyRevoked, Consumption consumption, OpenIdSubject openId,
                                 String resources, String dpopJkt) {
}
