package dev.latchkey.store;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

@ApplicationScoped
public class ScopeRepository implements PanacheRepositoryBase<ScopeEntity, String> {

    /** A taken name fails with the {@code scope_pkey} constraint. */
    public void insert(ScopeEntity scope) {
        StoreException.flushing(() -> persistAndFlush(scope));
    }

    /** One page ordered by name, starting after {@code after} (exclusive); {@code limit + 1} rows tell if there is more. */
    public List<ScopeEntity> page(String after, int limit) {
        return find("name > ?1", Sort.by("name"), after == null ? "" : after).range(0, limit).list();
    }

    /**
     * Which of {@code names} exist: one statement whatever their number. The names go as one array
     * parameter, so the query is translated once, not once per number of names.
     */
    public Set<String> existing(Collection<String> names) {
        if (names.isEmpty()) {
            return Set.of();
        }
        return Set.copyOf(getEntityManager()
                .createQuery("select s.name from ScopeEntity s where array_contains(?1, s.name)", String.class)
                .setParameter(1, names.toArray(String[]::new)).getResultList());
    }

    /** The descriptions of those of {@code names} that exist: one statement. */
    public Map<String, String> descriptions(Collection<String> names) {
        if (names.isEmpty()) {
            return Map.of();
        }
        return list("array_contains(?1, name)", (Object) names.toArray(String[]::new)).stream()
                .collect(Collectors.toUnmodifiableMap(s -> s.name, s -> s.description));
    }

    public List<String> allNames() {
        return getEntityManager().createQuery("select s.name from ScopeEntity s order by s.name", String.class)
                .getResultList();
    }

    public long clientsUsing(String name) {
        return getEntityManager().createQuery(
                        "select count(c) from ClientEntity c join c.allowedScopes s where s = ?1", Long.class)
                .setParameter(1, name).getSingleResult();
    }

    public long resourcesUsing(String name) {
        return getEntityManager().createQuery(
                        "select count(r) from ResourceEntity r join r.scopes s where s = ?1", Long.class)
                .setParameter(1, name).getSingleResult();
    }
}
