package dev.latchkey.policy;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * The two mappings from reasons to wire errors (SPEC §3.3): {@code strict} emits only the codes SPEC §3
 * documents; {@code rfc6749} the plain RFC 6749 codes. One table each, complete: a test checks that
 * every reason has a row in both and that each code is documented for the reason's endpoint.
 */
public enum ErrorProfile {
    STRICT,
    RFC6749;

    private static final Map<Reason, WireError> STRICT_TABLE = new EnumMap<>(Reason.class);
    private static final Map<Reason, WireError> RFC6749_TABLE = new EnumMap<>(Reason.class);

    static {
        // Authorization endpoint. Unsafe reasons show an error page (400) and are never redirected.
        for (Reason r : new Reason[] {Reason.CLIENT_ID_MISSING, Reason.CLIENT_ID_REPEATED, Reason.CLIENT_UNKNOWN,
                Reason.CLIENT_DISABLED, Reason.REDIRECT_URI_REPEATED, Reason.REDIRECT_URI_UNREGISTERED,
                Reason.REDIRECT_URI_AMBIGUOUS, Reason.PARAMETER_REPEATED, Reason.RESPONSE_TYPE_MISSING,
                Reason.PKCE_CHALLENGE_MISSING, Reason.PKCE_METHOD_UNSUPPORTED, Reason.PKCE_CHALLENGE_MALFORMED}) {
            both(r, "invalid_request", 400);
        }
        both(Reason.RESPONSE_TYPE_UNSUPPORTED, "unsupported_response_type", 400);
        both(Reason.SCOPE_MALFORMED, "invalid_scope", 400);
        both(Reason.SCOPE_UNKNOWN, "invalid_scope", 400);
        both(Reason.SCOPE_NONE, "invalid_scope", 400);
        both(Reason.USER_DENIED, "access_denied", 400);
        split(Reason.SCOPE_NOT_ALLOWED, "forbidden_scope", "invalid_scope", 400);
        split(Reason.CLIENT_CODE_GRANT_NOT_ALLOWED, "access_denied", "unauthorized_client", 400);

        // Token endpoint (and revocation, introspection). The request itself:
        for (Reason r : new Reason[] {Reason.REQUEST_CONTENT_TYPE, Reason.REQUEST_MALFORMED,
                Reason.REQUEST_PARAMETER_REPEATED, Reason.GRANT_TYPE_MISSING, Reason.CODE_MISSING,
                Reason.REFRESH_TOKEN_MISSING, Reason.PKCE_VERIFIER_MALFORMED, Reason.TOKEN_MISSING}) {
            both(r, "invalid_request", 400);
        }
        both(Reason.REQUEST_THROTTLED, "invalid_request", 429);
        for (Reason r : new Reason[] {Reason.CLIENT_AUTH_MISSING, Reason.CLIENT_AUTH_MULTIPLE,
                Reason.CLIENT_AUTH_MALFORMED, Reason.CLIENT_AUTH_FAILED}) {
            both(r, "invalid_client", 401);
        }
        both(Reason.GRANT_TYPE_UNSUPPORTED, "unsupported_grant_type", 400);
        split(Reason.GRANT_TYPE_NOT_ALLOWED, "unsupported_grant_type", "unauthorized_client", 400);
        // The grant presented is not good: invalid_grant in RFC 6749, invalid_request in the strict profile.
        for (Reason r : new Reason[] {Reason.CODE_UNKNOWN, Reason.CODE_EXPIRED, Reason.CODE_REUSED,
                Reason.CODE_OTHER_CLIENT, Reason.REDIRECT_URI_MISMATCH, Reason.PKCE_VERIFIER_MISSING,
                Reason.PKCE_VERIFIER_MISMATCH, Reason.PKCE_VERIFIER_UNEXPECTED, Reason.REFRESH_TOKEN_UNKNOWN,
                Reason.REFRESH_TOKEN_EXPIRED, Reason.REFRESH_TOKEN_REVOKED, Reason.REFRESH_TOKEN_REUSED,
                Reason.REFRESH_TOKEN_OTHER_CLIENT}) {
            split(r, "invalid_request", "invalid_grant", 400);
        }
        for (Reason r : new Reason[] {Reason.TOKEN_SCOPE_MALFORMED, Reason.TOKEN_SCOPE_NOT_ALLOWED,
                Reason.TOKEN_SCOPE_BROADER, Reason.TOKEN_SCOPE_NONE}) {
            split(r, "invalid_request", "invalid_scope", 400);
        }
    }

    private static void both(Reason reason, String code, int status) {
        split(reason, code, code, status);
    }

    private static void split(Reason reason, String strict, String rfc6749, int status) {
        STRICT_TABLE.put(reason, new WireError(strict, status));
        RFC6749_TABLE.put(reason, new WireError(rfc6749, status));
    }

    public WireError wire(Reason reason) {
        return table().get(reason);
    }

    public Map<Reason, WireError> table() {
        return Collections.unmodifiableMap(this == STRICT ? STRICT_TABLE : RFC6749_TABLE);
    }
}
