package dev.latchkey.store;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Collection;
import java.util.List;
import java.util.Set;

@ApplicationScoped
public class ScopeRepository implements PanacheRepositoryBase<ScopeEntity, String> {

    /** One page ordered by name, starting after {@code after} (exclusive); {@code limit + 1} rows tell if there is more. */
    public List<ScopeEntity> page(String after, int limit) {
        return find("name > ?1 order by name", after == null ? "" : after).page(0, limit + 1).list();
    }

    public Set<String> existing(Collection<String> names) {
        if (names.isEmpty()) {
            return Set.of();
        }
        return Set.copyOf(getEntityManager()
                .createQuery("select s.name from ScopeEntity s where s.name in :names", String.class)
                .setParameter("names", names).getResultList());
    }

    public List<String> allNames() {
        return getEntityManager().createQuery("select s.name from ScopeEntity s order by s.name", String.class)
                .getResultList();
    }

    public long clientsUsing(String name) {
        return ((Number) getEntityManager()
                .createNativeQuery("select count(*) from client_allowed_scope where scope_name = ?1")
                .setParameter(1, name).getSingleResult()).longValue();
    }
}
