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

    /** A consent a user gave a client, as the management API shows it. */
    public record GrantView(String clientId, String clientName, List<String> scopes, Instant grantedAt,
                            Instant updatedAt) {
    }

    public List<GrantView> list(String username) {
        return consents.forUser(user(username).id).stream()
                .map(r -> new GrantView(r.clientId(), r.clientName(), r.scopes(), r.grantedAt(), r.updatedAt()))
                .toList();
    }

    /** Deletes the consent and revokes the user's grants to the client: refresh tokens and access tokens end. */
    @Transactional
    public void revoke(String username, String clientId) {
        UUID user = user(username).id;
        if (!consents.delete(user, clientId)) {
            throw new NotFound("user " + Quote.of(username) + " has no grant for client " + Quote.of(clientId));
        }
        grants.revokeFamilies(user, clientId, clock.instant());
        revoked.fire(new Revocations.Changed());
        audit.record(AuditEvent.of(Type.CONSENT_REVOKED).actor("admin").client(clientId).subject(user.toString())
                .detail(username));
    }

    private UserEntity user(String username) {
        return users.findByUsername(username).orElseThrow(() -> new NotFound("no user named " + Quote.of(username)));
    }
}
