package dev.latchkey.flow.grant;

import dev.latchkey.config.LatchkeyConfig;
import dev.latchkey.jobs.AuditEvent;
import dev.latchkey.jobs.AuditLog;
import dev.latchkey.jobs.Revocations;
import dev.latchkey.policy.ClientView;
import dev.latchkey.policy.DpopPolicy;
import dev.latchkey.policy.GrantRule;
import dev.latchkey.policy.RefreshGrantPolicy;
import dev.latchkey.policy.RefreshGrantReason;
import dev.latchkey.policy.Refusal;
import dev.latchkey.policy.ResourcePolicy;
import dev.latchkey.policy.ResourcePolicy.Audience;
import dev.latchkey.policy.Scopes;
import dev.latchkey.policy.StoredRefreshToken;
import dev.latchkey.policy.TokenRequest;
import dev.latchkey.store.GrantRepository;
import dev.latchkey.token.AccessTokens;
import dev.latchkey.token.OpaqueTokens;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.util.Set;

/**
 * RFC 6749 §6, rotated on every use: the token is consumed and its successor stored in one statement,
 * then checked; a refusal rolls both back, except that a replayed token revokes its whole grant in a
 * transaction of its own (RFC 9700 §4.14.2).
 */
@ApplicationScoped
public class RefreshTokenGrant implements GrantHandler {
    private final GrantRepository grants;
    private final AccessTokens accessTokens;
    private final Audiences audiences;
    private final LatchkeyConfig config;
    private final Event<Revocations.Changed> revoked;
    private final AuditLog audit;
    private final Clock clock;

    public RefreshTokenGrant(GrantRepository grants, AccessTokens accessTokens, Audiences audiences,
                             LatchkeyConfig config, Event<Revocations.Changed> revoked, AuditLog audit, Clock clock) {
        this.grants = grants;
        this.accessTokens = accessTokens;
        this.audiences = audiences;
        this.config = config;
        this.revoked = revoked;
        this.audit = audit;
        this.clock = clock;
    }

    @Override
    public GrantRule rule() {
        return RefreshGrantPolicy.RULE;
    }

    @Override
    public int order() {
        return 20;
    }

    @Override
    public Set<String> parameters() {
        return RefreshGrantPolicy.PARAMETERS;
    }

    @Override
    public IssuedTokens issue(TokenRequest request, ClientView client, String address) {
        Set<String> requested = RefreshGrantPolicy.requested(request);
        byte[] tokenHash = OpaqueTokens.hash(request.get("refresh_token"));
        try {
            return rotate(request, requested, client, tokenHash);
        } catch (Refusal refusal) {
            if (refusal.reason() == RefreshGrantReason.REFRESH_TOKEN_REUSED) {
                revokeGrantOf(tokenHash);
                audit.record(AuditEvent.of(AuditEvent.Type.REFRESH_TOKEN_REUSED).actor(client.clientId())
                        .client(client.clientId()).address(address).detail("every token of the grant is revoked"));
            }
            throw refusal;
        }
    }

    @Transactional
    IssuedTokens rotate(TokenRequest request, Set<String> requested, ClientView client, byte[] tokenHash) {
        Instant now = clock.instant();
        String next = OpaqueTokens.newToken();
        // the new refresh token keeps the whole grant; only the access token may be narrower (§6)
        StoredRefreshToken stored = grants.rotateRefreshToken(new GrantRepository.Rotation(tokenHash, client.clientId(),
                now, OpaqueTokens.hash(next), now.plus(config.token().refreshLifetime()))).orElse(null);
        // a refusal rolls the rotation and the successor back
        Set<String> granted = RefreshGrantPolicy.check(requested, client, stored, now);
        DpopPolicy.checkBinding(stored.dpopJkt(), request.dpopJkt());
        // RFC 8707 §2.2: the grant's resources, or some of them
        Audience audience = audiences.of(request, client, ResourcePolicy.parse(stored.resources()), granted);
        String scope = Scopes.format(audience.scopes());
        String subject = stored.userId().toString();
        String grantId = stored.familyId().toString();
        AccessTokens.Issued issued = accessTokens.issue(subject, client.clientId(), scope, grantId, audience.uris(),
                audience.typ(), request.dpopJkt());
        return new IssuedTokens(issued.jwt(), config.token().accessLifetime().getSeconds(), scope, next, subject,
                grantId, stored.openId(), Scopes.format(granted));
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    void revokeGrantOf(byte[] tokenHash) {
        grants.findRefreshToken(tokenHash).ifPresent(t -> grants.revokeFamily(t.familyId(), clock.instant()));
        revoked.fire(new Revocations.Changed());
    }
}
