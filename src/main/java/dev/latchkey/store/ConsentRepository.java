package dev.latchkey.store;

import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/** Consents: the scopes a user allowed a client. */
@ApplicationScoped
public class ConsentRepository {
    public record Row(String clientId, String clientName, List<String> scopes, Instant grantedAt, Instant updatedAt) {
    }

    private final Sql sql;

    public ConsentRepository(Sql sql) {
        this.sql = sql;
    }

    /** The scopes of a consent given (or widened) after {@code since}. */
    public Set<String> scopes(UUID userId, String clientId, Instant since) {
        return new TreeSet<>(sql.list("select unnest(scopes) from consent where user_id = ? and client_id = ? "
                + "and updated_at > ?", rs -> rs.getString(1), userId, clientId, since));
    }

    public List<Row> forUser(UUID userId) {
        return sql.list("""
                        select c.client_id, cl.name, c.scopes, c.granted_at, c.updated_at
                        from consent c join client cl on cl.client_id = c.client_id
                        where c.user_id = ? order by c.client_id""",
                rs -> new Row(rs.getString(1), rs.getString(2), List.of((String[]) rs.getArray(3).getArray()),
                        Sql.instant(rs, 4), Sql.instant(rs, 5)), userId);
    }

    public boolean delete(UUID userId, String clientId) {
        return sql.update("delete from consent where user_id = ? and client_id = ?", userId, clientId) > 0;
    }

    /**
     * Adds scopes to the user's consent for the client in one statement, so concurrent submissions
     * merge instead of one overwriting the other.
     */
    public void grant(UUID userId, String clientId, Set<String> scopes, Instant now) {
        sql.update("""
                        insert into consent (user_id, client_id, scopes, granted_at, updated_at)
                        values (?, ?, ?, ?, ?)
                        on conflict (user_id, client_id) do update
                        set scopes = array(select distinct s from unnest(consent.scopes || excluded.scopes) s order by s),
                            updated_at = excluded.updated_at""",
                userId, clientId, scopes.toArray(String[]::new), now, now);
    }
}
