package dev.latchkey.policy;

import java.time.Instant;
import java.util.Set;

/** The authorization_code grant's checks (RFC 6749 §4.1.3, RFC 7636 §4.6), in order; the first failure wins. */
public final class CodeGrantPolicy {
    public static final String GRANT_TYPE = "authorization_code";
    public static final Set<String> PARAMETERS = Set.of("code", "redirect_uri", "code_verifier");
    public static final GrantRule RULE = new GrantRule(GRANT_TYPE, false, null, null, true);

    private CodeGrantPolicy() {
    }

    /** What can be judged before the code is looked up; returns the code. */
    public static String code(TokenRequest request) {
        String code = request.get("code");
        if (code == null) {
            throw new Refusal(CodeGrantReason.CODE_MISSING);
        }
        String verifier = request.get("code_verifier");
        if (verifier != null && !Pkce.isWellFormedVerifier(verifier)) {
            throw new Refusal(CodeGrantReason.PKCE_VERIFIER_MALFORMED);
        }
        return code;
    }

    /**
     * The checks on the code as the store's redemption left it.
     *
     * @param stored the code's row, or null when no code has that hash
     */
    public static void check(TokenRequest request, ClientView client, StoredCode stored, Instant now) {
        if (stored == null) {
            throw new Refusal(CodeGrantReason.CODE_UNKNOWN);
        }
        // another client's code first: whether it was used, and its grant, are none of this client's business
        if (!stored.clientId().equals(client.clientId())) {
            throw new Refusal(CodeGrantReason.CODE_OTHER_CLIENT);
        }
        if (stored.consumption() == Consumption.USED_BEFORE) {
            throw new Refusal(CodeGrantReason.CODE_REUSED);
        }
        if (!now.isBefore(stored.expiresAt())) {
            throw new Refusal(CodeGrantReason.CODE_EXPIRED);
        }
        // §4.1.3: identical to the authorization request's redirect_uri when that one had it
        if (stored.redirectUri() != null && !stored.redirectUri().equals(request.get("redirect_uri"))) {
            throw new Refusal(CodeGrantReason.REDIRECT_URI_MISMATCH);
        }
        String verifier = request.get("code_verifier");
        if (stored.codeChallenge() == null) {
            // RFC 9700 §4.8.2: a verifier for a code issued without a challenge is a downgrade attempt
            if (verifier != null) {
                throw new Refusal(CodeGrantReason.PKCE_VERIFIER_UNEXPECTED);
            }
        } else if (verifier == null) {
            throw new Refusal(CodeGrantReason.PKCE_VERIFIER_MISSING);
        } else if (!Pkce.verifies(verifier, stored.codeChallenge())) {
            throw new Refusal(CodeGrantReason.PKCE_VERIFIER_MISMATCH);
        }
        if (stored.consumption() != Consumption.CONSUMED_NOW) {
            // unconsumed yet not redeemable by this request: judged at the instant of expiry
            throw new Refusal(CodeGrantReason.CODE_EXPIRED);
        }
    }
}
