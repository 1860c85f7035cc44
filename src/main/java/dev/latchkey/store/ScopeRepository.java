package dev.latchkey.store;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Collection;
import java.util.List;
import java.util.Set;

@ApplicationScoped
public class ScopeRepository implements PanacheRepositoryBase<ScopeEntity, String> {
    private final Sql sql;

    public ScopeRepository(Sql sql) {
        this.sql = sql;
    }

    /** One page ordered by name, starting after {@code after} (exclusive); {@code limit + 1} rows tell if there is more. */
    public List<ScopeEntity> page(String after, int limit) {
        return find("name > ?1 order by name", after == null ? "" : after).page(0, limit + 1).list();
    }

    /** Which of {@code names} exist: one statement whatever their number. */
    public Set<String> existing(Collection<String> names) {
        if (names.isEmpty()) {
            return Set.of();
        }
        return Set.copyOf(sql.list("select name from scope where name = any(?)", rs -> rs.getString(1),
                (Object) names.toArray(String[]::new)));
    }

    public List<String> allNames() {
        return getEntityManager().createQuery("select s.name from ScopeEntity s order by s.name", String.class)
                .getResultList();
    }

    public long clientsUsing(String name) {
        return sql.first("select count(*) from client_allowed_scope where scope_name = ?", rs -> rs.getLong(1), name)
                .orElse(0L);
    }
}
