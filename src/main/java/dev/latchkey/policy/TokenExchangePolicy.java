package dev.latchkey.policy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The token exchange grant's checks (RFC 8693 §2.1): an access token this server issued traded for one aimed at
 * another API, never with more scope than it holds, never living longer; with an actor token, the new token says
 * who acts for the subject ({@code act}, §4.1).
 */
public final class TokenExchangePolicy {
    public static final String GRANT_TYPE = "urn:ietf:params:oauth:grant-type:token-exchange";
    public static final String ACCESS_TOKEN_TYPE = "urn:ietf:params:oauth:token-type:access_token";
    /** RFC 8693 §2.1: may be sent more than once, like {@code resource}. */
    public static final String AUDIENCE = "audience";
    public static final Set<String> PARAMETERS = Set.of("subject_token", "subject_token_type", "actor_token",
            "actor_token_type", "requested_token_type");
    /** Between backends: only a client with a secret may trade a token. */
    public static final GrantRule RULE = new GrantRule(GRANT_TYPE, true, null, null, false);

    /**
     * A token presented for exchange, as read and checked for signature and issuer.
     *
     * @param act     its own {@code act} claim, or null
     * @param revoked whether it, or the grant it came from, was revoked
     */
    public record Presented(String subject, String clientId, Set<String> scopes, String grantId, Instant expiresAt,
                            Map<String, Object> act, boolean revoked) {
    }

    /**
     * What to issue.
     *
     * @param targets   the {@code audience} and {@code resource} values, for RFC 8707's rules
     * @param expiresAt no later than the subject token's expiry
     * @param act       the {@code act} claim, or null
     */
    public record Exchange(Presented subject, Set<String> scopes, List<String> targets, Instant expiresAt,
                           Map<String, Object> act) {
    }

    private TokenExchangePolicy() {
    }

    /** The request's own parameters, before any token is read. */
    public static void checkRequest(TokenRequest request) {
        if (request.get("subject_token") == null) {
            throw new Refusal(TokenExchangeReason.SUBJECT_TOKEN_MISSING);
        }
        if (!ACCESS_TOKEN_TYPE.equals(request.get("subject_token_type"))) {
            throw new Refusal(TokenExchangeReason.SUBJECT_TOKEN_TYPE_UNSUPPORTED);
        }
        boolean actor = request.get("actor_token") != null;
        String actorType = request.get("actor_token_type");
        if (actor && actorType == null) {
            throw new Refusal(TokenExchangeReason.ACTOR_TOKEN_TYPE_MISSING);
        }
        if (!actor && actorType != null) {
            throw new Refusal(TokenExchangeReason.ACTOR_TOKEN_MISSING);
        }
        if (actor && !ACCESS_TOKEN_TYPE.equals(actorType)) {
            throw new Refusal(TokenExchangeReason.ACTOR_TOKEN_TYPE_UNSUPPORTED);
        }
        String requested = request.get("requested_token_type");
        if (requested != null && !ACCESS_TOKEN_TYPE.equals(requested)) {
            throw new Refusal(TokenExchangeReason.REQUESTED_TOKEN_TYPE_UNSUPPORTED);
        }
    }

    /**
     * @param subject  the subject token read, or null when it is not one this server issued
     * @param actor    the actor token read; null when none was sent or it is not one of ours ({@code actorSent})
     * @param lifetime the configured access token lifetime
     */
    public static Exchange check(TokenRequest request, ClientView client, Presented subject, boolean actorSent,
                                 Presented actor, Instant now, Duration lifetime) {
        acceptable(subject, now, TokenExchangeReason.SUBJECT_TOKEN_INVALID, TokenExchangeReason.SUBJECT_TOKEN_EXPIRED,
                TokenExchangeReason.SUBJECT_TOKEN_REVOKED);
        if (actorSent) {
            acceptable(actor, now, TokenExchangeReason.ACTOR_TOKEN_INVALID, TokenExchangeReason.ACTOR_TOKEN_EXPIRED,
                    TokenExchangeReason.ACTOR_TOKEN_REVOKED);
        }
        Set<String> scopes = scopes(TokenPolicy.requestedScopes(request), subject, client);
        Instant limit = now.plus(lifetime);
        Instant expiresAt = subject.expiresAt().isBefore(limit) ? subject.expiresAt() : limit;
        List<String> targets = new ArrayList<>(new LinkedHashSet<>(request.params().all(AUDIENCE)));
        for (String resource : request.params().all(ResourcePolicy.PARAMETER)) {
            if (!targets.contains(resource)) {
                targets.add(resource);
            }
        }
        return new Exchange(subject, scopes, targets, expiresAt, act(subject, actorSent ? actor : null));
    }

    private static void acceptable(Presented token, Instant now, TokenExchangeReason invalid,
                                   TokenExchangeReason expired, TokenExchangeReason revoked) {
        if (token == null) {
            throw new Refusal(invalid);
        }
        if (token.expiresAt() == null || !now.isBefore(token.expiresAt())) {
            throw new Refusal(expired);
        }
        if (token.revoked()) {
            throw new Refusal(revoked);
        }
    }

    /** Those asked for, each held by the subject token and allowed to the client; else all of those. */
    private static Set<String> scopes(Set<String> requested, Presented subject, ClientView client) {
        if (requested == null) {
            Set<String> common = new LinkedHashSet<>(subject.scopes());
            common.retainAll(client.allowedScopes());
            if (common.isEmpty()) {
                throw new Refusal(TokenExchangeReason.TOKEN_SCOPE_NONE);
            }
            return common;
        }
        for (String scope : requested) {
            if (!subject.scopes().contains(scope)) {
                throw new Refusal(TokenExchangeReason.TOKEN_SCOPE_BROADER, Quote.of(scope));
            }
            if (!client.allowedScopes().contains(scope)) {
                throw new Refusal(TokenExchangeReason.TOKEN_SCOPE_NOT_ALLOWED, Quote.of(scope));
            }
        }
        return requested;
    }

    /**
     * RFC 8693 §4.1: the actor now acting, with the actors before it nested inside (those the actor token names,
     * else those the subject token names); without an actor token the subject token's chain is kept as it is.
     */
    static Map<String, Object> act(Presented subject, Presented actor) {
        if (actor == null) {
            return subject.act();
        }
        Map<String, Object> act = new LinkedHashMap<>();
        act.put("sub", actor.subject());
        act.put("client_id", actor.clientId());
        Map<String, Object> before = actor.act() != null ? actor.act() : subject.act();
        if (before != null) {
            act.put("act", before);
        }
        return act;
    }
}
