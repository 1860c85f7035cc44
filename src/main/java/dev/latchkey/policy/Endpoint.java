package dev.latchkey.policy;

import java.util.Set;

/** The OAuth endpoints, each with the error codes docs/errors.md documents for it, per profile. */
public enum Endpoint {
    /** Errors on the redirect back to the client (and, for unsafe ones, on the error page). */
    AUTHORIZE(Set.of("invalid_request", "unsupported_response_type", "invalid_scope", "forbidden_scope", "access_denied"),
            Set.of("invalid_request", "unsupported_response_type", "invalid_scope", "unauthorized_client", "access_denied",
                    "login_required", "consent_required", "invalid_target")),
    /**
     * Token, revocation, introspection and device authorization: JSON bodies. The device flow's states
     * (RFC 8628 §3.5: authorization_pending, slow_down, access_denied) and DPoP's use_dpop_nonce (RFC 9449
     * §8) are in both profiles.
     */
    TOKEN(Set.of("unsupported_grant_type", "invalid_request", "invalid_client", "server_error",
            "authorization_pending", "slow_down", "access_denied", "use_dpop_nonce"),
            Set.of("unsupported_grant_type", "invalid_request", "invalid_client", "server_error", "invalid_grant",
                    "unauthorized_client", "invalid_scope", "invalid_target", "authorization_pending", "slow_down",
                    "access_denied", "expired_token", "invalid_dpop_proof", "use_dpop_nonce")),
    /** Dynamic registration (RFC 7591, RFC 7592): JSON bodies. */
    REGISTER(Set.of("invalid_request", "invalid_client"),
            Set.of("invalid_request", "invalid_client_metadata", "invalid_redirect_uri", "invalid_token"));

    private final Set<String> strictCodes;
    private final Set<String> rfc6749Codes;

    Endpoint(Set<String> strictCodes, Set<String> rfc6749Codes) {
        this.strictCodes = strictCodes;
        this.rfc6749Codes = rfc6749Codes;
    }

    public Set<String> documentedCodes(ErrorProfile profile) {
        return profile == ErrorProfile.STRICT ? strictCodes : rfc6749Codes;
    }
}
