package dev.latchkey.policy;

/**
 * A DPoP proof whose form, key and signature were checked (RFC 9449 §4.3 steps 1 to 7), with the claims its
 * other checks read; a claim that was absent or not of its type is null.
 *
 * @param jkt the RFC 7638 thumbprint of its key: what a bound token's {@code cnf.jkt} holds
 * @param iat seconds since the epoch
 */
public record DpopProof(String jkt, String jti, String htm, String htu, Long iat, String ath, String nonce) {
}
