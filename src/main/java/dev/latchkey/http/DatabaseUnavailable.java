package dev.latchkey.http;


import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

/** Tells a lost or overloaded database apart from a bug, anywhere in an exception's causes. */
final class DatabaseUnavailable {
    /** Seconds a client should wait before trying again. */
    static final int RETRY_AFTER_SECONDS = 5;

    private DatabaseUnavailable() {
    }

    static boolean is(Throwable e) {
        return is(e, 0);
    }

    /** Walks the causes and the suppressed exceptions (a failed commit carries its reason as suppressed). */
    private static boolean is(Throwable e, int depth) {
        for (Throwable t = e; t != null && depth < 20; t = t.getCause() == t ? null : t.getCause(), depth++) {
            for (Throwable suppressed : t.getSuppressed()) {
                if (is(suppressed, depth + 1)) {
                    return true;
                }
            }
            if (t instanceof SQLTransientConnectionException || t instanceof java.net.ConnectException
                    || t instanceof java.net.SocketTimeoutException
                    || t instanceof jakarta.transaction.RollbackException && t.getMessage() != null
                    && t.getMessage().contains("timeout")) {
                return true;
            }
            if (t instanceof SQLException sql) {
                String state = sql.getSQLState() == null ? "" : sql.getSQLState();
                // 08: connection exception; 57P0x: server shut down or restarting; 53: out of resources;
                // no state: Agroal's "acquisition timeout"
                if (state.startsWith("08") || state.startsWith("57P") || state.startsWith("53")
                        || state.isEmpty() && String.valueOf(sql.getMessage()).contains("acquisition timeout")) {
                    return true;
                }
            }
            if (t.getClass().getName().startsWith("com.arjuna") && String.valueOf(t.getMessage()).contains("timeout")) {
                return true;
            }
        }
        return false;
    }

}
