package dev.latchkey.store;

import jakarta.enterprise.context.ApplicationScoped;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Resource owners; passwords only as bcrypt hashes. */
@ApplicationScoped
public class UserRepository {
    public record Row(UUID id, String username, String passwordHash, Instant createdAt) {
    }

    private static final String SELECT = "select id, username, password_hash, created_at from app_user ";

    private final Sql sql;

    public UserRepository(Sql sql) {
        this.sql = sql;
    }

    /** A taken username fails with the {@code app_user_username_key} constraint. */
    public void insert(Row user) {
        sql.update("insert into app_user (id, username, password_hash, created_at) values (?, ?, ?, ?)",
                user.id(), user.username(), user.passwordHash(), user.createdAt());
    }

    public Optional<Row> findByUsername(String username) {
        return sql.first(SELECT + "where username = ?", UserRepository::row, username);
    }

    /** One page ordered by username, after {@code after} (exclusive); {@code limit + 1} rows tell if there is more. */
    public List<Row> page(String after, int limit) {
        return sql.list(SELECT + "where username > ? order by username limit ?", UserRepository::row,
                after == null ? "" : after, limit + 1);
    }

    /** Its sessions, consents and grants go with it (cascade). */
    public boolean delete(UUID id) {
        return sql.update("delete from app_user where id = ?", id) > 0;
    }

    private static Row row(ResultSet rs) throws SQLException {
        return new Row(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3), Sql.instant(rs, 4));
    }
}
