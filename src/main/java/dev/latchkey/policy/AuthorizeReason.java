package dev.latchkey.policy;

import static dev.latchkey.policy.ErrorProfile.ACCESS_DENIED;
import static dev.latchkey.policy.ErrorProfile.FORBIDDEN_SCOPE;
import static dev.latchkey.policy.ErrorProfile.GRANT_NOT_ALLOWED_HERE;
import static dev.latchkey.policy.ErrorProfile.INVALID_REQUEST;
import static dev.latchkey.policy.ErrorProfile.INVALID_SCOPE;
import static dev.latchkey.policy.ErrorProfile.INVALID_TARGET;
import static dev.latchkey.policy.ErrorProfile.UNSUPPORTED_RESPONSE_TYPE;

/** The authorization endpoint's reasons, in the order it checks them (docs/errors.md lists them so). */
public enum AuthorizeReason implements Reason {
    // Never redirected (the client or its redirect URI is not established): an error page instead.
    CLIENT_ID_REPEATED(false, INVALID_REQUEST, "client_id is repeated"),
    CLIENT_ID_MISSING(false, INVALID_REQUEST, "client_id is missing"),
    CLIENT_UNKNOWN(false, INVALID_REQUEST, "client_id does not name a registered client"),
    CLIENT_DISABLED(false, INVALID_REQUEST, "the client is disabled"),
    REDIRECT_URI_REPEATED(false, INVALID_REQUEST, "redirect_uri is repeated"),
    REDIRECT_URI_UNREGISTERED(false, INVALID_REQUEST,
            "redirect_uri is not one of the client's registered redirect URIs"),
    REDIRECT_URI_AMBIGUOUS(false, INVALID_REQUEST,
            "redirect_uri is missing and the client does not have exactly one registered redirect URI"),
    REQUEST_URI_PUSHED(false, INVALID_REQUEST, "request_uri cannot be pushed: push the request's own parameters"),
    REQUEST_URI_UNKNOWN(false, INVALID_REQUEST,
            "request_uri names no live request pushed by this client (unknown, expired or already used): push again"),

    // Redirected to the client.
    PUSH_REQUIRED(true, INVALID_REQUEST,
            "this client must push its authorization requests to the pushed_authorization_request_endpoint (RFC 9126)"),
    PARAMETER_REPEATED(true, INVALID_REQUEST, "a parameter is repeated"),
    RESPONSE_TYPE_MISSING(true, INVALID_REQUEST, "response_type is missing"),
    RESPONSE_TYPE_UNSUPPORTED(true, UNSUPPORTED_RESPONSE_TYPE, "response_type must be code"),
    CLIENT_CODE_GRANT_NOT_ALLOWED(true, GRANT_NOT_ALLOWED_HERE,
            "the client is not allowed the authorization_code grant"),
    SCOPE_MALFORMED(true, INVALID_SCOPE, "scope is malformed (RFC 6749 section 3.3: names separated by single spaces)"),
    SCOPE_UNKNOWN(true, INVALID_SCOPE, "scope names a scope this server does not know"),
    SCOPE_NOT_ALLOWED(true, FORBIDDEN_SCOPE, "scope names a scope this client may not use"),
    SCOPE_NONE(true, INVALID_SCOPE, "scope is missing and the client has no default scopes"),
    RESOURCE_MALFORMED(true, INVALID_TARGET, "resource must be an absolute URI without a fragment (RFC 8707 section 2)"),
    RESOURCE_UNKNOWN(true, INVALID_TARGET, "resource names no resource server registered here"),
    RESOURCE_NOT_ALLOWED(true, INVALID_TARGET, "resource names a resource server this client may not ask for"),
    RESOURCE_NO_SCOPE(true, INVALID_TARGET, "the requested resource accepts none of the requested scopes"),
    PKCE_CHALLENGE_MISSING(true, INVALID_REQUEST, "code_challenge is required (PKCE, RFC 7636)"),
    PKCE_METHOD_UNSUPPORTED(true, INVALID_REQUEST, "code_challenge_method must be S256"),
    PKCE_CHALLENGE_MALFORMED(true, INVALID_REQUEST,
            "code_challenge must be 43 base64url characters (the S256 hash of the verifier)"),
    PROMPT_UNSUPPORTED(true, INVALID_REQUEST, "prompt must be none, login or consent (login and consent may be combined)"),
    PROMPT_NONE_COMBINED(true, INVALID_REQUEST, "prompt=none cannot be combined with another value"),
    MAX_AGE_MALFORMED(true, INVALID_REQUEST, "max_age must be a whole number of seconds, 0 or more"),
    NONCE_TOO_LONG(true, INVALID_REQUEST, "nonce is longer than " + OpenIdRequest.MAX_NONCE + " characters"),
    REQUEST_URI_MIXED(true, INVALID_REQUEST,
            "a pushed request (request_uri) takes no other authorization parameter but client_id"),
    LOGIN_REQUIRED(true, ErrorProfile.LOGIN_REQUIRED, "login required: prompt=none and nobody is signed in "
            + "(or the sign-in is older than max_age)"),
    CONSENT_REQUIRED(true, ErrorProfile.CONSENT_REQUIRED,
            "consent required: prompt=none and the user has not consented to every requested scope"),
    USER_DENIED(true, ACCESS_DENIED, "the resource owner denied the request");

    /** The resource checks (RFC 8707) with these reasons; an authorization request has no grant to narrow. */
    public static final ResourcePolicy.Reasons RESOURCES = new ResourcePolicy.Reasons(RESOURCE_MALFORMED, null,
            RESOURCE_UNKNOWN, RESOURCE_NOT_ALLOWED, RESOURCE_NO_SCOPE);

    private final boolean redirectable;
    private final ErrorProfile.Mapping mapping;
    private final String description;

    AuthorizeReason(boolean redirectable, ErrorProfile.Mapping mapping, String description) {
        this.redirectable = redirectable;
        this.mapping = mapping;
        this.description = description;
    }

    @Override
    public Endpoint endpoint() {
        return Endpoint.AUTHORIZE;
    }

    @Override
    public boolean redirectable() {
        return redirectable;
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
