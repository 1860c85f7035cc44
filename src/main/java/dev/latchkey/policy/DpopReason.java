package dev.latchkey.policy;

import static dev.latchkey.policy.ErrorProfile.INVALID_DPOP_PROOF;
import static dev.latchkey.policy.ErrorProfile.INVALID_REQUEST;
import static dev.latchkey.policy.ErrorProfile.USE_DPOP_NONCE;

/**
 * Why a DPoP proof (RFC 9449) is refused, in the order of its §4.3 checks; then the client's and the refresh
 * token's bindings. At the token endpoint a JSON error; at userinfo the same descriptions in a
 * {@code WWW-Authenticate: DPoP} challenge (RFC 9449 §7.1).
 */
public enum DpopReason implements TokenEndpointReason {
    PROOF_REPEATED(INVALID_DPOP_PROOF, "more than one DPoP header was sent"),
    PROOF_MALFORMED(INVALID_DPOP_PROOF, "the DPoP header is not a signed JWT with a JSON claims set"),
    PROOF_TYP(INVALID_DPOP_PROOF, "the DPoP proof's typ header must be dpop+jwt"),
    PROOF_ALG(INVALID_DPOP_PROOF, "the DPoP proof's alg must be one of " + String.join(", ", DpopPolicy.ALGORITHMS)),
    PROOF_JWK(INVALID_DPOP_PROOF, "the DPoP proof's jwk header must be a public key (no private part) of alg's type"),
    PROOF_SIGNATURE(INVALID_DPOP_PROOF, "the DPoP proof's signature does not verify with its jwk"),
    PROOF_CLAIM_MISSING(INVALID_DPOP_PROOF, "the DPoP proof lacks a claim, or has one of the wrong type"),
    PROOF_HTM(INVALID_DPOP_PROOF, "the DPoP proof's htm is not this request's method"),
    PROOF_HTU(INVALID_DPOP_PROOF, "the DPoP proof's htu is not this endpoint's URL"),
    PROOF_IAT(INVALID_DPOP_PROOF, "the DPoP proof's iat is outside the accepted window around the server's time"),
    PROOF_ATH(INVALID_DPOP_PROOF, "the DPoP proof's ath is missing or is not the hash of the access token"),
    PROOF_NONCE(USE_DPOP_NONCE, "the DPoP proof must carry the nonce sent in the DPoP-Nonce header"),
    PROOF_REPLAYED(INVALID_DPOP_PROOF, "the DPoP proof was used before: each proof needs a new jti"),
    PROOF_REQUIRED(INVALID_REQUEST, "this client must send a DPoP proof (dpop_bound_access_tokens)"),
    KEY_NOT_BOUND(INVALID_DPOP_PROOF, "the token is bound to a DPoP key: send a proof signed with that key");

    private final ErrorProfile.Mapping mapping;
    private final String description;

    DpopReason(ErrorProfile.Mapping mapping, String description) {
        this.mapping = mapping;
        this.description = description;
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
