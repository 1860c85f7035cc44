package dev.latchkey.token;

import dev.latchkey.config.Issuer;
import dev.latchkey.config.LatchkeyConfig;
import dev.latchkey.policy.OpenIdSubject;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.ParseException;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;
import jakarta.inject.Singleton;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.MalformedClaimException;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * id_tokens (OpenID Connect Core 1.0 §2, §3.1.3.6): built and signed by SmallRye JWT's builder with the active
 * key of the client's {@code id_token_signed_response_alg}, {@code typ: JWT}; and read back, as an
 * {@code id_token_hint}, by SmallRye JWT's parser.
 */
@Singleton
public class IdTokens {

    /** What an id_token_hint says, once its signature and issuer are checked (it may have expired). */
    public record Hint(String subject, List<String> audience) {
    }

    private final KeyRing keys;
    private final String issuer;
    private final long lifetimeSeconds;
    private final Clock clock;
    private final JWTAuthContextInfo hintVerification;

    public IdTokens(KeyRing keys, Issuer issuer, LatchkeyConfig config, Clock clock) {
        this.keys = keys;
        this.issuer = issuer.value();
        this.lifetimeSeconds = config.token().accessLifetime().getSeconds();
        this.clock = clock;
        this.hintVerification = new JWTAuthContextInfo();
        hintVerification.setIssuedBy(this.issuer);
        hintVerification.setSignatureAlgorithm(Set.of(SignatureAlgorithm.ES256, SignatureAlgorithm.RS256));
        // RP-Initiated Logout §2: an expired id_token_hint still says who is signing out
        hintVerification.setExpGracePeriodSecs((int) Math.min(Integer.MAX_VALUE,
                config.session().lifetime().getSeconds()));
    }

    /**
     * @param algorithm   the client's {@code id_token_signed_response_alg}
     * @param accessToken the access token issued beside it, for {@code at_hash}
     * @param claims      the claims the granted scopes release
     */
    public String issue(String algorithm, String subject, String clientId, OpenIdSubject user, String accessToken,
                        Map<String, Object> claims) {
        long now = clock.instant().getEpochSecond();
        JwtClaimsBuilder builder = Jwt.issuer(issuer)
                .subject(subject)
                .audience(clientId)
                .claim("azp", clientId)
                .issuedAt(now)
                .expiresAt(now + lifetimeSeconds);
        if (user.authTime() != null) {
            builder.claim("auth_time", user.authTime().getEpochSecond());
        }
        if (user.nonce() != null) {
            builder.claim("nonce", user.nonce());
        }
        builder.claim("at_hash", atHash(accessToken));
        claims.forEach(builder::claim);
        KeyRing.ActiveKey key = keys.active(algorithm);
        return builder.jws()
                .keyId(key.kid())
                .header("typ", "JWT")
                .algorithm(SignatureAlgorithm.fromAlgorithm(key.algorithm()))
                .sign(key.privateKey());
    }

    /**
     * §3.1.3.6: the left half of the SHA-256 of the access token, base64url; SHA-256 is the hash of both
     * ES256 and RS256.
     */
    static String atHash(String accessToken) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(accessToken.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(digest, digest.length / 2));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * An id_token this server signed, expired within the session lifetime or not, or empty when it is not
     * one (not a JWS, unknown key, bad signature, another issuer).
     */
    public Optional<Hint> readHint(String idToken, Runnable reloadKeys) {
        try {
            JwtClaims claims = new KeyRingParser(keys, reloadKeys).parse(idToken, hintVerification).getJwtClaims();
            if (claims.getSubject() == null || claims.getAudience().isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(new Hint(claims.getSubject(), claims.getAudience()));
        } catch (ParseException | MalformedClaimException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
