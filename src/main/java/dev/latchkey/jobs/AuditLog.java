package dev.latchkey.jobs;

import dev.latchkey.store.AuditEventEntity;
import dev.latchkey.store.AuditRepository;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The audit trail, written in the background in batches: recording an event is a queue offer, so the
 * token endpoint's hot path pays no database round trip for it. When the database is away the events
 * wait (up to the queue's bound) and are written when it is back; beyond the bound the oldest are
 * dropped and counted in the log.
 */
@Singleton
public class AuditLog {
    private static final Logger LOG = Logger.getLogger(AuditLog.class);
    /**
     * What a database outage may queue: an event is at most about 2 KB in memory, so 10,000 stay well inside
     * the production heap (112 MB); beyond it the oldest are dropped and counted.
     */
    private static final int CAPACITY = 10_000;
    private static final int BATCH = 500;
    /**
     * How long the writer gathers events after the first before it writes them: one COPY and one commit (one WAL
     * flush) for all that arrived meanwhile. At 3,000 grants/s that is ~150 a batch instead of ~4, which cut
     * PostgreSQL's CPU per grant (bench/ab/19-write-paths.md); events wait this much longer, not the requests.
     */
    private static final long LINGER_MILLIS = 50;

    private final BlockingQueue<AuditEventEntity> queue = new ArrayBlockingQueue<>(CAPACITY);
    private final AtomicLong dropped = new AtomicLong();
    private final AuditRepository store;
    private final Clock clock;
    private volatile boolean running = true;
    private Thread writer;

    public AuditLog(AuditRepository store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    public void record(AuditEvent e) {
        AuditEventEntity event = new AuditEventEntity();
        event.at = clock.instant();
        event.type = e.type.name();
        event.actor = cut(e.actor, 200);
        event.clientId = cut(e.clientId, 64);
        event.subject = cut(e.subject, 200);
        event.address = cut(e.address, 64);
        event.detail = cut(e.detail, 500);
        while (!queue.offer(event)) {
            if (queue.poll() != null && dropped.incrementAndGet() % 1000 == 1) {
                LOG.warnf("Audit queue full: %d oldest events dropped so far", dropped.get());
            }
        }
    }

    void start(@Observes @Priority(30) StartupEvent event) {
        writer = new Thread(this::run, "audit-writer");
        writer.setDaemon(true);
        writer.start();
    }

    /** Writes what is queued before the process ends. */
    void stop(@Observes ShutdownEvent event) throws InterruptedException {
        running = false;
        if (writer != null) {
            writer.join(5000);
        }
    }

    private void run() {
        List<AuditEventEntity> batch = new ArrayList<>(BATCH);
        while (running || !queue.isEmpty() || !batch.isEmpty()) {
            try {
                if (batch.isEmpty()) {
                    AuditEventEntity first = queue.poll(200, TimeUnit.MILLISECONDS);
                    if (first == null) {
                        continue;
                    }
                    batch.add(first);
                    if (running && queue.size() < BATCH - 1) {
                        Thread.sleep(LINGER_MILLIS);
                    }
                    queue.drainTo(batch, BATCH - 1);
                }
                store.write(batch);
                batch.clear();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                // the database is away: keep the batch, try again shortly
                LOG.debugf("Audit events not written yet (%d waiting): %s", batch.size() + queue.size(), e.getMessage());
                if (!running) {
                    LOG.warnf("%d audit events could not be written before shutdown", batch.size() + queue.size());
                    return;
                }
                sleep(1000);
            }
        }
    }

    private static String cut(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
