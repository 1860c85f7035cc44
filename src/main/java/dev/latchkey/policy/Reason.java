package dev.latchkey.policy;

/**
 * Every internal reason a request is refused, in one place. Each carries the endpoint it belongs to,
 * whether it may be sent to the client's redirect URI, and a client-safe description. Which wire code
 * and status a reason becomes is the business of {@link ErrorProfile}'s tables.
 */
public enum Reason {
    // Authorization endpoint, never redirected (SPEC §3.1 steps 1 and 2): an error page instead.
    CLIENT_ID_MISSING(Endpoint.AUTHORIZE, false, "client_id is missing"),
    CLIENT_ID_REPEATED(Endpoint.AUTHORIZE, false, "client_id is repeated"),
    CLIENT_UNKNOWN(Endpoint.AUTHORIZE, false, "client_id does not name a registered client"),
    CLIENT_DISABLED(Endpoint.AUTHORIZE, false, "the client is disabled"),
    REDIRECT_URI_REPEATED(Endpoint.AUTHORIZE, false, "redirect_uri is repeated"),
    REDIRECT_URI_UNREGISTERED(Endpoint.AUTHORIZE, false, "redirect_uri is not one of the client's registered redirect URIs"),
    REDIRECT_URI_AMBIGUOUS(Endpoint.AUTHORIZE, false,
            "redirect_uri is missing and the client does not have exactly one registered redirect URI"),

    // Authorization endpoint, redirected to the client (steps 3 to 7).
    PARAMETER_REPEATED(Endpoint.AUTHORIZE, true, "a parameter is repeated"),
    RESPONSE_TYPE_MISSING(Endpoint.AUTHORIZE, true, "response_type is missing"),
    RESPONSE_TYPE_UNSUPPORTED(Endpoint.AUTHORIZE, true, "response_type must be code"),
    CLIENT_CODE_GRANT_NOT_ALLOWED(Endpoint.AUTHORIZE, true, "the client is not allowed the authorization_code grant"),
    SCOPE_MALFORMED(Endpoint.AUTHORIZE, true, "scope is malformed (RFC 6749 §3.3: names separated by single spaces)"),
    SCOPE_UNKNOWN(Endpoint.AUTHORIZE, true, "scope names a scope this server does not know"),
    SCOPE_NOT_ALLOWED(Endpoint.AUTHORIZE, true, "scope names a scope this client may not use"),
    SCOPE_NONE(Endpoint.AUTHORIZE, true, "scope is missing and the client has no default scopes"),
    PKCE_CHALLENGE_MISSING(Endpoint.AUTHORIZE, true, "code_challenge is required (PKCE, RFC 7636)"),
    PKCE_METHOD_UNSUPPORTED(Endpoint.AUTHORIZE, true, "code_challenge_method must be S256"),
    PKCE_CHALLENGE_MALFORMED(Endpoint.AUTHORIZE, true,
            "code_challenge must be 43 base64url characters (the S256 hash of the verifier)"),
    USER_DENIED(Endpoint.AUTHORIZE, true, "the resource owner denied the request");

    private final Endpoint endpoint;
    private final boolean redirectable;
    private final String description;

    Reason(Endpoint endpoint, boolean redirectable, String description) {
        this.endpoint = endpoint;
        this.redirectable = redirectable;
        this.description = description;
    }

    public Endpoint endpoint() {
        return endpoint;
    }

    /** False for errors about the client or its redirect URI: sending them there could reach an attacker. */
    public boolean redirectable() {
        return redirectable;
    }

    public String description() {
        return description;
    }
}
