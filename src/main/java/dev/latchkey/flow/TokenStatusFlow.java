package dev.latchkey.flow;

import dev.latchkey.jobs.Revocations;
import dev.latchkey.jobs.AuditEvent;
import dev.latchkey.jobs.AuditEvent.Type;
import dev.latchkey.jobs.AuditLog;

import dev.latchkey.policy.Consumption;
import dev.latchkey.policy.ClientView;
import dev.latchkey.policy.TokenReason;
import dev.latchkey.policy.Refusal;
import dev.latchkey.policy.StoredRefreshToken;
import dev.latchkey.policy.TokenRequest;
import dev.latchkey.store.GrantRepository;
import dev.latchkey.store.UserRepository;
import dev.latchkey.token.AccessTokens;
import dev.latchkey.token.OpaqueTokens;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Revocation (RFC 7009) and introspection (RFC 7662). Both act only on the calling client's own tokens:
 * a token of another client is "unknown" to it.
 */
@ApplicationScoped
public class TokenStatusFlow {
    /** An access token whose signature was checked once, with its owner's username (user grants). */
    private record Verified(AccessTokens.Claims claims, String username) {
    }

    private final ClientAuthenticator authenticator;
    private final GrantRepository grants;
    private final UserRepository users;
    private final AccessTokens accessTokens;
    private final SigningKeyFlow keys;
    private final Revocations revocations;
    private final Event<Revocations.Changed> revoked;
    private final AuditLog audit;
    private final Clock clock;
    /** Resource servers introspect the same token many times: verify its signature once. */
    private final Cache<String, Verified> verified = Caffeine.newBuilder().maximumSize(4096)
            .expireAfterWrite(Duration.ofMinutes(1)).build();

    public TokenStatusFlow(ClientAuthenticator authenticator, GrantRepository grants,
                           UserRepository users, AccessTokens accessTokens, SigningKeyFlow keys, Revocations revocations,
                           Event<Revocations.Changed> revoked, AuditLog audit, Clock clock) {
        this.authenticator = authenticator;
        this.grants = grants;
        this.users = users;
        this.accessTokens = accessTokens;
        this.keys = keys;
        this.revocations = revocations;
        this.revoked = revoked;
        this.audit = audit;
        this.clock = clock;
    }

    /** RFC 7009 §2.1: revoking a refresh token ends its grant; an access token is remembered until expiry. */
    public void revoke(TokenRequest request, String address) {
        request.checkNoRepeats(TokenRequest.COMMON);
        ClientView client = authenticator.authenticate(request, address);
        String what = revoke(token(request), client);
        audit.record(AuditEvent.of(Type.TOKEN_REVOKED).actor(client.clientId()).client(client.clientId()).address(address)
                .detail(what));
    }

    /** @return what was revoked, for the audit trail */
    @Transactional
    String revoke(String token, ClientView client) {
        Instant now = clock.instant();
        Optional<String> what = looksLikeJwt(token)
                ? accessTokens.read(token, keys::reloadForUnknownKid)
                        .filter(claims -> client.clientId().equals(claims.clientId()))
                        .map(claims -> {
                            grants.revokeAccessToken(claims.jti(), claims.expiresAt());
                            return "access token " + claims.jti();
                        })
                : grants.findRefreshToken(OpaqueTokens.hash(token))
                        .filter(stored -> stored.clientId().equals(client.clientId()))
                        .map(stored -> {
                            grants.revokeFamily(stored.familyId(), now);
                            return "refresh token and its grant " + stored.familyId();
                        });
        // every instance reads revocations within a second; this one reads them as soon as this commits
        what.ifPresent(w -> revoked.fire(new Revocations.Changed()));
        return what.orElse("nothing: not a token of this client");
    }

    /** RFC 7662 §2.2: the token's description when it is live and the caller's, else {@code active: false}. */
    public Map<String, Object> introspect(TokenRequest request, String address) {
        request.checkNoRepeats(TokenRequest.COMMON);
        ClientView client = authenticator.authenticate(request, address);
        String token = token(request, client);
        // The token's shape says what it is (a JWT has dots, a refresh token never does), so the
        // token_type_hint can only agree; it is not needed to find the token.
        Optional<Map<String, Object>> found = looksLikeJwt(token) ? access(token, client) : refresh(token, client);
        return found.orElseGet(() -> Map.of("active", false));
    }

