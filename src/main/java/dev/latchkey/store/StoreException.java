package dev.latchkey.store;

import org.postgresql.util.PSQLException;

import java.sql.SQLException;

/**
 * A statement failed; carries the SQLState and, for a violated constraint, its name, so callers can tell
 * a taken name, a value the database cannot hold and a lost database apart.
 */
public class StoreException extends RuntimeException {
    private final String sqlState;
    private final String constraint;

    public StoreException(String sql, SQLException cause) {
        super(cause.getMessage() + " [" + sql.strip().split("\\s+", 3)[0] + "]", cause);
        this.sqlState = cause.getSQLState();
        this.constraint = cause instanceof PSQLException pg && pg.getServerErrorMessage() != null
                ? pg.getServerErrorMessage().getConstraint() : null;
    }

    /**
     * Runs a write of the entity model and flushes it at once, so that a violated constraint surfaces here,
     * with its name, rather than at commit.
     */
    static void flushing(Runnable write) {
        try {
            write.run();
        } catch (RuntimeException e) {
            StoreException failed = from(e);
            throw failed != null ? failed : e;
        }
    }

    /** The statement failure behind an exception of the entity model, or null when no statement failed. */
    public static StoreException from(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof StoreException store) {
                return store;
            }
            if (t instanceof SQLException sql) {
                return new StoreException("statement", sql);
            }
        }
        return null;
    }

    public String sqlState() {
        return sqlState == null ? "" : sqlState;
    }

    /** The violated constraint's name, or null. */
    public String constraint() {
        return constraint;
    }
}
