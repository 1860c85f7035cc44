package dev.latchkey.flow;

import dev.latchkey.policy.Quote;
import dev.latchkey.store.ConsentRepository;
import dev.latchkey.store.GrantRepository;
import dev.latchkey.store.UserEntity;
import dev.latchkey.store.UserRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;

import java.time.Clock;
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

    public List<ConsentRepository.Row> list(String username) {
        return consents.forUser(user(username).id);
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
        audit.record(AuditLog.Type.CONSENT_REVOKED, "admin", clientId, user.toString(), null, username);
    }

    private UserEntity user(String username) {
        return users.findByUsername(username).orElseThrow(() -> new NotFound("no user named " + Quote.of(username)));
    }
}
