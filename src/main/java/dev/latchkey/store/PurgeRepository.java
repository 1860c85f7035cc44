package dev.latchkey.store;

import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;

/** The purge job's statement: expired rows in batches, skipping rows another instance is deleting. */
@ApplicationScoped
public class PurgeRepository {
    private final Sql sql;

    public PurgeRepository(Sql sql) {
        this.sql = sql;
    }

    /**
     * Deletes up to {@code batch} rows of {@code table} matching {@code condition} (one {@code ?}: the cutoff).
     * Native: batches by {@code ctid} with {@code FOR UPDATE SKIP LOCKED} have no HQL form. The transaction is
     * marked as a purge, so the revocation trigger stays quiet: deleting an expired grant is no revocation.
     */
    public int deleteBatch(String table, String condition, Instant cutoff, int batch) {
        sql.list("select set_config('latchkey.purging', 'on', true)", rs -> 1);
        return sql.update("delete from " + table + " where ctid = any(array(select ctid from " + table + " where "
                + condition + " limit " + batch + " for update skip locked))", cutoff);
    }
}
