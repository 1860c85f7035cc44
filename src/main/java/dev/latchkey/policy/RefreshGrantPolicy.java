package dev.latchkey.policy;

import java.time.Instant;
import java.util.Set;

/** The refresh_token grant's checks (RFC 6749 §6), in order; the first failure wins. */
public final class RefreshGrantPolicy {
    public static final String GRANT_TYPE = "refresh_token";
    public static final Set<String> PARAMETERS = Set.of("refresh_token");
    public static final GrantRule RULE = new GrantRule(GRANT_TYPE, false, CodeGrantPolicy.GRANT_TYPE,
            "or another grant a user approves: only those issue refresh tokens", false);

    private RefreshGrantPolicy() {
    }

    /** What can be judged before the refresh token is looked up: returns the requested scopes or null. */
    public static Set<String> requested(TokenRequest request) {
        if (request.get("refresh_token") == null) {
            throw new Refusal(RefreshGrantReason.REFRESH_TOKEN_MISSING);
        }
        return TokenPolicy.requestedScopes(request);
    }

    /**
     * @param stored the token's row, or null when no refresh token has that hash
     * @return the scopes of the new access token: the grant's, or the narrower ones asked for
     */
    public static Set<String> check(Set<String> requested, ClientView client, StoredRefreshToken stored, Instant now) {
        if (stored == null) {
            throw new Refusal(RefreshGrantReason.REFRESH_TOKEN_UNKNOWN);
        }
        // another client's token first: whether it was used, and its grant, are none of this client's business
        if (!stored.clientId().equals(client.clientId())) {
            throw new Refusal(RefreshGrantReason.REFRESH_TOKEN_OTHER_CLIENT);
        }
        if (stored.consumption() == Consumption.USED_BEFORE) {
            throw new Refusal(RefreshGrantReason.REFRESH_TOKEN_REUSED);
        }
        if (stored.familyRevoked()) {
            throw new Refusal(RefreshGrantReason.REFRESH_TOKEN_REVOKED);
        }
        if (!now.isBefore(stored.expiresAt()) || stored.consumption() != Consumption.CONSUMED_NOW) {
            throw new Refusal(RefreshGrantReason.REFRESH_TOKEN_EXPIRED);
        }
        Set<String> granted = Scopes.parse(stored.scopes()).orElseThrow();
        if (requested == null) {
            return granted;
        }
        for (String scope : requested) {
            if (!granted.contains(scope)) {
                throw new Refusal(RefreshGrantReason.TOKEN_SCOPE_BROADER, Quote.of(scope));
            }
        }
        return requested;
    }
}
