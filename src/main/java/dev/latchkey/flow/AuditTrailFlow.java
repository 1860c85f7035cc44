package dev.latchkey.flow;

import dev.latchkey.jobs.AuditEvent;
import dev.latchkey.jobs.AuditLog;
import dev.latchkey.policy.InvalidInput;
import dev.latchkey.store.AuditEventEntity;
import dev.latchkey.store.AuditRepository;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/** Reading the audit trail, newest first, by filters, a page at a time. */
@ApplicationScoped
public class AuditTrailFlow {

    /** One event as the management API shows it. */
    public record AuditView(long id, Instant at, String type, String actor, String clientId, String subject,
                            String address, String detail) {
        static AuditView of(AuditEventEntity e) {
            return new AuditView(e.id, e.at, e.type, e.actor, e.clientId, e.subject, e.address, e.detail);
        }
    }

    /** Filters; null means any. {@code before} is the cursor: only events with a smaller id. */
    public record Filter(String type, String clientId, String actor, Instant since, Instant until, Long before) {
    }

    private final AuditRepository events;
    private final AuditLog audit;

    public AuditTrailFlow(AuditRepository events, AuditLog audit) {
        this.events = events;
        this.audit = audit;
    }

    /** A change made through the management API, by the holder of the admin key. */
    public void recordManagementChange(String subject, String clientId, String address, String detail) {
        recordManagementChange("admin", subject, clientId, address, detail);
    }

    /** A change made by {@code actor}: "admin" for the API key, a username for the console. */
    public void recordManagementChange(String actor, String subject, String clientId, String address, String detail) {
        audit.record(AuditEvent.of(AuditEvent.Type.MANAGEMENT_CHANGE).actor(actor).client(clientId).subject(subject)
                .address(address).detail(detail));
    }

    /** Every kind of event, for filters. */
    public List<String> types() {
        return Arrays.stream(AuditEvent.Type.values()).map(Enum::name).toList();
    }

    private static final Instant FIRST = Instant.parse("0001-01-01T00:00:00Z");
    private static final Instant LAST = Instant.parse("9999-12-31T23:59:59Z");

    /** A time the database can compare (its timestamps end in the year 294276; a typo can reach further). */
    private static void withinCalendar(String field, Instant time) {
        if (time != null && (time.isBefore(FIRST) || time.isAfter(LAST))) {
            throw new InvalidInput(field + " must be a time between the years 1 and 9999");
        }
    }

    /** @throws InvalidInput when {@code type} names no kind of event, or a time is out of the calendar */
    public Page<AuditView> page(Filter f, int limit) {
        if (f.type() != null && Arrays.stream(AuditEvent.Type.values()).noneMatch(t -> t.name().equals(f.type()))) {
            throw new InvalidInput("type must be one of " + Arrays.toString(AuditEvent.Type.values()));
        }
        withinCalendar("since", f.since());
        withinCalendar("until", f.until());
        return Page.of(events.page(new AuditRepository.Filter(f.type(), f.clientId(), f.actor(), f.since(), f.until(),
                f.before()), limit), limit, AuditView::of, v -> String.valueOf(v.id()));
    }
}
