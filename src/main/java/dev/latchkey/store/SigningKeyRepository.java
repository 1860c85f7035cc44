package dev.latchkey.store;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.List;

/** Signing keys in PostgreSQL, so that every instance signs with and publishes the same keys. */
@ApplicationScoped
public class SigningKeyRepository implements PanacheRepositoryBase<SigningKeyEntity, String> {

    /** Serialises key creation and rotation across instances (transaction-scoped advisory lock). */
    private static final long LOCK = 0x4c4b_5349_474eL;

    private final Sql sql;

    public SigningKeyRepository(Sql sql) {
        this.sql = sql;
    }

    /** Native: advisory locks have no HQL form. */
    public void lock() {
        sql.list("select pg_advisory_xact_lock(?)", rs -> 1, LOCK);
    }

    /** The active key and those retired after {@code retiredAfter}, newest first. */
    public List<SigningKeyEntity> published(Instant retiredAfter) {
        return list("retiredAt is null or retiredAt > ?1", Sort.descending("createdAt"), retiredAfter);
    }

    public boolean hasActive(String algorithm) {
        return count("retiredAt is null and algorithm = ?1", algorithm) > 0;
    }

    public void retireActive(Instant now, String algorithm) {
        update("retiredAt = ?1 where retiredAt is null and algorithm = ?2", now, algorithm);
    }
}
