package dev.latchkey.policy;

import java.util.List;
import java.util.Set;

/**
 * A request to the token, revocation, introspection or PAR endpoint: its form, Authorization header and DPoP
 * proofs (RFC 9449), and once the proof is checked, its key's thumbprint.
 *
 * @param dpopProofs the DPoP header values as sent: none, one, or (refused) more
 * @param dpopJkt    the thumbprint of the checked proof's key, or null when no proof came or it is not checked yet
 */
public record TokenRequest(Parameters params, String authorization, List<String> dpopProofs, String dpopJkt) {

    public TokenRequest(Parameters params, String authorization) {
        this(params, authorization, List.of(), null);
    }

    /** This request with its proof checked: {@code jkt} is its key's thumbprint, or null when none was sent. */
    public TokenRequest withDpopJkt(String jkt) {
        return new TokenRequest(params, authorization, dpopProofs, jkt);
    }

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
