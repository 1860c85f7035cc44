package dev.latchkey.store;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/** Consents: the scopes a user allowed a client. */
@ApplicationScoped
public class ConsentRepository {
    private final EntityManager em;

    public ConsentRepository(EntityManager em) {
        this.em = em;
    }

    public Set<String> scopes(UUID userId, String clientId) {
        @SuppressWarnings("unchecked")
        List<String> rows = em.createNativeQuery(
                        "select unnest(scopes) from consent where user_id = ?1 and client_id = ?2", String.class)
                .setParameter(1, userId).setParameter(2, clientId).getResultList();
        return new TreeSet<>(rows);
    }

    public record Row(String clientId, String clientName, List<String> scopes, Instant grantedAt, Instant updatedAt) {
    }

    public List<Row> forUser(UUID userId) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                        select c.client_id, cl.name, c.scopes, c.granted_at, c.updated_at
                        from consent c join client cl on cl.client_id = c.client_id
                        where c.user_id = ?1 order by c.client_id""")
                .setParameter(1, userId).getResultList();
        return rows.stream().map(r -> new Row((String) r[0], (String) r[1], List.of((String[]) r[2]),
                Rows.instant(r[3]), Rows.instant(r[4]))).toList();
    }

    public boolean delete(UUID userId, String clientId) {
        return em.createNativeQuery("delete from consent where user_id = ?1 and client_id = ?2")
                .setParameter(1, userId).setParameter(2, clientId).executeUpdate() > 0;
    }

    /**
     * Adds scopes to the user's consent for the client in one statement, so concurrent submissions
     * merge instead of one overwriting the other.
     */
    public void grant(UUID userId, String clientId, Set<String> scopes, Instant now) {
        em.createNativeQuery("""
                        insert into consent (user_id, client_id, scopes, granted_at, updated_at)
                        values (?1, ?2, cast(?3 as text[]), ?4, ?4)
                        on conflict (user_id, client_id) do update
                        set scopes = array(select distinct s from unnest(consent.scopes || excluded.scopes) s order by s),
                            updated_at = excluded.updated_at""")
                .setParameter(1, userId).setParameter(2, clientId)
                .setParameter(3, scopes.toArray(String[]::new)).setParameter(4, now)
                .executeUpdate();
    }
}
