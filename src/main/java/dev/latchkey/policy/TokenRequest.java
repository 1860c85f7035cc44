package dev.latchkey.policy;

import java.util.Set;

/** A request to the token, revocation or introspection endpoint: its form and Authorization header. */
public record TokenRequest(Parameters params, String authorization) {
    /** Parameters that may appear at most once (RFC 6749 §3.2). */
    public static final Set<String> KNOWN = Set.of("grant_type", "code", "redirect_uri", "code_verifier",
            "refresh_token", "scope", "client_id", "client_secret", "token", "token_type_hint");

    public String get(String name) {
        return params.get(name);
    }

    /** §3.2: no parameter twice. */
    public void checkNoRepeats() {
        Set<String> repeated = params.repeatedAmong(KNOWN);
        if (!repeated.isEmpty()) {
            throw new Refusal(Reason.REQUEST_PARAMETER_REPEATED, String.join(", ", repeated));
        }
    }
}
