package dev.latchkey.flow.grant;

import dev.latchkey.config.LatchkeyConfig;
import dev.latchkey.flow.SigningKeyFlow;
import dev.latchkey.jobs.Revocations;
import dev.latchkey.policy.ClientView;
import dev.latchkey.policy.GrantRule;
import dev.latchkey.policy.ResourcePolicy.Audience;
import dev.latchkey.policy.Scopes;
import dev.latchkey.policy.TokenExchangePolicy;
import dev.latchkey.policy.TokenExchangePolicy.Exchange;
import dev.latchkey.policy.TokenRequest;
import dev.latchkey.token.AccessTokens;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * RFC 8693: a backend trades the access token it was called with for one aimed at the next API, on the same
 * user's behalf. Reads no table: the presented tokens are verified by signature and checked against the
 * revocations every instance keeps in memory, so it is answered on the event loop like client_credentials. The
 * new token carries the subject token's grant, so withdrawing that grant ends it too.
 */
@ApplicationScoped
public class TokenExchangeGrant implements GrantHandler, TokenResponseContributor {
    private final AccessTokens accessTokens;
    private final Audiences audiences;
    private final Revocations revocations;
    private final SigningKeyFlow keys;
    private final Duration lifetime;
    private final Clock clock;

    public TokenExchangeGrant(AccessTokens accessTokens, Audiences audiences, Revocations revocations,
                              SigningKeyFlow keys, LatchkeyConfig config, Clock clock) {
        this.accessTokens = accessTokens;
        this.audiences = audiences;
        this.revocations = revocations;
        this.keys = keys;
        this.lifetime = config.token().accessLifetime();
        this.clock = clock;
    }

    @Override
    public GrantRule rule() {
        return TokenExchangePolicy.RULE;
    }

    @Override
    public int order() {
        return 40;
    }

    @Override
    public Set<String> parameters() {
        return TokenExchangePolicy.PARAMETERS;
    }

    @Override
    public Optional<IssuedTokens> fromMemory(TokenRequest request, ClientView client) {
        Presented tokens = presented(request, () -> { });
        if (!tokens.allRead(request)) {
            return Optional.empty(); // perhaps signed by a key this instance has not loaded: the worker reloads
        }
        Exchange exchange = check(request, client, tokens);
        return audiences.fromMemory(exchange.targets(), client, exchange.scopes())
                .map(audience -> issue(client, exchange, audience, request.dpopJkt()));
    }

    @Override
    public IssuedTokens issue(TokenRequest request, ClientView client, String address) {
        Exchange exchange = check(request, client, presented(request, keys::reloadForUnknownKid));
        return issue(client, exchange, audiences.of(exchange.targets(), client, exchange.scopes()), request.dpopJkt());
    }

    /** The subject and actor tokens as read; null for one that is not ours (or was not sent). */
    private record Presented(TokenExchangePolicy.Presented subject, TokenExchangePolicy.Presented actor) {
        boolean allRead(TokenRequest request) {
            return subject != null && (actor != null || request.get("actor_token") == null);
        }
    }

    private Presented presented(TokenRequest request, Runnable reloadKeys) {
        TokenExchangePolicy.checkRequest(request);
        String actorToken = request.get("actor_token");
        return new Presented(read(request.get("subject_token"), reloadKeys),
                actorToken == null ? null : read(actorToken, reloadKeys));
    }

    private TokenExchangePolicy.Presented read(String token, Runnable reloadKeys) {
        return accessTokens.read(token, reloadKeys).map(this::presented).orElse(null);
    }

    private Exchange check(TokenRequest request, ClientView client, Presented tokens) {
        return TokenExchangePolicy.check(request, client, tokens.subject(), request.get("actor_token") != null,
                tokens.actor(), clock.instant(), lifetime);
    }

    private IssuedTokens issue(ClientView client, Exchange exchange, Audience audience, String jkt) {
        String scope = Scopes.format(audience.scopes());
        TokenExchangePolicy.Presented subject = exchange.subject();
        AccessTokens.Issued issued = accessTokens.issue(subject.subject(), client.clientId(), scope,
                subject.grantId(), audience.uris(), audience.typ(), exchange.expiresAt(), exchange.act(), jkt);
        long expiresIn = Math.max(0, issued.expiresAt().getEpochSecond() - clock.instant().getEpochSecond());
        return new IssuedTokens(issued.jwt(), expiresIn, scope, null, subject.subject(), subject.grantId(), null,
                scope);
    }

    /** RFC 8693 §2.2.1: what was issued. */
    @Override
    public void contribute(String grantType, TokenRequest request, ClientView client, IssuedTokens issued,
                           Map<String, Object> members) {
        if (TokenExchangePolicy.GRANT_TYPE.equals(grantType)) {
            members.put("issued_token_type", TokenExchangePolicy.ACCESS_TOKEN_TYPE);
        }
    }

    private TokenExchangePolicy.Presented presented(AccessTokens.Claims c) {
        Set<String> scopes = c.scope() == null ? Set.of() : Scopes.parse(c.scope()).orElse(Set.of());
        return new TokenExchangePolicy.Presented(c.subject(), c.clientId(), scopes, c.grantId(), c.expiresAt(), c.act(),
                revocations.jtiRevoked(c.jti()) || revocations.familyEnded(c.grantId()));
    }
}
