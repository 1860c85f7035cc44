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
