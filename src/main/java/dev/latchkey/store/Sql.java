package dev.latchkey.store;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;

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
import java.util.List;
import java.util.Optional;

/**
 * Every statement goes through here, as plain JDBC: no ORM query translation or interpretation cache on
 * the hot paths (an ORM's native-query handling once cost a third of the token endpoint's CPU), and no
 * ORM boot at start (Hibernate's took about 0.5 s of it). Inside a transaction the connection is the
 * transaction's (Agroal enlists it), so these statements commit or roll back with the rest.
 */
@ApplicationScoped
public class Sql {

    /** Reads one row. */
    @FunctionalInterface
    public interface Row<T> {
        T map(ResultSet rs) throws SQLException;
    }

    private final AgroalDataSource dataSource;

    public Sql(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    public int update(String sql, Object... params) {
        try (Connection c = dataSource.getConnection(); PreparedStatement st = prepare(c, sql, params)) {
            return st.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException(sql, e);
        }
    }

    /**
     * Many rows into one table through PostgreSQL's COPY: one round trip and no per-row statement
     * work, for the audit trail's steady stream. Values are written as CSV; null stays NULL.
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
        try (Connection c = dataSource.getConnection()) {
            c.unwrap(PGConnection.class).getCopyAPI().copyIn("copy " + table + " (" + columns
                    + ") from stdin with (format csv)", new StringReader(csv.toString()));
        } catch (SQLException | IOException e) {
            throw new StoreException("copy " + table, e instanceof SQLException sql ? sql : new SQLException(e));
        }
    }

    public <T> List<T> list(String sql, Row<T> row, Object... params) {
        try (Connection c = dataSource.getConnection(); PreparedStatement st = prepare(c, sql, params);
             ResultSet rs = st.executeQuery()) {
            List<T> out = new ArrayList<>();
            while (rs.next()) {
                out.add(row.map(rs));
            }
            return out;
        } catch (SQLException e) {
            throw new StoreException(sql, e);
        }
    }

    public <T> Optional<T> first(String sql, Row<T> row, Object... params) {
        List<T> rows = list(sql, row, params);
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
    }

    public static Instant instant(ResultSet rs, int column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private static PreparedStatement prepare(Connection c, String sql, Object[] params) throws SQLException {
        PreparedStatement st = c.prepareStatement(sql);
        bind(c, st, params);
        return st;
    }

    private static void bind(Connection c, PreparedStatement st, Object[] params) throws SQLException {
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
    }
}
