package dev.latchkey.flow;

import dev.latchkey.policy.ClientView;
import dev.latchkey.policy.Reason;
import dev.latchkey.policy.Refusal;
import dev.latchkey.policy.StoredRefreshToken;
import dev.latchkey.policy.TokenRequest;
import dev.latchkey.store.GrantRepository;
import dev.latchkey.token.AccessTokens;
import dev.latchkey.token.OpaqueTokens;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Clock;
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
    private final ClientAuthenticator authenticator;
    private final ClientLookup clients;
    private final GrantRepository grants;
    private final AccessTokens accessTokens;
    private final SigningKeyFlow keys;
    private final Clock clock;

    public TokenStatusFlow(ClientAuthenticator authenticator, ClientLookup clients, GrantRepository grants,
                           AccessTokens accessTokens, SigningKeyFlow keys, Clock clock) {
        this.authenticator = authenticator;
        this.clients = clients;
        this.grants = grants;
        this.accessTokens = accessTokens;
        this.keys = keys;
        this.clock = clock;
    }

    /** RFC 7009 §2.1: revoking a refresh token ends its grant; an access token is remembered until expiry. */
    public void revoke(TokenRequest request, String address) {
        request.checkNoRepeats();
        ClientView client = authenticator.authenticate(request, address);
        revoke(token(request), client);
    }

    @Transactional
    void revoke(String token, ClientView client) {
        Instant now = clock.instant();
        if (looksLikeJwt(token)) {
            accessTokens.read(token, keys::reloadForUnknownKid)
                    .filter(claims -> client.clientId().equals(claims.clientId()))
                    .ifPresent(claims -> grants.revokeAccessToken(claims.jti(), claims.expiresAt()));
            return;
        }
        grants.findRefreshToken(OpaqueTokens.hash(token))
                .filter(stored -> stored.clientId().equals(client.clientId()))
                .ifPresent(stored -> grants.revokeFamily(stored.familyId(), now));
    }

    /** RFC 7662 §2.2: the token's description when it is live and the caller's, else {@code active: false}. */
    public Map<String, Object> introspect(TokenRequest request, String address) {
        request.checkNoRepeats();
        ClientView client = authenticator.authenticate(request, address);
        String token = token(request);
        if (!client.isConfidential()) {
            throw new Refusal(Reason.CLIENT_AUTH_FAILED, "a public client cannot introspect tokens");
        }
        boolean refreshFirst = "refresh_token".equals(request.get("token_type_hint"));
        Optional<Map<String, Object>> found = refreshFirst
                ? refresh(token, client).or(() -> access(token, client))
                : access(token, client).or(() -> refresh(token, client));
        return found.orElseGet(() -> Map.of("active", false));
    }

    private Optional<Map<String, Object>> access(String token, ClientView caller) {
        if (!looksLikeJwt(token)) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        return accessTokens.read(token, keys::reloadForUnknownKid)
                .filter(c -> caller.clientId().equals(c.clientId()))
                .filter(c -> c.expiresAt() != null && now.isBefore(c.expiresAt()))
                .filter(c -> clients.find(c.clientId()).filter(ClientView::enabled).isPresent())
                .filter(c -> accessTokenLive(c.jti(), c.grantId()))
                .map(c -> {
                    Map<String, Object> out = new LinkedHashMap<>();
                    out.put("active", true);
                    out.put("scope", c.scope());
                    out.put("client_id", c.clientId());
                    out.put("sub", c.subject());
                    if (c.grantId() != null) {
                        usernameOf(c.subject()).ifPresent(u -> out.put("username", u));
                    }
                    out.put("token_type", "Bearer");
                    out.put("exp", c.expiresAt().getEpochSecond());
                    out.put("iat", c.issuedAt() == null ? null : c.issuedAt().getEpochSecond());
                    out.put("iss", accessTokens.issuer());
                    out.put("aud", c.audience());
                    out.put("jti", c.jti());
                    return out;
                });
    }

    @Transactional
    boolean accessTokenLive(String jti, String grantId) {
        if (jti == null || grants.accessTokenRevoked(jti)) {
            return false;
        }
        return grantId == null || grants.familyLive(UUID.fromString(grantId));
    }

    @Transactional
    Optional<String> usernameOf(String subject) {
        try {
            return grants.username(UUID.fromString(subject));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    @Transactional
    Optional<Map<String, Object>> refresh(String token, ClientView caller) {
        Instant now = clock.instant();
        Optional<StoredRefreshToken> stored = grants.findRefreshToken(OpaqueTokens.hash(token));
        return stored
                .filter(t -> t.clientId().equals(caller.clientId()))
                .filter(t -> !t.rotatedBefore() && !t.familyRevoked() && now.isBefore(t.expiresAt()))
                .map(t -> {
                    Map<String, Object> out = new LinkedHashMap<>();
                    out.put("active", true);
                    out.put("scope", t.scopes());
                    out.put("client_id", t.clientId());
                    out.put("sub", t.userId().toString());
                    grants.username(t.userId()).ifPresent(u -> out.put("username", u));
                    out.put("token_type", "refresh_token");
                    out.put("exp", t.expiresAt().getEpochSecond());
                    out.put("iss", accessTokens.issuer());
                    return out;
                });
    }

    private static String token(TokenRequest request) {
        String token = request.get("token");
        if (token == null) {
            throw new Refusal(Reason.TOKEN_MISSING);
        }
        return token;
    }

    private static boolean looksLikeJwt(String token) {
        return token.indexOf('.') > 0;
    }
}
