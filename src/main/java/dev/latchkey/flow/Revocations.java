package dev.latchkey.flow;

import dev.latchkey.config.LatchkeyConfig;
import dev.latchkey.store.Sql;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which grants and access tokens have ended early, in memory, so that introspecting a JWT needs no
 * database round trip. Every instance reads the revocation events (written by triggers) in order; this
 * instance reads them at once after a revocation of its own, others within {@code latchkey.revocation.poll-interval}.
 * An entry is kept as long as an access token it ends could still be live.
 */
@ApplicationScoped
public class Revocations {
    private static final Logger LOG = Logger.getLogger(Revocations.class);

    /** Fired inside a transaction that revoked something. */
    public record Changed() {
    }

    private final Sql sql;
    private final Clock clock;
    private final Duration keep;
    private final Map<String, Instant> families = new ConcurrentHashMap<>();
    private final Map<String, Instant> jtis = new ConcurrentHashMap<>();
    private long lastId;

    public Revocations(Sql sql, Clock clock, LatchkeyConfig config) {
        this.sql = sql;
        this.clock = clock;
        this.keep = config.token().accessLifetime().plusMinutes(1);
    }

    /** Reads the recent past at start; older events cannot end a live access token. */
    void onStart(@Observes @Priority(20) StartupEvent event) {
        Instant since = clock.instant().minus(keep);
        lastId = sql.first("select coalesce(min(id) - 1, (select coalesce(max(id), 0) from revocation_event)) "
                + "from revocation_event where created_at > ?", rs -> rs.getLong(1), since).orElse(0L);
        poll();
    }

    public boolean familyEnded(String familyId) {
        return familyId != null && families.containsKey(familyId);
    }

    public boolean jtiRevoked(String jti) {
        return jti != null && jtis.containsKey(jti);
    }

    void afterRevocation(@Observes(during = TransactionPhase.AFTER_SUCCESS) Changed event) {
        poll();
    }

    @Scheduled(every = "${latchkey.revocation.poll-interval:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        try {
            poll();
        } catch (RuntimeException e) {
            LOG.debugf("Could not read revocation events (keeping the current view): %s", e.getMessage());
        }
    }

    synchronized void poll() {
        Instant until = clock.instant().plus(keep);
        sql.list("select id, kind, key from revocation_event where id > ? order by id", rs -> {
            lastId = Math.max(lastId, rs.getLong(1));
            (rs.getString(2).equals("family") ? families : jtis).put(rs.getString(3), until);
            return null;
        }, lastId);
        Instant now = clock.instant();
        families.values().removeIf(t -> t.isBefore(now));
        jtis.values().removeIf(t -> t.isBefore(now));
    }
}
