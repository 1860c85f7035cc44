package dev.latchkey.store;

import jakarta.enterprise.context.ApplicationScoped;
import org.hibernate.Session;
import org.postgresql.PGConnection;

import java.io.IOException;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The few statements the entity model cannot express, or not as fast: each caller says which and why in
 * one line. They run on the Hibernate session's own JDBC connection, so they commit or roll back with
 * the entities of the same transaction.
 */
@ApplicationScoped
public class Sql {

    /** Reads one row. */
    @FunctionalInterface
    public interface Row<T> {
        T map(ResultSet rs) throws SQLException;
    }

    private final Session session;

    public Sql(Session session) {
        this.session = session;
    }

    public int update(String sql, Object... params) {
        return session.doReturningWork(c -> {
            try (PreparedStatement st = prepare(c, sql, params)) {
                return st.executeUpdate();
            } catch (SQLException e) {
                throw new StoreException(sql, e);
            }
        });
    }

    public <T> List<T> list(String sql, Row<T> row, Object... params) {
        return session.doReturningWork(c -> {
            try (PreparedStatement st = prepare(c, sql, params); ResultSet rs = st.executeQuery()) {
                List<T> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(row.map(rs));
                }
                return out;
            } catch (SQLException e) {
                throw new StoreException(sql, e);
            }
        });
    }

    public <T> Optional<T> first(String sql, Row<T> row, Object... params) {
        List<T> rows = list(sql, row, params);
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
    }

    /**
     * A statement with named parameters ({@code :name}; a name may appear more than once), parsed once,
     * so that a long statement's values are bound by name and two of them cannot be swapped unnoticed.
     */
    public static final class Named {
        private final String jdbc;
        private final List<String> order;

        private Named(String jdbc, List<String> order) {
            this.jdbc = jdbc;
            this.order = order;
        }

        public static Named of(String sql) {
            StringBuilder jdbc = new StringBuilder(sql.length());
            List<String> order = new ArrayList<>();
            for (int i = 0; i < sql.length(); i++) {
                char c = sql.charAt(i);
                boolean cast = c == ':' && (i + 1 < sql.length() && sql.charAt(i + 1) == ':'
                        || i > 0 && sql.charAt(i - 1) == ':');
                if (c == ':' && !cast && i + 1 < sql.length() && Character.isJavaIdentifierStart(sql.charAt(i + 1))) {
                    int end = i + 1;
                    while (end < sql.length() && Character.isJavaIdentifierPart(sql.charAt(end))) {
                        end++;
                    }
                    order.add(sql.substring(i + 1, end));
                    jdbc.append('?');
                    i = end - 1;
                } else {
                    jdbc.append(c);
                }
            }
            return new Named(jdbc.toString(), List.copyOf(order));
        }

        /** The values in statement order; every name must be given, and nothing else. */
        Object[] bind(Map<String, ?> values) {
            if (!values.keySet().equals(Set.copyOf(order))) {
                throw new IllegalArgumentException("statement parameters " + Set.copyOf(order) + ", given "
                        + values.keySet());
            }
            return order.stream().map(values::get).toArray();
        }
    }

    public <T> Optional<T> first(Named statement, Row<T> row, Map<String, ?> values) {
        return first(statement.jdbc, row, statement.bind(values));
    }

    /** Named values for a {@link Named} statement: {@code values("now", now, "clientId", id)}; null is a value. */
    public static Map<String, Object> values(Object... namesAndValues) {
        Map<String, Object> values = new HashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            if (values.containsKey((String) namesAndValues[i])) {
                throw new IllegalArgumentException("value " + namesAndValues[i] + " given twice");
            }
            values.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return values;
    }

    /**
     * Many rows into one table through PostgreSQL's COPY: one round trip and no per-row statement work.
     * Values are written as CSV; null stays NULL.
     */
    public void copy(String table, String columns, List<Object[]> rows) {
        StringBuilder csv = new StringBuilder(rows.size() * 128);
        for (Object[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                if (i > 0) {
                    csv.append(',');
                }
                Object v = row[i];
                if (v != null) {
                    String text = v instanceof Instant instant ? instant.atOffset(ZoneOffset.UTC).toString() : v.toString();
                    csv.append('"').append(text.replace("\"", "\"\"")).append('"');
                }
            }
            csv.append('\n');
        }
        String copy = "copy " + table + " (" + columns + ") from stdin with (format csv)";
        session.doWork(c -> {
            try {
                c.unwrap(PGConnection.class).getCopyAPI().copyIn(copy, new StringReader(csv.toString()));
            } catch (SQLException e) {
                throw new StoreException(copy, e);
            } catch (IOException e) {
                throw new StoreException(copy, new SQLException(e));
            }
        });
    }

    public static Instant instant(ResultSet rs, int column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private static PreparedStatement prepare(Connection c, String sql, Object[] params) throws SQLException {
        PreparedStatement st = c.prepareStatement(sql);
        for (int i = 0; i < params.length; i++) {
            Object p = params[i];
            if (p instanceof Instant instant) {
                st.setObject(i + 1, instant.atOffset(ZoneOffset.UTC));
            } else if (p instanceof String[] array) {
                st.setArray(i + 1, c.createArrayOf("text", array));
            } else {
                st.setObject(i + 1, p);
            }
        }
        return st;
    }
}
