package dev.latchkey.flow.grant;

import dev.latchkey.config.LatchkeyConfig;
import dev.latchkey.policy.ClientView;
import dev.latchkey.policy.DpopPolicy;
import dev.latchkey.policy.DevicePolicy;
import dev.latchkey.policy.GrantRule;
import dev.latchkey.policy.OpenIdSubject;
import dev.latchkey.policy.RefreshGrantPolicy;
import dev.latchkey.policy.Scopes;
import dev.latchkey.policy.Refusal;
import dev.latchkey.policy.TokenRequest;
import dev.latchkey.store.DeviceAuthorizationEntity;
import dev.latchkey.store.DeviceAuthorizationRepository;
import dev.latchkey.store.GrantFamilyEntity;
import dev.latchkey.store.RefreshTokenEntity;
import dev.latchkey.store.UserEntity;
import dev.latchkey.token.AccessTokens;
import dev.latchkey.token.OpaqueTokens;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Instant;
import java.util.Set;

/**
 * RFC 8628 §3.4: the device polls with its device code. The authorization is read locked, the policy decides,
 * and what the poll does to it (the time of the poll, a longer interval, its removal, or the tokens and its
 * consumption) commits in the same transaction; a pending or declined answer is then sent as its refusal. Two
 * polls of one approved code take turns on the row: one gets the tokens, the other finds nothing.
 */
@ApplicationScoped
public class DeviceCodeGrant implements GrantHandler {
    private final DeviceAuthorizationRepository devices;
    private final AccessTokens accessTokens;
    private final LatchkeyConfig config;
    private final Clock clock;

    public DeviceCodeGrant(DeviceAuthorizationRepository devices, AccessTokens accessTokens, LatchkeyConfig config,
                           Clock clock) {
        this.devices = devices;
        this.accessTokens = accessTokens;
        this.config = config;
        this.clock = clock;
    }

    @Override
    public GrantRule rule() {
        return DevicePolicy.RULE;
    }

    @Override
    public int order() {
        return 50;
    }

    @Override
    public Set<String> parameters() {
        return DevicePolicy.PARAMETERS;
    }

    /** What a poll ended with: tokens, or the refusal to answer once its effect has committed. */
    private record Polled(IssuedTokens issued, Refusal refusal) {
    }

    @Override
    public IssuedTokens issue(TokenRequest request, ClientView client, String address) {
        byte[] hash = OpaqueTokens.hash(DevicePolicy.deviceCode(request));
        Polled polled = QuarkusTransaction.requiringNew().call(() -> poll(hash, client, request.dpopJkt()));
        if (polled.refusal() != null) {
            throw polled.refusal();
        }
        return polled.issued();
    }

    private Polled poll(byte[] hash, ClientView client, String jkt) {
        Instant now = clock.instant();
        DeviceAuthorizationEntity row = devices.forPoll(hash).orElse(null);
        DevicePolicy.Poll poll = DevicePolicy.poll(row == null ? null : row.stored(), client, now);
        switch (poll.effect()) {
            case NOTE_POLL -> row.polledAt = now;
            case SLOW_DOWN -> {
                row.polledAt = now;
                row.intervalSeconds += DevicePolicy.SLOW_DOWN_SECONDS;
            }
            case REMOVE -> devices.delete(row);
            case ISSUE -> {
                devices.delete(row);
                return new Polled(issue(row, client, now, jkt), null);
            }
            case NOTHING -> {
            }
        }
        return new Polled(null, poll.refusal());
    }

    /** The grant starts here, as a code's does at its exchange: a family, its refresh token, the access token. */
    private IssuedTokens issue(DeviceAuthorizationEntity row, ClientView client, Instant now, String jkt) {
        GrantFamilyEntity family = new GrantFamilyEntity();
        family.id = OpaqueTokens.newGrantId(now);
        family.clientId = client.clientId();
        family.userId = row.userId;
        family.scopes = row.scopes;
        family.createdAt = now;
        family.authTime = row.authTime;
        family.dpopJkt = DpopPolicy.refreshBinding(client, jkt);
        devices.getEntityManager().persist(family);
        String refreshToken = null;
        if (client.allows(RefreshGrantPolicy.GRANT_TYPE)) {
            refreshToken = OpaqueTokens.newToken();
            RefreshTokenEntity refresh = new RefreshTokenEntity();
            refresh.tokenHash = OpaqueTokens.hash(refreshToken);
            refresh.familyId = family.id;
            refresh.clientId = client.clientId();
            refresh.scopes = row.scopes;
            refresh.createdAt = now;
            refresh.expiresAt = now.plus(config.token().refreshLifetime());
            devices.getEntityManager().persist(refresh);
        }
        String subject = row.userId.toString();
        AccessTokens.Issued issued = accessTokens.issue(subject, client.clientId(), row.scopes, family.id.toString(),
                jkt);
        // the user's claims only for an id_token (the code grant reads them in its statement; here only when asked)
        UserEntity user = Scopes.parse(row.scopes).orElse(Set.of()).contains(OpenIdSubject.OPENID)
                ? devices.getEntityManager().find(UserEntity.class, row.userId) : null;
        OpenIdSubject openId = user == null ? null
                : new OpenIdSubject(user.username, user.claims(), row.authTime, null);
        return new IssuedTokens(issued.jwt(), config.token().accessLifetime().getSeconds(), row.scopes, refreshToken,
                subject, family.id.toString(), openId, row.scopes);
    }
}
