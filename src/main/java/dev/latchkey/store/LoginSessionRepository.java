package dev.latchkey.store;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Login sessions, keyed by the SHA-256 of the cookie value. */
@ApplicationScoped
public class LoginSessionRepository {
    private final EntityManager em;

    public LoginSessionRepository(EntityManager em) {
        this.em = em;
    }

    public void insert(byte[] idHash, UUID userId, Instant now, Instant expiresAt) {
        em.createNativeQuery("insert into login_session (id_hash, user_id, created_at, expires_at) values (?1, ?2, ?3, ?4)")
                .setParameter(1, idHash).setParameter(2, userId).setParameter(3, now).setParameter(4, expiresAt)
                .executeUpdate();
    }

    /** The user of a live session. */
    public Optional<UUID> userOf(byte[] idHash, Instant now) {
        @SuppressWarnings("unchecked")
        List<UUID> rows = em.createNativeQuery(
                        "select user_id from login_session where id_hash = ?1 and expires_at > ?2", UUID.class)
                .setParameter(1, idHash).setParameter(2, now).getResultList();
        return rows.stream().findFirst();
    }

    public void delete(byte[] idHash) {
        em.createNativeQuery("delete from login_session where id_hash = ?1").setParameter(1, idHash).executeUpdate();
    }
}
