package dev.latchkey.store;

import java.sql.SQLException;

/** A statement failed; carries the SQLState so callers can tell a constraint or a lost database apart. */
public class StoreException extends RuntimeException {
    private final String sqlState;

    public StoreException(String sql, SQLException cause) {
        super(cause.getMessage() + " [" + sql.strip().split("\\s+", 3)[0] + "]", cause);
        this.sqlState = cause.getSQLState();
    }

    public String sqlState() {
        return sqlState == null ? "" : sqlState;
    }
}
