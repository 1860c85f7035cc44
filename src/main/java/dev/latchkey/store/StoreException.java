package dev.latchkey.store;

import org.postgresql.util.PSQLException;

import java.sql.SQLException;
import java.util.Map;

/**
 * A statement failed. When the caller's input was at fault (a name already taken, a value PostgreSQL
 * cannot hold) it says so in words a client may read; otherwise it is a lost database or a bug.
 */
public class StoreException extends RuntimeException {
    /** Unique and foreign-key constraints whose violation is the caller's doing, in the caller's words. */
    private static final Map<String, String> CONFLICTS = Map.of(
            "scope_pkey", "a scope with this name already exists",
            "client_name_key", "a client with this name already exists",
            "app_user_username_key", "a user with this username already exists",
            "client_allowed_scope_scope_name_fkey", "a named scope was deleted meanwhile; check the scopes and retry",
            "resource_uri_key", "a resource with this uri already exists",
            "resource_scope_scope_name_fkey", "a named scope was deleted meanwhile; check the scopes and retry",
            "client_allowed_resource_resource_uri_fkey",
            "a named resource was deleted meanwhile; check the resources and retry");

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

    /** What the caller did wrong, client-safe; null when the failure is not the caller's. */
    public String refusal() {
        String conflict = constraint == null ? null : CONFLICTS.get(constraint);
        if (conflict != null) {
            return conflict;
        }
        // class 22: data exception, a value PostgreSQL cannot hold (a NUL character, say)
        return sqlState != null && sqlState.startsWith("22")
                ? "a value contains a character the server does not accept (such as NUL)" : null;
    }
}
