package dev.latchkey.store;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import java.util.List;
import java.util.Optional;

/** Registered resource servers (RFC 8707). */
@ApplicationScoped
public class ResourceRepository implements PanacheRepositoryBase<ResourceEntity, String> {

    public List<ResourceEntity> all() {
        return listAll(Sort.by("uri"));
    }

    /** One page ordered by id, after {@code after} (exclusive); {@code limit + 1} rows tell if there is more. */
    public List<ResourceEntity> page(String after, int limit) {
        return find("id > ?1", Sort.by("id"), after == null ? "" : after).range(0, limit).list();
    }

    public Optional<ResourceEntity> findForUpdate(String id) {
        return findByIdOptional(id, LockModeType.PESSIMISTIC_WRITE);
    }

    /** A taken URI fails with the {@code resource_uri_key} constraint. */
    public void insert(ResourceEntity resource) {
        StoreException.flushing(() -> persistAndFlush(resource));
    }

    public void flushChanges() {
        StoreException.flushing(this::flush);
    }

    /** Which of {@code uris} name a registered resource: one statement. */
    public java.util.Set<String> existingUris(java.util.Collection<String> uris) {
        if (uris.isEmpty()) {
            return java.util.Set.of();
        }
        return java.util.Set.copyOf(getEntityManager()
                .createQuery("select r.uri from ResourceEntity r where array_contains(?1, r.uri)", String.class)
                .setParameter(1, uris.toArray(String[]::new)).getResultList());
    }

    public long clientsUsing(String uri) {
        return getEntityManager().createQuery(
                        "select count(c) from ClientEntity c join c.allowedResources r where r = ?1", Long.class)
                .setParameter(1, uri).getSingleResult();
    }
}
