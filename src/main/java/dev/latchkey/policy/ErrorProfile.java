package dev.latchkey.policy;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The two ways of answering a refusal on the wire (docs/errors.md): {@code strict} emits only the codes
 * documented for each endpoint; {@code rfc6749} the plain RFC 6749 codes. The constants below are the
 * table: every kind of answer, in both profiles; each reason names its row. A test checks that every
 * reason has a documented code for its endpoint in both profiles.
 */
public enum ErrorProfile {
    STRICT,
    RFC6749;

    /** One row of the table: the wire error in each profile. */
    public record Mapping(WireError strict, WireError rfc6749) {
        public WireError in(ErrorProfile profile) {
            return profile == STRICT ? strict : rfc6749;
        }
    }

    public static final Mapping INVALID_REQUEST = both("invalid_request", 400);
    public static final Mapping INVALID_CLIENT = both("invalid_client", 401);
    public static final Mapping THROTTLED = both("invalid_request", 429);
    public static final Mapping TOO_LARGE = both("invalid_request", 413);
    public static final Mapping UNSUPPORTED_RESPONSE_TYPE = both("unsupported_response_type", 400);
    public static final Mapping INVALID_SCOPE = both("invalid_scope", 400);
    public static final Mapping ACCESS_DENIED = both("access_denied", 400);
    /** prompt=none could not be honoured (OpenID Connect Core §3.1.2.6); the strict profile has no code of its own. */
    public static final Mapping LOGIN_REQUIRED = split("access_denied", "login_required", 400);
    public static final Mapping CONSENT_REQUIRED = split("access_denied", "consent_required", 400);
    public static final Mapping FORBIDDEN_SCOPE = split("forbidden_scope", "invalid_scope", 400);
    /** The client may not use the authorization_code grant at all (authorization endpoint). */
    public static final Mapping GRANT_NOT_ALLOWED_HERE = split("access_denied", "unauthorized_client", 400);
    public static final Mapping UNSUPPORTED_GRANT_TYPE = both("unsupported_grant_type", 400);
    public static final Mapping GRANT_TYPE_NOT_ENABLED = split("unsupported_grant_type", "unauthorized_client", 400);
    /** The grant presented is not good: invalid_grant in RFC 6749, invalid_request in the strict profile. */
    public static final Mapping INVALID_GRANT = split("invalid_request", "invalid_grant", 400);
    public static final Mapping INVALID_TOKEN_SCOPE = split("invalid_request", "invalid_scope", 400);
    /** A resource (RFC 8707 §2) that cannot be had: invalid_target in RFC 8707, invalid_request in the strict profile. */
    public static final Mapping INVALID_TARGET = split("invalid_request", "invalid_target", 400);
    /** Dynamic registration (RFC 7591 §3.2.2, RFC 7592 §3; RFC 6750 §3.1 for the tokens). */
    public static final Mapping INVALID_CLIENT_METADATA = split("invalid_request", "invalid_client_metadata", 400);
    public static final Mapping INVALID_REDIRECT_URI = split("invalid_request", "invalid_redirect_uri", 400);
    public static final Mapping INVALID_REGISTRATION_TOKEN = split("invalid_client", "invalid_token", 401);

    /**
     * The device flow's states while the user has not answered (RFC 8628 §3.5): no device client works
     * without them, so both profiles answer them as they are.
     */
    public static final Mapping AUTHORIZATION_PENDING = both("authorization_pending", 400);
    public static final Mapping SLOW_DOWN = both("slow_down", 400);
    /** RFC 8628 §3.5: the device code's time is up. */
    public static final Mapping EXPIRED_TOKEN = split("invalid_request", "expired_token", 400);

    /** RFC 9449 §5: a DPoP proof that fails its checks; the strict profile answers invalid_request. */
    public static final Mapping INVALID_DPOP_PROOF = split("invalid_request", "invalid_dpop_proof", 400);
    /**
     * RFC 9449 §8: the proof must carry the server's nonce, sent with this answer in {@code DPoP-Nonce}. Like
     * authorization_pending, a protocol state a DPoP client must recognise: both profiles answer it as it is.
     */
    public static final Mapping USE_DPOP_NONCE = both("use_dpop_nonce", 400);

    private static Mapping both(String code, int status) {
        return split(code, code, status);
    }

    private static Mapping split(String strict, String rfc6749, int status) {
        return new Mapping(new WireError(strict, status), new WireError(rfc6749, status));
    }

    public WireError wire(Reason reason) {
        return reason.mapping().in(this);
    }

    /** Every reason with its wire error in this profile, in check order. */
    public Map<Reason, WireError> table() {
        Map<Reason, WireError> table = new LinkedHashMap<>();
        Reasons.all().forEach(r -> table.put(r, wire(r)));
        return Collections.unmodifiableMap(table);
    }
}
