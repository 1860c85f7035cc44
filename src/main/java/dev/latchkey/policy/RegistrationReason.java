package dev.latchkey.policy;

import static dev.latchkey.policy.ErrorProfile.INVALID_CLIENT_METADATA;
import static dev.latchkey.policy.ErrorProfile.INVALID_REDIRECT_URI;
import static dev.latchkey.policy.ErrorProfile.INVALID_REGISTRATION_TOKEN;
import static dev.latchkey.policy.ErrorProfile.INVALID_REQUEST;
import static dev.latchkey.policy.ErrorProfile.THROTTLED;

/** Dynamic registration's reasons (RFC 7591 §3.2.2, RFC 7592 §3), in the order it checks them. */
public enum RegistrationReason implements Reason {
    THROTTLED_ADDRESS(THROTTLED, "too many registrations from this address; wait for Retry-After seconds"),
    INITIAL_TOKEN_MISSING(INVALID_REGISTRATION_TOKEN,
            "an initial access token is required (Authorization: Bearer, RFC 7591 section 3)"),
    INITIAL_TOKEN_INVALID(INVALID_REGISTRATION_TOKEN, "the initial access token is unknown, expired or used up"),
    REGISTRATION_TOKEN_INVALID(INVALID_REGISTRATION_TOKEN,
            "the registration access token is missing, unknown or not this client's (RFC 7592 section 3)"),
    BODY_MALFORMED(INVALID_REQUEST, "the body must be a JSON object of client metadata"),
    CLIENT_ID_MISMATCH(INVALID_CLIENT_METADATA, "client_id must be sent and be this client's (RFC 7592 section 2.2)"),
    SECRET_MISMATCH(INVALID_CLIENT_METADATA, "client_secret, when sent, must be this client's"),
    REDIRECT_URI_INVALID(INVALID_REDIRECT_URI, "redirect_uris is missing or names a URI that cannot be registered"),
    METADATA_INVALID(INVALID_CLIENT_METADATA, "the client metadata is not valid");

    private final ErrorProfile.Mapping mapping;
    private final String description;

    RegistrationReason(ErrorProfile.Mapping mapping, String description) {
        this.mapping = mapping;
        this.description = description;
    }

    @Override
    public Endpoint endpoint() {
        return Endpoint.REGISTER;
    }

    @Override
    public boolean redirectable() {
        return false;
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
