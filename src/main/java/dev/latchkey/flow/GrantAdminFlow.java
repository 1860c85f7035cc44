package dev.latchkey.flow;

import dev.latchkey.policy.NotFound;
import dev.latchkey.jobs.Revocations;
import dev.latchkey.jobs.AuditEvent;
import dev.latchkey.jobs.AuditEvent.Type;
import dev.latchkey.jobs.AuditLog;

import dev.latchkey.policy.Quote;
import dev.latchkey.store.ConsentRepository;
import dev.latchkey.store.GrantRepository;
import dev.latchkey.store.UserEntity;
import dev.latchkey.store.UserRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/** The consents a user gave, and withdrawing one (which ends every grant made under it). */
@ApplicationScoped
public class GrantAdminFlow {
    private final UserRepository users;
    private final ConsentRepository consents;
    private final GrantRepository grants;
    private final Event<Revocations.Changed> revoked;
    private final AuditLog audit;
    private final Clock clock;

    public GrantAdminFlow(UserRepository users, ConsentRepository consents, GrantRepository grants,
                          Event<Revocations.Changed> revoked, AuditLog audit, Clock clock) {
        this.users = users;
        this.consents = consents;
        this.grants = grants;
        this.revoked = revoked;
        this.audit = audit;
        this.clock = clock;
    }

    /** What a user granted a client, as the management API shows it. */
    public record GrantView(String clientId, String clientName, List<String> scopes, Instant grantedAt,
                            Instant updatedAt) {
    }

    /**
     * The consents the user gave, and the clients that still hold a live grant without one (its consent
     * purged after its lifetime while refresh tokens went on rotating): every grant an admin can withdraw.
     */
    public List<GrantView> list(String username) {
        UUID user = user(username).id;
        Map<String, GrantView> byClient = new TreeMap<>();
        consents.forUser(user).forEach(r -> byClient.put(r.clientId(),
                new GrantView(r.clientId(), r.clientName(), r.scopes(), r.grantedAt(), r.updatedAt())));
        grants.liveWithoutConsent(user, clock.instant()).forEach(g -> byClient.putIfAbsent(g.clientId(),
                new GrantView(g.clientId(), g.clientName(), g.scopes(), g.firstAt(), g.lastAt())));
        return List.copyOf(byClient.values());
    }

    /**
     * Deletes the consent and revokes every live grant of the user to the client, whether or not a consent
     * row is left: refresh tokens and access tokens end.
     */
    @Transactional
    public void revoke(String username, String clientId) {
        UUID user = user(username).id;
        boolean consented = consents.delete(user, clientId);
        int ended = grants.revokeFamilies(user, clientId, clock.instant());
        if (!consented && ended == 0) {
            throw new NotFound("user " + Quote.of(username) + " has no grant for client " + Quote.of(clientId));
        }
        revoked.fire(new Revocations.Changed());
        audit.record(AuditEvent.of(Type.CONSENT_REVOKED).actor("admin").client(clientId).subject(user.toString())
                .detail(username));
    }

    private UserEntity user(String username) {
        return users.findByUsername(username).orElseThrow(() -> new NotFound("no user named " + Quote.of(username)));
    }
}
