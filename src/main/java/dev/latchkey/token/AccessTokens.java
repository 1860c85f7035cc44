package dev.latchkey.token;

import dev.latchkey.config.Issuer;
import dev.latchkey.config.LatchkeyConfig;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.ParseException;
import io.smallrye.jwt.build.Jwt;
import jakarta.inject.Singleton;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.MalformedClaimException;
import org.jose4j.jwt.NumericDate;
import org.jose4j.jwt.consumer.JwtContext;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Access tokens as JWTs per RFC 9068: {@code typ: at+jwt} (or {@code JWT} when configured),
 * {@code iss sub aud exp iat jti client_id scope},
 * and {@code grant_id} (the grant) for user grants. Built and signed by SmallRye JWT's builder with the active key;
 * verified by SmallRye JWT's parser against the published ones. Every claim and header is set here, so the
 * builder fills in nothing from configuration.
 */
@Singleton
public class AccessTokens {

    /**
     * What an access token says, once its signature and issuer are checked.
     *
     * @param act the {@code act} claim (RFC 8693 §4.1) of an exchanged token, or null
     * @param jkt the {@code cnf.jkt} of a token bound to a DPoP key (RFC 9449 §6.1), or null
     */
    public record Claims(String jti, String subject, String clientId, String scope, String grantId,
                         Instant issuedAt, Instant expiresAt, List<String> audience, Map<String, Object> act,
                         String jkt) {
    }

    public record Issued(String jwt, String jti, Instant expiresAt) {
    }

    private final KeyRing keys;
    private final String issuer;
    private final String audience;
    private final LatchkeyConfig config;
    private final Clock clock;
    private final String typ;
    /** What the parser checks besides the signature: this issuer and an expiry, at any time (the caller judges it). */
    private final JWTAuthContextInfo verification;

    public AccessTokens(KeyRing keys, Issuer issuer, LatchkeyConfig config, Clock clock) {
        this.keys = keys;
        this.issuer = issuer.value();
        this.audience = config.token().audience().orElse(this.issuer);
        this.config = config;
        this.clock = clock;
        this.typ = config.accessTokenTyp();
        this.verification = new JWTAuthContextInfo();
        verification.setIssuedBy(this.issuer);
        verification.setSignatureAlgorithm(Set.of(SignatureAlgorithm.ES256, SignatureAlgorithm.RS256));
        verification.setExpGracePeriodSecs(0);
    }

    public String issuer() {
        return issuer;
    }

    /**
     * @param grantId the grant family of a user grant, or null for client_credentials
     * @param jkt     the thumbprint of the DPoP key the token is bound to (RFC 9449 §6.1), or null for a bearer token
     */
    public Issued issue(String subject, String clientId, String scope, String grantId, String jkt) {
        return issue(subject, clientId, scope, grantId, List.of(), null, jkt);
    }

    /**
     * @param resources the token's audience (RFC 8707): its resources' URIs, or none for the default audience
     * @param typ       the header {@code typ} its resources accept, or null for the configured one
     */
    public Issued issue(String subject, String clientId, String scope, String grantId, List<String> resources,
                        String typ, String jkt) {
        return issue(subject, clientId, scope, grantId, resources, typ, null, null, jkt);
    }

    /**
     * @param notAfter the latest expiry (an exchanged token outlives no token it came from), or null
     * @param act      the {@code act} claim (RFC 8693 §4.1), or null
     */
    public Issued issue(String subject, String clientId, String scope, String grantId, List<String> resources,
                        String typ, Instant notAfter, Map<String, Object> act, String jkt) {
        long now = clock.instant().getEpochSecond();
        long expires = now + config.token().accessLifetime().getSeconds();
        if (notAfter != null) {
            expires = Math.min(expires, notAfter.getEpochSecond());
        }
        String jti = OpaqueTokens.newId();
        var claims = Jwt.issuer(issuer)
                .subject(subject)
                .claim("aud", resources.isEmpty() ? audience : resources.size() == 1 ? resources.get(0) : resources)
                .issuedAt(now)
                .expiresAt(expires)
                .claim("jti", jti)
                .claim("client_id", clientId)
                .claim("scope", scope);
        if (grantId != null) {
            claims.claim("grant_id", grantId);
        }
        if (act != null) {
            claims.claim("act", act);
        }
        if (jkt != null) {
            claims.claim("cnf", Map.of("jkt", jkt));
        }
        KeyRing.ActiveKey key = keys.active();
        String jwt = claims.jws()
                .keyId(key.kid())
                .header("typ", typ == null ? this.typ : typ)
                .algorithm(SignatureAlgorithm.fromAlgorithm(key.algorithm()))
                .sign(key.privateKey());
        return new Issued(jwt, jti, Instant.ofEpochSecond(expires));
    }

    /**
     * The claims of a token this server signed, whatever its expiry (the caller judges that), or empty
     * when it is not one: not a JWS, unknown kid, bad signature, other issuer or type.
     *
     * @param reloadKeys called once when the kid is unknown here (another instance may have rotated)
     */
    public Optional<Claims> read(String token, Runnable reloadKeys) {
        try {
            JwtContext context = new KeyRingParser(keys, reloadKeys).parse(token, verification);
            // either typ: tokens signed before an operator switched it stay valid
            String header = context.getJoseObjects().get(0).getHeader("typ");
            if (!LatchkeyConfig.AT_JWT.equals(header) && !LatchkeyConfig.JWT.equals(header)) {
                return Optional.empty();
            }
            JwtClaims claims = context.getJwtClaims();
            if (claims.getStringClaimValue("client_id") == null || claims.getJwtId() == null) {
                return Optional.empty(); // an id_token (typ JWT too, when access tokens are JWT) is no access token
            }
            return Optional.of(new Claims(claims.getJwtId(), claims.getSubject(),
                    claims.getStringClaimValue("client_id"), claims.getStringClaimValue("scope"),
                    claims.getStringClaimValue("grant_id"), instant(claims.getIssuedAt()),
                    instant(claims.getExpirationTime()), claims.getAudience(), act(claims.getClaimValue("act")),
                    jkt(claims.getClaimValue("cnf"))));
        } catch (ParseException | MalformedClaimException | RuntimeException e) {
            return Optional.empty();
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> act(Object claim) {
        return claim instanceof Map<?, ?> map ? (Map<String, Object>) map : null;
    }

    private static String jkt(Object cnf) {
        return cnf instanceof Map<?, ?> map && map.get("jkt") instanceof String jkt ? jkt : null;
    }

    private static Instant instant(NumericDate value) {
        return value == null ? null : Instant.ofEpochSecond(value.getValue());
    }
}
