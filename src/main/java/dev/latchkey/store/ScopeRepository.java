package dev.latchkey.store;

import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

@ApplicationScoped
public class ScopeRepository {
    public record Row(String name, String description, Instant createdAt) {
    }

    private final Sql sql;

    public ScopeRepository(Sql sql) {
        this.sql = sql;
    }

    /** A taken name fails with the {@code scope_pkey} constraint. */
    public void insert(Row scope) {
        sql.update("insert into scope (name, description, created_at) values (?, ?, ?)",
                scope.name(), scope.description(), scope.createdAt());
    }

    public Optional<Row> find(String name) {
        return sql.first("select name, description, created_at from scope where name = ?",
                rs -> new Row(rs.getString(1), rs.getString(2), Sql.instant(rs, 3)), name);
    }

    public boolean delete(String name) {
        return sql.update("delete from scope where name = ?", name) > 0;
    }

    /** One page ordered by name, starting after {@code after} (exclusive); {@code limit + 1} rows tell if there is more. */
    public List<Row> page(String after, int limit) {
        return sql.list("select name, description, created_at from scope where name > ? order by name limit ?",
                rs -> new Row(rs.getString(1), rs.getString(2), Sql.instant(rs, 3)),
                after == null ? "" : after, limit + 1);
    }

    /** Which of {@code names} exist: one statement whatever their number. */
    public Set<String> existing(Collection<String> names) {
        return descriptions(names).keySet();
    }

    /** The descriptions of those of {@code names} that exist: one statement. */
    public Map<String, String> descriptions(Collection<String> names) {
        if (names.isEmpty()) {
            return Map.of();
        }
        return sql.list("select name, description from scope where name = any(?)",
                        rs -> Map.entry(rs.getString(1), rs.getString(2)), (Object) names.toArray(String[]::new))
                .stream().collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    public List<String> allNames() {
        return sql.list("select name from scope order by name", rs -> rs.getString(1));
    }

    public long clientsUsing(String name) {
        return sql.first("select count(*) from client_allowed_scope where scope_name = ?", rs -> rs.getLong(1), name)
                .orElse(0L);
    }
}
