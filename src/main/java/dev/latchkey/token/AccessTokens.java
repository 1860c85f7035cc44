package dev.latchkey.token;

import dev.latchkey.config.Issuer;
import dev.latchkey.config.LatchkeyConfig;
import jakarta.inject.Singleton;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.MalformedClaimException;
import org.jose4j.jwt.NumericDate;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.lang.JoseException;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Access tokens as JWTs per RFC 9068: {@code typ: at+jwt}, {@code iss sub aud exp iat jti client_id scope},
 * and {@code sid} (the grant) for user grants. Signed with the active key; verified against any published one.
 */
@Singleton
public class AccessTokens {

    /** What an access token says, once its signature and issuer are checked. */
    public record Claims(String jti, String subject, String clientId, String scope, String grantId,
                         Instant issuedAt, Instant expiresAt, List<String> audience) {
    }

    public record Issued(String jwt, String jti, Instant expiresAt) {
    }

    private final KeyRing keys;
    private final String issuer;
    private final String audience;
    private final LatchkeyConfig config;
    private final Clock clock;

    public AccessTokens(KeyRing keys, Issuer issuer, LatchkeyConfig config, Clock clock) {
        this.keys = keys;
        this.issuer = issuer.value();
        this.audience = config.token().audience().orElse(this.issuer);
        this.config = config;
        this.clock = clock;
    }

    public String issuer() {
        return issuer;
    }

    /** @param grantId the grant family of a user grant, or null for client_credentials */
    public Issued issue(String subject, String clientId, String scope, String grantId) {
        Instant now = clock.instant();
        Instant expires = now.plus(config.token().accessLifetime());
        String jti = OpaqueTokens.newId();
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(issuer);
        claims.setSubject(subject);
        claims.setAudience(audience);
        claims.setIssuedAt(NumericDate.fromSeconds(now.getEpochSecond()));
        claims.setExpirationTime(NumericDate.fromSeconds(expires.getEpochSecond()));
        claims.setJwtId(jti);
        claims.setClaim("client_id", clientId);
        claims.setClaim("scope", scope);
        if (grantId != null) {
            claims.setClaim("sid", grantId);
        }
        // jose4j (the JOSE library under SmallRye JWT) directly: SmallRye's builder reads six configuration
        // properties for every token it signs, a tenth of the token endpoint's CPU in a profile.
        KeyRing.ActiveKey key = keys.active();
        JsonWebSignature jws = new JsonWebSignature();
        jws.setKeyIdHeaderValue(key.kid());
        jws.setHeader("typ", "at+jwt");
        jws.setAlgorithmHeaderValue(key.algorithm());
        jws.setPayload(claims.toJson());
        jws.setKey(key.privateKey());
        String jwt;
        try {
            jwt = jws.getCompactSerialization();
        } catch (JoseException e) {
            throw new IllegalStateException("signing an access token failed", e);
        }
        return new Issued(jwt, jti, Instant.ofEpochSecond(expires.getEpochSecond()));
    }

    /**
     * The claims of a token this server signed, whatever its expiry (the caller judges that), or empty
     * when it is not one: not a JWS, unknown kid, bad signature, other issuer or type.
     *
     * @param reloadKeys called once when the kid is unknown here (another instance may have rotated)
     */
    public Optional<Claims> read(String token, Runnable reloadKeys) {
        try {
            JsonWebSignature jws = new JsonWebSignature();
            jws.setCompactSerialization(token);
            String kid = jws.getKeyIdHeaderValue();
            Optional<KeyRing.PublishedKey> key = keys.published(kid);
            if (key.isEmpty()) {
                reloadKeys.run();
                key = keys.published(kid);
            }
            if (key.isEmpty() || !key.get().algorithm().equals(jws.getAlgorithmHeaderValue())
                    || !"at+jwt".equals(jws.getHeader("typ"))) {
                return Optional.empty();
            }
            jws.setKey(key.get().publicKey());
            if (!jws.verifySignature()) {
                return Optional.empty();
            }
            JwtClaims claims = JwtClaims.parse(jws.getPayload());
            if (!issuer.equals(claims.getIssuer())) {
                return Optional.empty();
            }
            return Optional.of(new Claims(claims.getJwtId(), claims.getSubject(),
                    claims.getStringClaimValue("client_id"), claims.getStringClaimValue("scope"),
                    claims.getStringClaimValue("sid"), instant(claims, c -> c.getIssuedAt()),
                    instant(claims, c -> c.getExpirationTime()), claims.getAudience()));
        } catch (JoseException | InvalidJwtException | MalformedClaimException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private interface ClaimTime {
        org.jose4j.jwt.NumericDate get(JwtClaims claims) throws MalformedClaimException;
    }

    private static Instant instant(JwtClaims claims, ClaimTime time) throws MalformedClaimException {
        var value = time.get(claims);
        return value == null ? null : Instant.ofEpochSecond(value.getValue());
    }
}
