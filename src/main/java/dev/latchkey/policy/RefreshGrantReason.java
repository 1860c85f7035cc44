package dev.latchkey.policy;

import static dev.latchkey.policy.ErrorProfile.INVALID_GRANT;
import static dev.latchkey.policy.ErrorProfile.INVALID_REQUEST;
import static dev.latchkey.policy.ErrorProfile.INVALID_TOKEN_SCOPE;

/** The refresh_token grant's reasons (RFC 6749 §6), in the order it checks them. */
public enum RefreshGrantReason implements TokenEndpointReason {
    REFRESH_TOKEN_MISSING(INVALID_REQUEST, "refresh_token is missing"),
    REFRESH_TOKEN_UNKNOWN(INVALID_GRANT, "refresh_token is not valid"),
    REFRESH_TOKEN_OTHER_CLIENT(INVALID_GRANT, "refresh_token was issued to another client"),
    REFRESH_TOKEN_REUSED(INVALID_GRANT, "refresh_token was already used; every token of its grant is revoked"),
    REFRESH_TOKEN_REVOKED(INVALID_GRANT, "refresh_token was revoked"),
    REFRESH_TOKEN_EXPIRED(INVALID_GRANT, "refresh_token has expired"),
    TOKEN_SCOPE_BROADER(INVALID_TOKEN_SCOPE, "scope asks for more than the grant holds");

    private final ErrorProfile.Mapping mapping;
    private final String description;

    RefreshGrantReason(ErrorProfile.Mapping mapping, String description) {
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
