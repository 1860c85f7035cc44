package dev.latchkey.flow;

import dev.latchkey.config.LatchkeyConfig;
import dev.latchkey.policy.ClientView;
import dev.latchkey.policy.GrantType;
import dev.latchkey.policy.Reason;
import dev.latchkey.policy.Refusal;
import dev.latchkey.policy.Scopes;
import dev.latchkey.policy.StoredCode;
import dev.latchkey.policy.StoredRefreshToken;
import dev.latchkey.policy.TokenPolicy;
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
 * The token endpoint: authenticate the client, pick the grant, check it (policy), then consume and
 * issue in one transaction. A refusal rolls the transaction back (the code or refresh token stays as
 * it was), except that a replayed code or refresh token revokes its whole grant in a transaction of
 * its own.
 */
@ApplicationScoped
public class TokenFlow {

    /** A successful token response (RFC 6749 §5.1); {@code refreshToken} may be null. */
    public record Tokens(String accessToken, long expiresIn, String scope, String refreshToken) {
    }

    private final ClientAuthenticator authenticator;
    private final GrantRepository grants;
    private final AccessTokens accessTokens;
    private final LatchkeyConfig config;
    private final Event<Revocations.Changed> revoked;
    private final AuditLog audit;
    private final Clock clock;

    public TokenFlow(ClientAuthenticator authenticator, GrantRepository grants, AccessTokens accessTokens,
                     LatchkeyConfig config, Event<Revocations.Changed> revoked, AuditLog audit, Clock clock) {
        this.authenticator = authenticator;
        this.grants = grants;
        this.accessTokens = accessTokens;
        this.config = config;
        this.revoked = revoked;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * Whether answering may touch the database (so must not run on the event loop). Only a
     * client_credentials request whose client is in the cache is answered from memory.
     */
    public boolean needsDatabase(TokenRequest request) {
        return !"client_credentials".equals(request.get("grant_type")) || !authenticator.answersFromMemory(request);
    }

    /** @throws Refusal with the reason the request was refused */
    public Tokens token(TokenRequest request, String address) {
        request.checkNoRepeats();
        ClientView client = authenticator.authenticate(request, address);
        GrantType grant = TokenPolicy.grantType(request, client);
        Issued issued = switch (grant) {
            case CLIENT_CREDENTIALS -> clientCredentials(request, client);
            case AUTHORIZATION_CODE -> authorizationCode(request, client, address);
            case REFRESH_TOKEN -> refresh(request, client, address);
        };
        audit.record(AuditLog.Type.TOKEN_ISSUED, client.clientId(), client.clientId(), issued.subject(), address,
                grant.wireName() + " " + issued.tokens().scope());
        return issued.tokens();
    }

    /** Tokens and whom they are about. */
    private record Issued(Tokens tokens, String subject) {
    }

    /** RFC 6749 §4.4: no database work at all. */
    private Issued clientCredentials(TokenRequest request, ClientView client) {
        String scope = Scopes.format(TokenPolicy.clientCredentialsScopes(request, client));
        AccessTokens.Issued issued = accessTokens.issue(client.clientId(), client.clientId(), scope, null);
        return new Issued(new Tokens(issued.jwt(), lifetimeSeconds(), scope, null), client.clientId());
    }

    private Issued authorizationCode(TokenRequest request, ClientView client, String address) {
        byte[] codeHash = OpaqueTokens.hash(TokenPolicy.code(request));
        try {
            return redeem(request, client, codeHash);
        } catch (Refusal refusal) {
            if (refusal.reason() == Reason.CODE_REUSED) {
                revokeFamilyOfCode(codeHash);
                audit.record(AuditLog.Type.CODE_REPLAYED, client.clientId(), client.clientId(), null, address,
                        "the grant issued from the code is revoked");
            }
            throw refusal;
        }
    }

    @Transactional
    Issued redeem(TokenRequest request, ClientView client, byte[] codeHash) {
        Instant now = clock.instant();
        UUID familyId = UUID.randomUUID();
        String refreshToken = client.allows(GrantType.REFRESH_TOKEN) ? OpaqueTokens.newToken() : null;
        StoredCode code = grants.redeemCode(codeHash, client.clientId(), now, familyId,
                refreshToken == null ? null : OpaqueTokens.hash(refreshToken),
                now.plus(config.token().refreshLifetime())).orElse(null);
        // a refusal rolls the consumption and the new grant back: a wrong verifier does not burn the code
        TokenPolicy.checkCode(request, client, code, now);
        AccessTokens.Issued issued = accessTokens.issue(code.userId().toString(), client.clientId(), code.scopes(),
                familyId.toString());
        return new Issued(new Tokens(issued.jwt(), lifetimeSeconds(), code.scopes(), refreshToken),
                code.userId().toString());
    }

    private Issued refresh(TokenRequest request, ClientView client, String address) {
        Set<String> requested = TokenPolicy.refresh(request);
        byte[] tokenHash = OpaqueTokens.hash(request.get("refresh_token"));
        try {
            return rotate(requested, client, tokenHash);
        } catch (Refusal refusal) {
            if (refusal.reason() == Reason.REFRESH_TOKEN_REUSED) {
                revokeFamilyOfRefreshToken(tokenHash);
                audit.record(AuditLog.Type.REFRESH_TOKEN_REUSED, client.clientId(), client.clientId(), null, address,
                        "every token of the grant is revoked");
            }
            throw refusal;
        }
    }

    @Transactional
    Issued rotate(Set<String> requested, ClientView client, byte[] tokenHash) {
        Instant now = clock.instant();
        String next = OpaqueTokens.newToken();
        // the new refresh token keeps the whole grant; only the access token may be narrower (§6)
        StoredRefreshToken stored = grants.rotateRefreshToken(tokenHash, client.clientId(), now,
                OpaqueTokens.hash(next), now.plus(config.token().refreshLifetime())).orElse(null);
        // a refusal rolls the rotation and the successor back
        String scope = Scopes.format(TokenPolicy.checkRefresh(requested, client, stored, now));
        AccessTokens.Issued issued = accessTokens.issue(stored.userId().toString(), client.clientId(), scope,
                stored.familyId().toString());
        return new Issued(new Tokens(issued.jwt(), lifetimeSeconds(), scope, next), stored.userId().toString());
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    void revokeFamilyOfCode(byte[] codeHash) {
        grants.revokeFamilyOfCode(codeHash, clock.instant());
        revoked.fire(new Revocations.Changed());
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    void revokeFamilyOfRefreshToken(byte[] tokenHash) {
        grants.findRefreshToken(tokenHash).ifPresent(t -> grants.revokeFamily(t.familyId(), clock.instant()));
        revoked.fire(new Revocations.Changed());
    }

    private long lifetimeSeconds() {
        return config.token().accessLifetime().getSeconds();
    }
}
