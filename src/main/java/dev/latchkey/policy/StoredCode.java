package dev.latchkey.policy;

import java.time.Instant;
import java.util.UUID;

/**
 * An authorization code as stored, and what this request's redemption did with it.
 *
 * @param openId    the user and the login, when this request consumed the code; else null
 * @param resources the resources the authorization request named (RFC 8707), space-separated; null for none
 */
public record StoredCode(String clientId, UUID userId, String redirectUri, String scopes, String codeChallenge,
                         Instant expiresAt, Consumption consumption, OpenIdSubject openId, String resources) {
}
