package dev.latchkey.policy;

/**
 * Every internal reason a request is refused, in one place. Each carries the endpoint it belongs to,
 * whether it may be sent to the client's redirect URI, and a client-safe description. Which wire code
 * and status a reason becomes is the business of {@link ErrorProfile}'s tables.
 */
public enum Reason {
    // Declared in the order the endpoints check them (SPEC §3.1, §3.2): docs/errors.md lists them so.
    // Authorization endpoint, never redirected (SPEC §3.1 steps 1 and 2): an error page instead.
    CLIENT_ID_REPEATED(Endpoint.AUTHORIZE, false, "client_id is repeated"),
    CLIENT_ID_MISSING(Endpoint.AUTHORIZE, false, "client_id is missing"),
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
    USER_DENIED(Endpoint.AUTHORIZE, true, "the resource owner denied the request"),

    // Token, revocation and introspection endpoints: the request itself.
    REQUEST_CONTENT_TYPE(Endpoint.TOKEN, false, "the body must be application/x-www-form-urlencoded"),
    REQUEST_MALFORMED(Endpoint.TOKEN, false, "the body is not a valid application/x-www-form-urlencoded form"),
    REQUEST_PARAMETER_REPEATED(Endpoint.TOKEN, false, "a parameter is repeated"),
    // Client authentication (RFC 6749 §2.3).
    CLIENT_AUTH_MISSING(Endpoint.TOKEN, false, "no client authentication: send HTTP Basic, or client_id and "
            + "client_secret in the body, or client_id alone for a public client"),
    CLIENT_AUTH_MULTIPLE(Endpoint.TOKEN, false, "more than one client authentication method was used"),
    CLIENT_AUTH_MALFORMED(Endpoint.TOKEN, false, "the Authorization header is not valid HTTP Basic"),
    REQUEST_THROTTLED(Endpoint.TOKEN, false, "too many failed client authentications; retry later"),
    CLIENT_AUTH_FAILED(Endpoint.TOKEN, false, "client authentication failed"),
    // Grant types.
    GRANT_TYPE_MISSING(Endpoint.TOKEN, false, "grant_type is missing"),
    GRANT_TYPE_UNSUPPORTED(Endpoint.TOKEN, false,
            "grant_type is not supported (authorization_code, refresh_token, client_credentials)"),
    GRANT_TYPE_NOT_ALLOWED(Endpoint.TOKEN, false, "grant_type is not enabled for this client"),
    // authorization_code (RFC 6749 §4.1.3, RFC 7636 §4.6).
    CODE_MISSING(Endpoint.TOKEN, false, "code is missing"),
    CODE_UNKNOWN(Endpoint.TOKEN, false, "code is not valid"),
    CODE_EXPIRED(Endpoint.TOKEN, false, "code has expired"),
    CODE_REUSED(Endpoint.TOKEN, false, "code was already used; the tokens issued from it are revoked"),
    CODE_OTHER_CLIENT(Endpoint.TOKEN, false, "code was issued to another client"),
    REDIRECT_URI_MISMATCH(Endpoint.TOKEN, false, "redirect_uri differs from the authorization request"),
    PKCE_VERIFIER_MISSING(Endpoint.TOKEN, false, "code_verifier is missing (the code was issued with a code_challenge)"),
    PKCE_VERIFIER_MALFORMED(Endpoint.TOKEN, false, "code_verifier must be 43 to 128 characters of A-Z a-z 0-9 - . _ ~"),
    PKCE_VERIFIER_MISMATCH(Endpoint.TOKEN, false, "code_verifier does not match the code_challenge"),
    PKCE_VERIFIER_UNEXPECTED(Endpoint.TOKEN, false, "code_verifier was sent for a code issued without a code_challenge"),
    // refresh_token (RFC 6749 §6).
    REFRESH_TOKEN_MISSING(Endpoint.TOKEN, false, "refresh_token is missing"),
    REFRESH_TOKEN_UNKNOWN(Endpoint.TOKEN, false, "refresh_token is not valid"),
    REFRESH_TOKEN_EXPIRED(Endpoint.TOKEN, false, "refresh_token has expired"),
    REFRESH_TOKEN_REVOKED(Endpoint.TOKEN, false, "refresh_token was revoked"),
    REFRESH_TOKEN_REUSED(Endpoint.TOKEN, false,
            "refresh_token was already used; every token of its grant is revoked"),
    REFRESH_TOKEN_OTHER_CLIENT(Endpoint.TOKEN, false, "refresh_token was issued to another client"),
    // scope at the token endpoint.
    TOKEN_SCOPE_MALFORMED(Endpoint.TOKEN, false, "scope is malformed (RFC 6749 §3.3: names separated by single spaces)"),
    TOKEN_SCOPE_NOT_ALLOWED(Endpoint.TOKEN, false, "scope names a scope this client may not use"),
    TOKEN_SCOPE_BROADER(Endpoint.TOKEN, false, "scope asks for more than the grant holds"),
    TOKEN_SCOPE_NONE(Endpoint.TOKEN, false, "scope is missing and the client has no default scopes"),
    // revocation and introspection.
    TOKEN_MISSING(Endpoint.TOKEN, false, "token is missing");

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
