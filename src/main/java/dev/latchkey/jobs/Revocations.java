package dev.latchkey.jobs;

import dev.latchkey.config.LatchkeyConfig;
import dev.latchkey.store.RevocationEventEntity;
import dev.latchkey.store.RevocationEventRepository;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.transaction.Transactional;
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

    private final RevocationEventRepository events;
    private final Clock clock;
    private final Duration keep;
    private final Map<String, Instant> families = new ConcurrentHashMap<>();
    private final Map<String, Instant> jtis = new ConcurrentHashMap<>();
    private long lastId;

    public Revocations(RevocationEventRepository events, Clock clock, LatchkeyConfig config) {
        this.events = events;
        this.clock = clock;
        this.keep = config.token().accessLifetime().plusMinutes(1);
    }

    /** Reads the recent past at start; older events cannot end a live access token. */
    @Transactional
    void onStart(@Observes @Priority(20) StartupEvent event) {
        lastId = events.lastIdBefore(clock.instant().minus(keep));
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

    /** In a transaction of its own: it also runs just after another one has committed. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    synchronized void poll() {
        Instant until = clock.instant().plus(keep);
        for (RevocationEventEntity e : events.after(lastId)) {
            lastId = Math.max(lastId, e.id);
            (e.kind.equals("family") ? families : jtis).put(e.target, until);
        }
        Instant now = clock.instant();
        families.values().removeIf(t -> t.isBefore(now));
        jtis.values().removeIf(t -> t.isBefore(now));
    }
}
