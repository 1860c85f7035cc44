package dev.latchkey.policy;

import java.util.Set;

/** A request to the token, revocation or introspection endpoint: its form and Authorization header. */
public record TokenRequest(Parameters params, String authorization) {
    /** What every request to these endpoints may carry, beside what each grant reads. */
    public static final Set<String> COMMON = Set.of("grant_type", "scope", "client_id", "client_secret", "token",
            "token_type_hint");

    public String get(String name) {
        return params.get(name);
    }

    /** RFC 6749 §3.2: none of the parameters the server knows twice. */
    public void checkNoRepeats(Set<String> known) {
        Set<String> repeated = params.repeatedAmong(known);
        if (!repeated.isEmpty()) {
            throw new Refusal(TokenReason.REQUEST_PARAMETER_REPEATED, String.join(", ", repeated));
        }
    }
}
