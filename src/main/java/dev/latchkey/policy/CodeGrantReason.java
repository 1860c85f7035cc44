package dev.latchkey.policy;

import static dev.latchkey.policy.ErrorProfile.INVALID_GRANT;
import static dev.latchkey.policy.ErrorProfile.INVALID_REQUEST;

/** The authorization_code grant's reasons (RFC 6749 §4.1.3, RFC 7636 §4.6), in the order it checks them. */
public enum CodeGrantReason implements TokenEndpointReason {
    CODE_MISSING(INVALID_REQUEST, "code is missing"),
    PKCE_VERIFIER_MALFORMED(INVALID_REQUEST, "code_verifier must be 43 to 128 characters of A-Z a-z 0-9 - . _ ~"),
    CODE_UNKNOWN(INVALID_GRANT, "code is not valid"),
    CODE_OTHER_CLIENT(INVALID_GRANT, "code was issued to another client"),
    CODE_REUSED(INVALID_GRANT, "code was already used; the tokens issued from it are revoked"),
    CODE_EXPIRED(INVALID_GRANT, "code has expired"),
    REDIRECT_URI_MISMATCH(INVALID_GRANT, "redirect_uri differs from the authorization request"),
    PKCE_VERIFIER_UNEXPECTED(INVALID_GRANT, "code_verifier was sent for a code issued without a code_challenge"),
    PKCE_VERIFIER_MISSING(INVALID_GRANT, "code_verifier is missing (the code was issued with a code_challenge)"),
    PKCE_VERIFIER_MISMATCH(INVALID_GRANT, "code_verifier does not match the code_challenge");

    private final ErrorProfile.Mapping mapping;
    private final String description;

    CodeGrantReason(ErrorProfile.Mapping mapping, String description) {
        this.mapping = mapping;
        this.description = description;
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public ErrorProfile.Mapping mapping() {
        return mapping;
    }
}
