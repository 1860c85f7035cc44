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

    public String sqlState() {
        return sqlState == null ? "" : sqlState;
    }

    /** The violated constraint's name, or null. */
    public String constraint() {
        return constraint;
    }
}
