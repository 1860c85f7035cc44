package dev.latchkey.flow.grant;

import dev.latchkey.config.LatchkeyConfig;
import dev.latchkey.jobs.AuditEvent;
import dev.latchkey.jobs.AuditLog;
import dev.latchkey.jobs.Revocations;
import dev.latchkey.policy.ClientView;
import dev.latchkey.policy.CodeGrantPolicy;
import dev.latchkey.policy.CodeGrantReason;
import dev.latchkey.policy.DpopPolicy;
import dev.latchkey.policy.GrantRule;
import dev.latchkey.policy.Refusal;
import dev.latchkey.policy.RefreshGrantPolicy;
import dev.latchkey.policy.ResourcePolicy;
import dev.latchkey.policy.ResourcePolicy.Audience;
import dev.latchkey.policy.Scopes;
import dev.latchkey.policy.StoredCode;
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
import java.util.UUID;

/**
 * RFC 6749 §4.1.3 with PKCE (RFC 7636): the code is consumed and its grant started in one statement, then
 * checked; a refusal rolls both back (a wrong verifier does not burn the code), except that a replayed
 * code revokes the grant it started, in a transaction of its own (RFC 9700 §4.2.4 spirit).
 */
@ApplicationScoped
public class AuthorizationCodeGrant implements GrantHandler {
    private final GrantRepository grants;
    private final AccessTokens accessTokens;
    private final Audiences audiences;
    private final LatchkeyConfig config;
    private final Event<Revocations.Changed> revoked;
    private final AuditLog audit;
    private final Clock clock;

    public AuthorizationCodeGrant(GrantRepository grants, AccessTokens accessTokens, Audiences audiences,
                                  LatchkeyConfig config, Event<Revocations.Changed> revoked, AuditLog audit,
                                  Clock clock) {
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
        return CodeGrantPolicy.RULE;
    }

    @Override
    public int order() {
        return 10;
    }

    @Override
    public Set<String> parameters() {
        return CodeGrantPolicy.PARAMETERS;
    }

    @Override
    public IssuedTokens issue(TokenRequest request, ClientView client, String address) {
        byte[] codeHash = OpaqueTokens.hash(CodeGrantPolicy.code(request));
        try {
            return redeem(request, client, codeHash);
        } catch (Refusal refusal) {
            if (refusal.reason() == CodeGrantReason.CODE_REUSED) {
                revokeGrantOf(codeHash);
                audit.record(AuditEvent.of(AuditEvent.Type.CODE_REPLAYED).actor(client.clientId())
                        .client(client.clientId()).address(address).detail("the grant issued from the code is revoked"));
            }
            throw refusal;
        }
    }

    @Transactional
    IssuedTokens redeem(TokenRequest request, ClientView client, byte[] codeHash) {
        Instant now = clock.instant();
        UUID grantId = OpaqueTokens.newGrantId(now);
        String refreshToken = client.allows(RefreshGrantPolicy.GRANT_TYPE) ? OpaqueTokens.newToken() : null;
        StoredCode code = grants.redeemCode(new GrantRepository.Redemption(codeHash, client.clientId(), now, grantId,
                refreshToken == null ? null : OpaqueTokens.hash(refreshToken),
                now.plus(config.token().refreshLifetime()), DpopPolicy.refreshBinding(client, request.dpopJkt())))
                .orElse(null);
        // a refusal rolls the consumption and the new grant back
        CodeGrantPolicy.check(request, client, code, now);
        String subject = code.userId().toString();
        // RFC 8707 §2.2: the code's resources, or some of them
        Audience audience = audiences.of(request, client, ResourcePolicy.parse(code.resources()),
                Scopes.parse(code.scopes()).orElseThrow());
        String scope = Scopes.format(audience.scopes());
        AccessTokens.Issued issued = accessTokens.issue(subject, client.clientId(), scope, grantId.toString(),
                audience.uris(), audience.typ(), request.dpopJkt());
        return new IssuedTokens(issued.jwt(), config.token().accessLifetime().getSeconds(), scope, refreshToken,
                subject, grantId.toString(), code.openId(), code.scopes());
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    void revokeGrantOf(byte[] codeHash) {
        grants.revokeFamilyOfCode(codeHash, clock.instant());
        revoked.fire(new Revocations.Changed());
    }
}
