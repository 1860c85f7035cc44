package dev.latchkey.policy;

import static dev.latchkey.policy.ErrorProfile.INVALID_REQUEST;
import static dev.latchkey.policy.ErrorProfile.INVALID_TOKEN_SCOPE;

/**
 * The token exchange grant's reasons (RFC 8693 §2), in the order it checks them. A subject or actor token that
 * is not acceptable is {@code invalid_request} in both profiles: RFC 8693 §2.2.2 names that code for it.
 */
public enum TokenExchangeReason implements TokenEndpointReason {
    SUBJECT_TOKEN_MISSING(INVALID_REQUEST, "subject_token is missing"),
    SUBJECT_TOKEN_TYPE_UNSUPPORTED(INVALID_REQUEST, "subject_token_type must be "
            + TokenExchangePolicy.ACCESS_TOKEN_TYPE),
    ACTOR_TOKEN_TYPE_MISSING(INVALID_REQUEST, "actor_token_type is missing; it is required with actor_token"),
    ACTOR_TOKEN_MISSING(INVALID_REQUEST, "actor_token_type was sent without actor_token"),
    ACTOR_TOKEN_TYPE_UNSUPPORTED(INVALID_REQUEST, "actor_token_type must be " + TokenExchangePolicy.ACCESS_TOKEN_TYPE),
    REQUESTED_TOKEN_TYPE_UNSUPPORTED(INVALID_REQUEST, "requested_token_type must be "
            + TokenExchangePolicy.ACCESS_TOKEN_TYPE + ", the only type issued"),
    SUBJECT_TOKEN_INVALID(INVALID_REQUEST, "subject_token is not an access token this server issued"),
    SUBJECT_TOKEN_EXPIRED(INVALID_REQUEST, "subject_token has expired"),
    SUBJECT_TOKEN_REVOKED(INVALID_REQUEST, "subject_token was revoked"),
    ACTOR_TOKEN_INVALID(INVALID_REQUEST, "actor_token is not an access token this server issued"),
    ACTOR_TOKEN_EXPIRED(INVALID_REQUEST, "actor_token has expired"),
    ACTOR_TOKEN_REVOKED(INVALID_REQUEST, "actor_token was revoked"),
    TOKEN_SCOPE_BROADER(INVALID_TOKEN_SCOPE, "scope asks for more than the subject_token holds"),
    TOKEN_SCOPE_NOT_ALLOWED(INVALID_TOKEN_SCOPE, "scope names a scope this client may not use"),
    TOKEN_SCOPE_NONE(INVALID_TOKEN_SCOPE, "the subject_token holds no scope this client may use");

    private final ErrorProfile.Mapping mapping;
    private final String description;

    TokenExchangeReason(ErrorProfile.Mapping mapping, String description) {
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
