package dev.latchkey.flow.grant;

import dev.latchkey.policy.OpenIdSubject;

/**
 * What a grant issued (RFC 6749 §5.1), and whom it is about, for the response, its contributors and the
 * audit trail.
 *
 * @param scope        the access token's scopes
 * @param refreshToken null when none is issued
 * @param subject      the user, or the client itself for a client's own token
 * @param grantId      the grant family the tokens belong to, or null when nothing is stored
 * @param openId       the user and their login, for an id_token; null for a client's own token
 * @param grantedScope the scopes granted for this response, which the access token's may narrow to what its
 *                     resources accept (RFC 8707): what an id_token is about
 */
public record IssuedTokens(String accessToken, long expiresIn, String scope, String refreshToken, String subject,
                           String grantId, OpenIdSubject openId, String grantedScope) {
}
