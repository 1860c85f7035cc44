package dev.latchkey.store;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/** Consents: the scopes a user allowed a client. */
@ApplicationScoped
public class ConsentRepository implements PanacheRepositoryBase<ConsentEntity, ConsentEntity.Key> {
    public record Row(String clientId, String clientName, List<String> scopes, Instant grantedAt, Instant updatedAt) {
    }

    private final Sql sql;

    public ConsentRepository(Sql sql) {
        this.sql = sql;
    }

    /** A consent as the authorization endpoint weighs it. */
    public record Given(Set<String> scopes, boolean remembered) {
        public static final Given NONE = new Given(Set.of(), false);
    }

    /** The consent given (or widened) after {@code since}, or {@link Given#NONE}. */
    public Given given(UUID userId, String clientId, Instant since) {
        return getEntityManager().createQuery("""
                        select c.scopes, c.remembered from ConsentEntity c
                        where c.id.userId = ?1 and c.id.clientId = ?2 and c.updatedAt > ?3""", Object[].class)
                .setParameter(1, userId).setParameter(2, clientId).setParameter(3, since).getResultStream()
                .findFirst().map(r -> new Given(new TreeSet<>(Arrays.asList((String[]) r[0])), (Boolean) r[1]))
                .orElse(Given.NONE);
    }

    public List<Row> forUser(UUID userId) {
        return getEntityManager().createQuery("""
                        select c, cl.name from ConsentEntity c join ClientEntity cl on cl.clientId = c.id.clientId
                        where c.id.userId = ?1 order by c.id.clientId""", Object[].class)
                .setParameter(1, userId).getResultStream()
                .map(r -> {
                    ConsentEntity c = (ConsentEntity) r[0];
                    return new Row(c.id.clientId(), (String) r[1], List.of(c.scopes), c.grantedAt, c.updatedAt);
                })
                .toList();
    }

    public boolean delete(UUID userId, String clientId) {
        return delete("id.userId = ?1 and id.clientId = ?2", userId, clientId) > 0;
    }

    /**
     * Adds scopes to the user's consent for the client; the latest answer says whether it is remembered. Native: one upsert that merges the arrays, so
     * concurrent submissions both count instead of one overwriting the other (HQL has no array union).
     */
    public void grant(UUID userId, String clientId, Set<String> scopes, boolean remembered, Instant now) {
        sql.update("""
                        insert into consent (user_id, client_id, scopes, granted_at, updated_at, remembered)
                        values (?, ?, ?, ?, ?, ?)
                        on conflict (user_id, client_id) do update
                        set scopes = array(select distinct s from unnest(consent.scopes || excluded.scopes) s order by s),
                            updated_at = excluded.updated_at, remembered = excluded.remembered""",
                userId, clientId, scopes.toArray(String[]::new), now, now, remembered);
    }
}
