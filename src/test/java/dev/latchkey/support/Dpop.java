package dev.latchkey.support;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.oauth2.sdk.dpop.DefaultDPoPProofFactory;
import com.nimbusds.oauth2.sdk.token.DPoPAccessToken;
import com.nimbusds.openid.connect.sdk.Nonce;

import java.net.URI;
import java.util.Date;
import java.util.UUID;

/**
 * A client's DPoP key (RFC 9449), its proofs made by the Nimbus OAuth SDK as a real client makes them, and
 * hand-made ones for the checks a well-behaved client never fails.
 */
public final class Dpop {
    public static final String ISSUER = "http://localhost:8081";
    public static final URI TOKEN = URI.create(ISSUER + "/oauth2/token");
    public static final URI USERINFO = URI.create(ISSUER + "/oauth2/userinfo");

    public final ECKey key;
    private final DefaultDPoPProofFactory factory;

    private Dpop(ECKey key) {
        this.key = key;
        try {
            this.factory = new DefaultDPoPProofFactory(key, JWSAlgorithm.ES256);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static Dpop newKey() {
        try {
            return new Dpop(new ECKeyGenerator(Curve.P_256).generate());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The RFC 7638 thumbprint: what a bound token's cnf.jkt must be. */
    public String jkt() {
        try {
            return key.computeThumbprint().toString();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public String proof(String method, URI uri) {
        try {
            return factory.createDPoPJWT(method, uri).serialize();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public String proof(String method, URI uri, String nonce) {
        try {
            return factory.createDPoPJWT(method, uri, new Nonce(nonce)).serialize();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A proof for a request that presents {@code accessToken} (with its ath). */
    public String proofFor(String method, URI uri, String accessToken) {
        try {
            return factory.createDPoPJWT(method, uri, new DPoPAccessToken(accessToken)).serialize();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public String proofFor(String method, URI uri, String accessToken, String nonce) {
        try {
            return factory.createDPoPJWT(method, uri, new DPoPAccessToken(accessToken), new Nonce(nonce)).serialize();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The claims of a valid proof for a POST to the token endpoint. */
    public static JWTClaimsSet.Builder claims() {
        return new JWTClaimsSet.Builder().jwtID(UUID.randomUUID().toString()).claim("htm", "POST")
                .claim("htu", TOKEN.toString()).issueTime(new Date());
    }

    /** A hand-made proof: this header's typ and jwk, signed by this key. */
    public String handMade(JOSEObjectType typ, JWK headerJwk, JWTClaimsSet claims) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).type(typ).jwk(headerJwk).build(),
                    claims);
            jwt.sign(new ECDSASigner(key));
            return jwt.serialize();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A proof whose header carries the private key too (Nimbus will not build one: the JSON is written here). */
    public String withPrivateJwk(JWTClaimsSet claims) {
        try {
            String header = Base64URL.encode("{\"typ\":\"dpop+jwt\",\"alg\":\"ES256\",\"jwk\":" + key.toJSONString()
                    + "}").toString();
            String input = header + "." + Base64URL.encode(claims.toString());
            return input + "." + new ECDSASigner(key).sign(new JWSHeader(JWSAlgorithm.ES256),
                    input.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public String handMade(JWTClaimsSet claims) {
        return handMade(new JOSEObjectType("dpop+jwt"), key.toPublicJWK(), claims);
    }
}