    /**
     * {@link #introspect} from memory alone (for the event loop): a JWT verified here before, asked about by a
     * client in the cache. Empty for everything else, which is answered on a worker thread.
     */
    public Optional<Map<String, Object>> introspectFromMemory(TokenRequest request, String address) {
        request.checkNoRepeats(TokenRequest.COMMON);
        Optional<ClientView> client = authenticator.authenticateFromMemory(request, address);
        if (client.isEmpty()) {
            return Optional.empty();
        }
        String token = token(request, client.get());
        Verified v = looksLikeJwt(token) ? verified.getIfPresent(token) : null;
        return v == null ? Optional.empty() : Optional.of(describe(v, client.get()).orElseGet(() -> Map.of("active", false)));
    }

    /** The token asked about; only a confidential client may ask (RFC 7662 §2.1). */
    private static String token(TokenRequest request, ClientView client) {
        String token = token(request);
        if (!client.isConfidential()) {
            throw new Refusal(TokenReason.CLIENT_AUTH_FAILED, "a public client cannot introspect tokens");
        }
        return token;
    }

    private Optional<Map<String, Object>> access(String token, ClientView caller) {
        Verified v = verified.getIfPresent(token);
        if (v == null) {
            Optional<AccessTokens.Claims> read = accessTokens.read(token, keys::reloadForUnknownKid);
            if (read.isEmpty()) {
                return Optional.empty();
            }
            AccessTokens.Claims c = read.get();
            v = new Verified(c, c.grantId() == null ? null : usernameOf(c.subject()).orElse(null));
            verified.put(token, v);
        }
        return describe(v, caller);
    }

    private Optional<Map<String, Object>> describe(Verified v, ClientView caller) {
        AccessTokens.Claims c = v.claims();
        Instant now = clock.instant();
        if (!caller.clientId().equals(c.clientId()) || c.expiresAt() == null || !now.isBefore(c.expiresAt())
                || revocations.jtiRevoked(c.jti()) || revocations.familyEnded(c.grantId()) || !caller.enabled()) {
            return Optional.empty();
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("active", true);
        out.put("scope", c.scope());
        out.put("client_id", c.clientId());
        out.put("sub", c.subject());
        if (v.username() != null) {
            out.put("username", v.username());
        }
        out.put("token_type", c.jkt() == null ? "Bearer" : "DPoP");
        if (c.jkt() != null) {
            out.put("cnf", Map.of("jkt", c.jkt())); // RFC 9449 §6.2
        }
        out.put("exp", c.expiresAt().getEpochSecond());
        if (c.issuedAt() != null) {
            out.put("iat", c.issuedAt().getEpochSecond());
        }
        out.put("iss", accessTokens.issuer());
        out.put("aud", c.audience());
        out.put("jti", c.jti());
        return Optional.of(out);
    }

    Optional<String> usernameOf(String subject) {
        try {
            return users.username(UUID.fromString(subject));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    Optional<Map<String, Object>> refresh(String token, ClientView caller) {
        Instant now = clock.instant();
        Optional<StoredRefreshToken> stored = grants.findRefreshToken(OpaqueTokens.hash(token));
        return stored
                .filter(t -> t.clientId().equals(caller.clientId()))
                .filter(t -> t.consumption() != Consumption.USED_BEFORE && !t.familyRevoked() && now.isBefore(t.expiresAt()))
                .map(t -> {
                    Map<String, Object> out = new LinkedHashMap<>();
                    out.put("active", true);
                    out.put("scope", t.scopes());
                    out.put("client_id", t.clientId());
                    out.put("sub", t.userId().toString());
                    users.username(t.userId()).ifPresent(u -> out.put("username", u));
                    out.put("token_type", "refresh_token");
                    out.put("exp", t.expiresAt().getEpochSecond());
                    out.put("iss", accessTokens.issuer());
                    return out;
                });
    }

    private static String token(TokenRequest request) {
        String token = request.get("token");
        if (token == null) {
            throw new Refusal(TokenReason.TOKEN_MISSING);
        }
        return token;
    }

    private static boolean looksLikeJwt(String token) {
        return token.indexOf('.') > 0;
    }
}
