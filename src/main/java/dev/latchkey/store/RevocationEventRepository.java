package dev.latchkey.store;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.List;

/** The revocation events, read in order by every instance. */
@ApplicationScoped
public class RevocationEventRepository implements PanacheRepositoryBase<RevocationEventEntity, Long> {

    /** The id just before the first event after {@code since}: reading from there sees every later one. */
    public long lastIdBefore(Instant since) {
        Long first = getEntityManager()
                .createQuery("select min(e.id) from RevocationEventEntity e where e.createdAt > ?1", Long.class)
                .setParameter(1, since).getSingleResult();
        if (first != null) {
            return first - 1;
        }
        Long last = getEntityManager().createQuery("select max(e.id) from RevocationEventEntity e", Long.class)
                .getSingleResult();
        return last == null ? 0 : last;
    }

    public List<RevocationEventEntity> after(long id) {
        return list("id > ?1", Sort.by("id"), id);
    }
}
