package dev.latchkey.store;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.Optional;

/** The admin console's sessions. */
@ApplicationScoped
public class ConsoleSessionRepository implements PanacheRepositoryBase<ConsoleSessionEntity, byte[]> {

    /** The live session's user, with the user: one statement. */
    public Optional<UserEntity> userOf(byte[] idHash, Instant now) {
        return getEntityManager().createQuery("""
                        select u from ConsoleSessionEntity s, UserEntity u
                        where s.idHash = ?1 and s.expiresAt > ?2 and u.id = s.userId""", UserEntity.class)
                .setParameter(1, idHash).setParameter(2, now).getResultStream().findFirst();
    }

    /** Ends the session; what it held for the end-session endpoint, when there was one. */
    public Optional<String> end(byte[] idHash) {
        return findByIdOptional(idHash).map(session -> {
            delete(session);
            return session.idToken;
        });
    }
}
