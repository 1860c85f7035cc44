package dev.latchkey.policy;

import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Set;

/** The token endpoint's checks after client authentication (RFC 6749 §4.1.3, §4.4, §6; RFC 7636 §4.6). */
public final class TokenPolicy {
    private TokenPolicy() {
    }

    public static GrantType grantType(TokenRequest request, ClientView client) {
        String name = request.get("grant_type");
        if (name == null) {
            throw new Refusal(Reason.GRANT_TYPE_MISSING);
        }
        GrantType grant = GrantType.fromWire(name)
                .orElseThrow(() -> new Refusal(Reason.GRANT_TYPE_UNSUPPORTED, Quote.of(name)));
        if (!client.allows(grant)) {
            throw new Refusal(Reason.GRANT_TYPE_NOT_ALLOWED, grant.wireName());
        }
        return grant;
    }

    /** What can be judged before the code is looked up. */
    public static String code(TokenRequest request) {
        String code = request.get("code");
        if (code == null) {
            throw new Refusal(Reason.CODE_MISSING);
        }
        String verifier = request.get("code_verifier");
        if (verifier != null && !Pkce.isWellFormedVerifier(verifier)) {
            throw new Refusal(Reason.PKCE_VERIFIER_MALFORMED);
        }
        return code;
    }

    /**
     * The checks on a code this request consumed, or the reason it could not be consumed.
     *
     * @param stored the code's row, or null when no code has that hash
     */
    public static void checkCode(TokenRequest request, ClientView client, StoredCode stored, Instant now) {
        if (stored == null) {
            throw new Refusal(Reason.CODE_UNKNOWN);
        }
        if (stored.consumedBefore()) {
            throw new Refusal(Reason.CODE_REUSED);
        }
        if (!stored.clientId().equals(client.clientId())) {
            throw new Refusal(Reason.CODE_OTHER_CLIENT);
        }
        if (!now.isBefore(stored.expiresAt())) {
            throw new Refusal(Reason.CODE_EXPIRED);
        }
        // §4.1.3: identical to the authorization request's redirect_uri when that one had it
        if (stored.redirectUri() != null && !stored.redirectUri().equals(request.get("redirect_uri"))) {
            throw new Refusal(Reason.REDIRECT_URI_MISMATCH);
        }
        String verifier = request.get("code_verifier");
        if (stored.codeChallenge() == null) {
            // RFC 9700 §4.8.2: a verifier for a code issued without a challenge is a downgrade attempt
            if (verifier != null) {
                throw new Refusal(Reason.PKCE_VERIFIER_UNEXPECTED);
            }
        } else if (verifier == null) {
            throw new Refusal(Reason.PKCE_VERIFIER_MISSING);
        } else if (!Pkce.verifies(verifier, stored.codeChallenge())) {
            throw new Refusal(Reason.PKCE_VERIFIER_MISMATCH);
        }
        if (!stored.consumedNow()) {
            // unconsumed yet not redeemable by this request: judged at the instant of expiry
            throw new Refusal(Reason.CODE_EXPIRED);
        }
    }

    /** What can be judged before the refresh token is looked up: returns the requested scopes or null. */
    public static Set<String> refresh(TokenRequest request) {
        if (request.get("refresh_token") == null) {
            throw new Refusal(Reason.REFRESH_TOKEN_MISSING);
        }
        return requestedScopes(request);
    }

    /**
     * @param stored the token's row, or null when no refresh token has that hash
     * @return the scopes of the new access token: the grant's, or the narrower ones asked for
     */
    public static Set<String> checkRefresh(Set<String> requested, ClientView client, StoredRefreshToken stored,
                                           Instant now) {
        if (stored == null) {
            throw new Refusal(Reason.REFRESH_TOKEN_UNKNOWN);
        }
        if (stored.rotatedBefore()) {
            throw new Refusal(Reason.REFRESH_TOKEN_REUSED);
        }
        if (!stored.clientId().equals(client.clientId())) {
            throw new Refusal(Reason.REFRESH_TOKEN_OTHER_CLIENT);
        }
        if (stored.familyRevoked()) {
            throw new Refusal(Reason.REFRESH_TOKEN_REVOKED);
        }
        if (!now.isBefore(stored.expiresAt())) {
            throw new Refusal(Reason.REFRESH_TOKEN_EXPIRED);
        }
        if (!stored.rotatedNow()) {
            throw new Refusal(Reason.REFRESH_TOKEN_EXPIRED);
        }
        Set<String> granted = Scopes.parse(stored.scopes()).orElseThrow();
        if (requested == null) {
            return granted;
        }
        for (String scope : requested) {
            if (!granted.contains(scope)) {
                throw new Refusal(Reason.TOKEN_SCOPE_BROADER, Quote.of(scope));
            }
        }
        return requested;
    }

    /** §4.4: the client's own scopes only; its defaults when none are asked. */
    public static Set<String> clientCredentialsScopes(TokenRequest request, ClientView client) {
        Set<String> requested = requestedScopes(request);
        if (requested == null) {
            if (client.defaultScopes().isEmpty()) {
                throw new Refusal(Reason.TOKEN_SCOPE_NONE);
            }
            return new LinkedHashSet<>(client.defaultScopes());
        }
        for (String scope : requested) {
            if (!client.allowedScopes().contains(scope)) {
                throw new Refusal(Reason.TOKEN_SCOPE_NOT_ALLOWED, Quote.of(scope));
            }
        }
        return requested;
    }

    private static Set<String> requestedScopes(TokenRequest request) {
        String scope = request.get("scope");
        if (scope == null) {
            return null;
        }
        return Scopes.parse(scope).orElseThrow(() -> new Refusal(Reason.TOKEN_SCOPE_MALFORMED));
    }
}
