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
import dev.latchkey.policy.TokenExchangePolicy.Presented;
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
        TokenExchangePolicy.checkRequest(request);
        Runnable keysUnknown = () -> { };
        Optional<AccessTokens.Claims> subject = accessTokens.read(request.get("subject_token"), keysUnknown);
        String actorToken = request.get("actor_token");
        Optional<AccessTokens.Claims> actor = actorToken == null ? Optional.empty()
                : accessTokens.read(actorToken, keysUnknown);
        if (subject.isEmpty() || (actorToken != null && actor.isEmpty())) {
            return Optional.empty(); // perhaps a key this instance has not loaded yet: the worker reloads them
        }
        Exchange exchange = check(request, client, subject, actor);
        return audiences.fromMemory(exchange.targets(), client, exchange.scopes()).map(a -> issue(client, exchange, a));
    }

    @Override
    public IssuedTokens issue(TokenRequest request, ClientView client, String address) {
        TokenExchangePolicy.checkRequest(request);
        Optional<AccessTokens.Claims> subject = accessTokens.read(request.get("subject_token"),
                keys::reloadForUnknownKid);
        String actorToken = request.get("actor_token");
        Optional<AccessTokens.Claims> actor = actorToken == null ? Optional.empty()
                : accessTokens.read(actorToken, keys::reloadForUnknownKid);
        Exchange exchange = check(request, client, subject, actor);
        return issue(client, exchange, audiences.of(exchange.targets(), client, exchange.scopes()));
    }

    private Exchange check(TokenRequest request, ClientView client, Optional<AccessTokens.Claims> subject,
                           Optional<AccessTokens.Claims> actor) {
        return TokenExchangePolicy.check(request, client, subject.map(this::presented).orElse(null),
                request.get("actor_token") != null, actor.map(this::presented).orElse(null), clock.instant(),
                lifetime);
    }

    private IssuedTokens issue(ClientView client, Exchange exchange, Audience audience) {
        String scope = Scopes.format(audience.scopes());
        Presented subject = exchange.subject();
        AccessTokens.Issued issued = accessTokens.issue(subject.subject(), client.clientId(), scope,
                subject.grantId(), audience.uris(), audience.typ(), exchange.expiresAt(), exchange.act());
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

    private Presented presented(AccessTokens.Claims c) {
        Set<String> scopes = c.scope() == null ? Set.of() : Scopes.parse(c.scope()).orElse(Set.of());
        return new Presented(c.subject(), c.clientId(), scopes, c.grantId(), c.expiresAt(), c.act(),
                revocations.jtiRevoked(c.jti()) || revocations.familyEnded(c.grantId()));
    }
}
