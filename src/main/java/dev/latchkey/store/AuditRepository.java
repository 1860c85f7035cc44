package dev.latchkey.store;

import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Reading the audit trail, newest first, by filters. */
@ApplicationScoped
public class AuditRepository {
    public record Row(long id, Instant at, String type, String actor, String clientId, String subject, String address,
                      String detail) {
    }

    /** Filters; null means any. {@code before} is the cursor: only events with a smaller id. */
    public record Filter(String type, String clientId, String actor, Instant since, Instant until, Long before) {
    }

    private final Sql sql;

    public AuditRepository(Sql sql) {
        this.sql = sql;
    }

    public List<Row> page(Filter f, int limit) {
        StringBuilder where = new StringBuilder(" where true");
        List<Object> params = new ArrayList<>();
        if (f.type() != null) {
            where.append(" and type = ?");
            params.add(f.type());
        }
        if (f.clientId() != null) {
            where.append(" and client_id = ?");
            params.add(f.clientId());
        }
        if (f.actor() != null) {
            where.append(" and actor = ?");
            params.add(f.actor());
        }
        if (f.since() != null) {
            where.append(" and at >= ?");
            params.add(f.since());
        }
        if (f.until() != null) {
            where.append(" and at < ?");
            params.add(f.until());
        }
        if (f.before() != null) {
            where.append(" and id < ?");
            params.add(f.before());
        }
        params.add(limit + 1);
        return sql.list("select id, at, type, actor, client_id, subject, address, detail from audit_event" + where
                        + " order by id desc limit ?",
                rs -> new Row(rs.getLong(1), Sql.instant(rs, 2), rs.getString(3), rs.getString(4), rs.getString(5),
                        rs.getString(6), rs.getString(7), rs.getString(8)), params.toArray());
    }
}
