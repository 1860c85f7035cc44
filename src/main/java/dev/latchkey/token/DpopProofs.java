package dev.latchkey.token;

import dev.latchkey.policy.DpopPolicy;
import dev.latchkey.policy.DpopProof;
import dev.latchkey.policy.DpopReason;
import dev.latchkey.policy.Refusal;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jwk.EllipticCurveJsonWebKey;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.keys.EllipticCurves;
import org.jose4j.lang.JoseException;

import java.util.Map;
import java.util.Set;

/**
 * Reads a DPoP proof (RFC 9449 §4.2) and checks its form, key and signature (§4.3 steps 1 to 7) with jose4j,
 * the JOSE library SmallRye JWT is built on: SmallRye's own parser verifies with keys known in advance, and a
 * proof brings its key in its header. The claims are checked by {@link DpopPolicy}.
 */
public final class DpopProofs {
    static final String TYP = "dpop+jwt";
    /** RFC 7517/7518 members that only a private (or a symmetric) key has. */
    private static final Set<String> PRIVATE_MEMBERS = Set.of("d", "p", "q", "dp", "dq", "qi", "oth", "k");
    private static final Map<String, String> CURVES = Map.of("ES256", EllipticCurves.P_256, "ES384",
            EllipticCurves.P_384, "ES512", EllipticCurves.P_521);

    private DpopProofs() {
    }

    /** @throws Refusal with the first of the §4.3 steps 1 to 7 the proof fails */
    public static DpopProof read(String proof) {
        JsonWebSignature jws = new JsonWebSignature();
        try {
            jws.setCompactSerialization(proof);
        } catch (JoseException | RuntimeException e) {
            throw new Refusal(DpopReason.PROOF_MALFORMED);
        }
        if (!TYP.equals(jws.getHeader("typ"))) {
            throw new Refusal(DpopReason.PROOF_TYP);
        }
        String alg = jws.getAlgorithmHeaderValue();
        if (!DpopPolicy.ALGORITHMS.contains(alg)) {
            throw new Refusal(DpopReason.PROOF_ALG);
        }
        PublicJsonWebKey jwk = publicKey(jws.getHeaders().getObjectHeaderValue("jwk"), alg);
        boolean verified;
        try {
            jws.setAlgorithmConstraints(new AlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT, alg));
            jws.setKey(jwk.getPublicKey());
            verified = jws.verifySignature();
        } catch (JoseException | RuntimeException e) {
            throw new Refusal(DpopReason.PROOF_JWK); // jose4j refuses the key for the algorithm (a short RSA key)
        }
        if (!verified) {
            throw new Refusal(DpopReason.PROOF_SIGNATURE);
        }
        try {
            JwtClaims claims = JwtClaims.parse(jws.getUnverifiedPayload());
            Object iat = claims.getClaimValue("iat");
            return new DpopProof(jwk.calculateBase64urlEncodedThumbprint("SHA-256"), text(claims, "jti"),
                    text(claims, "htm"), text(claims, "htu"), iat instanceof Number n ? n.longValue() : null,
                    text(claims, "ath"), text(claims, "nonce"));
        } catch (InvalidJwtException | RuntimeException e) {
            throw new Refusal(DpopReason.PROOF_MALFORMED);
        }
    }

    /** The header's {@code jwk}: a public key only, of the type the algorithm needs. */
    private static PublicJsonWebKey publicKey(Object header, String alg) {
        if (!(header instanceof Map<?, ?> members) || members.keySet().stream().anyMatch(PRIVATE_MEMBERS::contains)) {
            throw new Refusal(DpopReason.PROOF_JWK);
        }
        PublicJsonWebKey jwk;
        try {
            @SuppressWarnings("unchecked")
            Map<String, Object> params = (Map<String, Object>) members;
            jwk = PublicJsonWebKey.Factory.newPublicJwk(params);
        } catch (JoseException | RuntimeException e) {
            throw new Refusal(DpopReason.PROOF_JWK);
        }
        boolean fits = alg.startsWith("ES") ? jwk instanceof EllipticCurveJsonWebKey ec
                && CURVES.get(alg).equals(ec.getCurveName()) : jwk instanceof RsaJsonWebKey;
        if (!fits) {
            throw new Refusal(DpopReason.PROOF_JWK);
        }
        return jwk;
    }

    private static String text(JwtClaims claims, String name) {
        return claims.getClaimValue(name) instanceof String s ? s : null;
    }
}
