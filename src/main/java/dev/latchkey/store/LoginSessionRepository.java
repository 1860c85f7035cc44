package dev.latchkey.store;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** Login sessions, keyed by the SHA-256 of the cookie value. */
@ApplicationScoped
public class LoginSessionRepository implements PanacheRepositoryBase<LoginSessionEntity, byte[]> {

    /** The user of a live session. */
    public Optional<UUID> userOf(byte[] idHash, Instant now) {
        return getEntityManager().createQuery(
                        "select s.userId from LoginSessionEntity s where s.idHash = ?1 and s.expiresAt > ?2", UUID.class)
                .setParameter(1, idHash).setParameter(2, now).getResultStream().findFirst();
    }
}
