package dev.latchkey.policy;

import static dev.latchkey.policy.ErrorProfile.GRANT_TYPE_NOT_ENABLED;
import static dev.latchkey.policy.ErrorProfile.INVALID_CLIENT;
import static dev.latchkey.policy.ErrorProfile.INVALID_REQUEST;
import static dev.latchkey.policy.ErrorProfile.INVALID_TOKEN_SCOPE;
import static dev.latchkey.policy.ErrorProfile.THROTTLED;
import static dev.latchkey.policy.ErrorProfile.TOO_LARGE;
import static dev.latchkey.policy.ErrorProfile.UNSUPPORTED_GRANT_TYPE;

/**
 * What the token, revocation and introspection endpoints check before any grant does: the request
 * itself, client authentication (RFC 6749 §2.3), the grant type, and the scope's form.
 */
public enum TokenReason implements TokenEndpointReason {
    REQUEST_CONTENT_TYPE(INVALID_REQUEST, "the body must be application/x-www-form-urlencoded"),
    REQUEST_MALFORMED(INVALID_REQUEST, "the body is not a valid application/x-www-form-urlencoded form"),
    REQUEST_TOO_LARGE(TOO_LARGE, "the request is too large"),
    REQUEST_PARAMETER_REPEATED(INVALID_REQUEST, "a parameter is repeated"),
    CLIENT_AUTH_MISSING(INVALID_CLIENT, "no client authentication: send HTTP Basic, or client_id and "
            + "client_secret in the body, or client_id alone for a public client"),
    CLIENT_AUTH_MULTIPLE(INVALID_CLIENT, "more than one client authentication method was used"),
    CLIENT_AUTH_MALFORMED(INVALID_CLIENT, "the Authorization header is not valid HTTP Basic"),
    REQUEST_THROTTLED(THROTTLED, "too many failed client authentications; retry later"),
    CLIENT_AUTH_FAILED(INVALID_CLIENT, "client authentication failed"),
    GRANT_TYPE_MISSING(INVALID_REQUEST, "grant_type is missing"),
    GRANT_TYPE_UNSUPPORTED(UNSUPPORTED_GRANT_TYPE, "grant_type is not supported"),
    GRANT_TYPE_NOT_ALLOWED(GRANT_TYPE_NOT_ENABLED, "grant_type is not enabled for this client"),
    TOKEN_SCOPE_MALFORMED(INVALID_TOKEN_SCOPE, "scope is malformed (RFC 6749 section 3.3: names separated by single spaces)"),
    // revocation and introspection
    TOKEN_MISSING(INVALID_REQUEST, "token is missing");

    private final ErrorProfile.Mapping mapping;
    private final String description;

    TokenReason(ErrorProfile.Mapping mapping, String description) {
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
