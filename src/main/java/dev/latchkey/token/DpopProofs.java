package dev.latchkey.token;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.latchkey.policy.DpopPolicy;
import dev.latchkey.policy.DpopProof;
import dev.latchkey.policy.DpopReason;
import dev.latchkey.policy.Refusal;
import org.jose4j.json.JsonUtil;
import org.jose4j.jwk.EllipticCurveJsonWebKey;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jws.EcdsaUsingShaAlgorithm;
import org.jose4j.keys.EllipticCurves;
import org.jose4j.lang.JoseException;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.util.Base64;
import java.util.Map;
import java.util.Set;

/**
 * Reads a DPoP proof (RFC 9449 §4.2) and checks its form, key and signature (§4.3 steps 1 to 7); the claims are
 * checked by {@link DpopPolicy}. The header is read with jose4j, the JOSE library SmallRye JWT is built on
 * (SmallRye's own parser verifies with keys known in advance; a proof brings its key in its header).
 *
 * <p>A client signs every proof with the same key, so its proofs share one header: a header once checked is
 * remembered (bounded) with its key and thumbprint, and the next proofs cost one signature verification and the
 * payload's JSON (DpopProofBenchmark: 54 µs a proof when the key, its thumbprint and jose4j's re-encoded signing
 * input were made for each, 37 µs now; bench/ab/18-dpop-par.md).
 */
public final class DpopProofs {
    static final String TYP = "dpop+jwt";
    /** RFC 7517/7518 members that only a private (or a symmetric) key has. */
    private static final Set<String> PRIVATE_MEMBERS = Set.of("d", "p", "q", "dp", "dq", "qi", "oth", "k");
    private static final Map<String, String> CURVES = Map.of("ES256", EllipticCurves.P_256, "ES384",
            EllipticCurves.P_384, "ES512", EllipticCurves.P_521);
    private static final Map<String, Integer> EC_SIGNATURE_BYTES = Map.of("ES256", 64, "ES384", 96, "ES512", 132);
    private static final Map<String, String> JCA = Map.of("ES256", "SHA256withECDSA", "ES384", "SHA384withECDSA",
            "ES512", "SHA512withECDSA", "RS256", "SHA256withRSA", "PS256", "RSASSA-PSS");
    private static final int MIN_RSA_BITS = 2048;
    private static final Base64.Decoder BASE64URL = Base64.getUrlDecoder();

    /** A checked header: its algorithm, its key and the key's RFC 7638 thumbprint. */
    private record ProofKey(String alg, PublicKey key, String jkt) {
    }

    /** A JCA lookup per proof costs more than keeping one verifier per algorithm and thread. */
    private static final ThreadLocal<Map<String, Signature>> VERIFIERS = ThreadLocal.withInitial(java.util.HashMap::new);
    private static final Cache<String, ProofKey> HEADERS = Caffeine.newBuilder().maximumSize(10_000).build();

    private DpopProofs() {
    }

    /** @throws Refusal with the first of the §4.3 steps 1 to 7 the proof fails */
    public static DpopProof read(String proof) {
        int first = proof.indexOf('.');
        int last = proof.lastIndexOf('.');
        if (first <= 0 || last == first || proof.indexOf('.', first + 1) != last) {
            throw new Refusal(DpopReason.PROOF_MALFORMED);
        }
        String header = proof.substring(0, first);
        ProofKey key = HEADERS.getIfPresent(header);
        if (key == null) {
            key = checkHeader(header);
            HEADERS.put(header, key);
        }
        if (!verified(key, proof, last, decode(proof.substring(last + 1)))) {
            throw new Refusal(DpopReason.PROOF_SIGNATURE);
        }
        Map<String, Object> claims = json(proof.substring(first + 1, last));
        Object iat = claims.get("iat");
        return new DpopProof(key.jkt(), text(claims, "jti"), text(claims, "htm"), text(claims, "htu"),
                iat instanceof Number n ? n.longValue() : null, text(claims, "ath"), text(claims, "nonce"));
    }

    /** Steps 3 to 6: typ, alg, a public jwk of the algorithm's type. */
    private static ProofKey checkHeader(String encoded) {
        Map<String, Object> header = json(encoded);
        if (!TYP.equals(header.get("typ"))) {
            throw new Refusal(DpopReason.PROOF_TYP);
        }
        if (!(header.get("alg") instanceof String alg) || !DpopPolicy.ALGORITHMS.contains(alg)) {
            throw new Refusal(DpopReason.PROOF_ALG);
        }
        if (!(header.get("jwk") instanceof Map<?, ?> members)
                || members.keySet().stream().anyMatch(PRIVATE_MEMBERS::contains)) {
            throw new Refusal(DpopReason.PROOF_JWK);
        }
        try {
            @SuppressWarnings("unchecked")
            PublicJsonWebKey jwk = PublicJsonWebKey.Factory.newPublicJwk((Map<String, Object>) members);
            boolean fits = alg.startsWith("ES") ? jwk instanceof EllipticCurveJsonWebKey ec
                    && CURVES.get(alg).equals(ec.getCurveName())
                    : jwk instanceof RsaJsonWebKey && ((RSAPublicKey) jwk.getPublicKey()).getModulus().bitLength()
                    >= MIN_RSA_BITS;
            if (!fits) {
                throw new Refusal(DpopReason.PROOF_JWK);
            }
            return new ProofKey(alg, jwk.getPublicKey(), jwk.calculateBase64urlEncodedThumbprint("SHA-256"));
        } catch (JoseException | RuntimeException e) {
            if (e instanceof Refusal refusal) {
                throw refusal;
            }
            throw new Refusal(DpopReason.PROOF_JWK);
        }
    }

    /** Step 7, by the JCA (the Amazon Corretto Crypto Provider where it is installed). */
    private static boolean verified(ProofKey key, String proof, int signingInputEnd, byte[] signature) {
        try {
            Signature verifier = VERIFIERS.get().computeIfAbsent(key.alg(), DpopProofs::newVerifier);
            verifier.initVerify(key.key());
            verifier.update(proof.getBytes(StandardCharsets.US_ASCII), 0, signingInputEnd);
            if (key.alg().startsWith("ES")) {
                // JWS signatures are R || S (RFC 7518 §3.4); the JCA takes DER
                return signature.length == EC_SIGNATURE_BYTES.get(key.alg())
                        && verifier.verify(EcdsaUsingShaAlgorithm.convertConcatenatedToDer(signature));
            }
            return verifier.verify(signature);
        } catch (GeneralSecurityException | java.io.IOException | RuntimeException e) {
            return false;
        }
    }

    private static Signature newVerifier(String alg) {
        try {
            Signature verifier = Signature.getInstance(JCA.get(alg));
            if (alg.equals("PS256")) {
                verifier.setParameter(new PSSParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, 32, 1));
            }
            return verifier;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(alg + " is not available", e);
        }
    }

    private static byte[] decode(String base64url) {
        try {
            return BASE64URL.decode(base64url);
        } catch (IllegalArgumentException e) {
            throw new Refusal(DpopReason.PROOF_MALFORMED);
        }
    }

    private static Map<String, Object> json(String base64url) {
        try {
            return JsonUtil.parseJson(new String(decode(base64url), StandardCharsets.UTF_8));
        } catch (JoseException | RuntimeException e) {
            if (e instanceof Refusal refusal) {
                throw refusal;
            }
            throw new Refusal(DpopReason.PROOF_MALFORMED);
        }
    }

    private static String text(Map<String, Object> claims, String name) {
        return claims.get(name) instanceof String s ? s : null;
    }
}
