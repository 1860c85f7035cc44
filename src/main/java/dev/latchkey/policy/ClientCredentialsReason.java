package dev.latchkey.policy;

import static dev.latchkey.policy.ErrorProfile.INVALID_TOKEN_SCOPE;

/** The client_credentials grant's reasons (RFC 6749 §4.4). */
public enum ClientCredentialsReason implements TokenEndpointReason {
    TOKEN_SCOPE_NOT_ALLOWED(INVALID_TOKEN_SCOPE, "scope names a scope this client may not use"),
    TOKEN_SCOPE_NONE(INVALID_TOKEN_SCOPE, "scope is missing and the client has no default scopes");

    private final ErrorProfile.Mapping mapping;
    private final String description;

    ClientCredentialsReason(ErrorProfile.Mapping mapping, String description) {
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
