package dev.latchkey.store;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;

import java.time.Instant;
import java.util.List;

/** The audit trail: written in batches, read newest first by filters. */
@ApplicationScoped
public class AuditRepository implements PanacheRepositoryBase<AuditEventEntity, Long> {

    /** Filters; null means any. {@code before} is the cursor: only events with a smaller id. */
    public record Filter(String type, String clientId, String actor, Instant since, Instant until, Long before) {
    }

    private static final String COLUMNS = "at, type, actor, client_id, subject, address, detail";

    private final Sql sql;

    public AuditRepository(Sql sql) {
        this.sql = sql;
    }

    /** Newest first; {@code limit + 1} rows tell if there is more. */
    public List<AuditEventEntity> page(Filter f, int limit) {
        StringBuilder where = new StringBuilder("true");
        Parameters params = new Parameters();
        condition(where, params, "type = :type", "type", f.type());
        condition(where, params, "clientId = :clientId", "clientId", f.clientId());
        condition(where, params, "actor = :actor", "actor", f.actor());
        condition(where, params, "at >= :since", "since", f.since());
        condition(where, params, "at < :until", "until", f.until());
        condition(where, params, "id < :before", "before", f.before());
        return find(where.toString(), Sort.descending("id"), params).range(0, limit).list();
    }

    /**
     * Native: PostgreSQL's COPY writes a batch in one round trip without per-row statement work, for the
     * trail's steady stream (every token request adds an event). A COPY is atomic by itself, so it needs
     * no transaction around it (the writer thread gets a session of its own for the call).
     */
    @ActivateRequestContext
    public void write(List<AuditEventEntity> events) {
        sql.copy("audit_event", COLUMNS, events.stream()
                .map(e -> new Object[] {e.at, e.type, e.actor, e.clientId, e.subject, e.address, e.detail})
                .toList());
    }

    private static void condition(StringBuilder where, Parameters params, String clause, String name, Object value) {
        if (value != null) {
            where.append(" and ").append(clause);
            params.and(name, value);
        }
    }
}
