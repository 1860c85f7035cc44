package dev.latchkey.store;

import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** Login sessions, keyed by the SHA-256 of the cookie value. */
@ApplicationScoped
public class LoginSessionRepository {
    private final Sql sql;

    public LoginSessionRepository(Sql sql) {
        this.sql = sql;
    }

    public void insert(byte[] idHash, UUID userId, Instant now, Instant expiresAt) {
        sql.update("insert into login_session (id_hash, user_id, created_at, expires_at) values (?, ?, ?, ?)",
                idHash, userId, now, expiresAt);
    }

    /** The user of a live session. */
    public Optional<UUID> userOf(byte[] idHash, Instant now) {
        return sql.first("select user_id from login_session where id_hash = ? and expires_at > ?",
                rs -> rs.getObject(1, UUID.class), idHash, now);
    }
}
