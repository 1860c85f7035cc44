package dev.latchkey.store;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import dev.latchkey.policy.ClientSummary;
import jakarta.persistence.LockModeType;

import java.util.List;
import java.util.Optional;

/** Registered clients with their redirect URIs, scopes and grant types. */
@ApplicationScoped
public class ClientRepository implements PanacheRepositoryBase<ClientEntity, String> {

    /** Reads the client and locks its row until the transaction ends: concurrent edits take turns. */
    public Optional<ClientEntity> findForUpdate(String clientId) {
        return findByIdOptional(clientId, LockModeType.PESSIMISTIC_WRITE);
    }

    /** One page ordered by client_id, after {@code after} (exclusive); {@code limit + 1} rows tell if there is more. */
    public List<ClientEntity> page(String after, int limit) {
        // The page's ids first, then their clients: the collections' subselect fetch repeats the query it follows
        // without its limit, so fetched directly a page of 50 would read every client's URIs and scopes
        // (10,000 clients: 120 ms instead of 10).
        List<String> ids = query("c.clientId", String.class, "c.clientId > ?1", limit, after == null ? "" : after);
        return ids.isEmpty() ? List.of() : list("clientId in ?1", Sort.by("clientId"), ids);
    }

    /**
     * One page of clients as a list shows them (one statement, no collections): those whose name contains
     * {@code text} (any case) or whose id is {@code text}, or all when it is null; ordered by client_id after
     * {@code after}, {@code limit + 1} rows telling whether there is more.
     */
    public List<ClientSummary> summaries(String text, String after, int limit) {
        String from = after == null ? "" : after;
        return text == null
                ? query(SUMMARY, ClientSummary.class, "c.clientId > ?1", limit, from)
                : query(SUMMARY, ClientSummary.class, SEARCH, limit, from, text.toLowerCase(java.util.Locale.ROOT),
                text);
    }

    private static final String SEARCH = "c.clientId > ?1 and (locate(?2, lower(c.name)) > 0 or c.clientId = ?3)";
    private static final String SUMMARY = "new dev.latchkey.policy.ClientSummary(c.clientId, c.name, c.clientType, "
            + "c.enabled, case when c.registrationTokenHash is null then false else true end)";

    /** {@code limit + 1} rows of {@code select} ordered by client id: the extra one says that more follow. */
    private <T> List<T> query(String select, Class<T> type, String where, int limit, Object... params) {
        var query = getEntityManager().createQuery("select " + select + " from ClientEntity c where " + where
                + " order by c.clientId", type);
        for (int i = 0; i < params.length; i++) {
            query.setParameter(i + 1, params[i]);
        }
        return query.setMaxResults(limit + 1).getResultList();
    }

    /** A taken name fails with the {@code client_name_key} constraint. */
    public void insert(ClientEntity client) {
        StoreException.flushing(() -> persistAndFlush(client));
    }

    /** Notes the first token a client was issued (once: later calls change nothing). */
    public void markFirstToken(String clientId, java.time.Instant at) {
        update("firstTokenAt = ?1 where clientId = ?2 and firstTokenAt is null", at, clientId);
    }

    /** Writes the changes made to clients read in this transaction now, so that a conflict surfaces here. */
    public void flushChanges() {
        StoreException.flushing(this::flush);
    }
}
