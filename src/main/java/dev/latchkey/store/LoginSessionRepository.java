package dev.latchkey.store;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** Login sessions, keyed by the SHA-256 of the cookie value. */
@ApplicationScoped
public class LoginSessionRepository implements PanacheRepositoryBase<LoginSessionEntity, byte[]> {

    /** Who is logged in, and since when (OpenID Connect's {@code auth_time}). */
    public record Login(UUID userId, Instant authTime) {
    }

    /** The login of a live session. */
    public Optional<Login> loginOf(byte[] idHash, Instant now) {
        return getEntityManager().createQuery("""
                        select s.userId, s.createdAt from LoginSessionEntity s
                        where s.idHash = ?1 and s.expiresAt > ?2""", Object[].class)
                .setParameter(1, idHash).setParameter(2, now).getResultStream().findFirst()
                .map(r -> new Login((UUID) r[0], (Instant) r[1]));
    }

    /** Ends a browser's session (logout); true when there was one. */
    public boolean end(byte[] idHash) {
        return delete("idHash", idHash) > 0;
    }
}
