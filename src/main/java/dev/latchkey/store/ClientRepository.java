package dev.latchkey.store;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
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
        return find("clientId > ?1", Sort.by("clientId"), after == null ? "" : after).range(0, limit).list();
    }

    /**
     * One page of the clients whose name contains {@code text} (any case) or whose id is {@code text}, ordered by
     * client_id after {@code after}; {@code limit + 1} rows tell if there is more.
     */
    public List<ClientEntity> search(String text, String after, int limit) {
        return find("clientId > ?1 and (locate(?2, lower(name)) > 0 or clientId = ?3)", Sort.by("clientId"),
                after == null ? "" : after, text.toLowerCase(java.util.Locale.ROOT), text).range(0, limit).list();
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
