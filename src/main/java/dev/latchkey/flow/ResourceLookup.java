package dev.latchkey.flow;

import dev.latchkey.config.LatchkeyConfig;
import dev.latchkey.policy.ResourceView;
import dev.latchkey.store.ResourceEntity;
import dev.latchkey.store.ResourceRepository;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The registered resources (RFC 8707) by URI, all of them in memory: there are few, and a token request that
 * names one must not pay a query. A change through this instance is seen at once, through another within
 * {@code latchkey.cache.client-ttl} (twice that on the event loop's path, which refreshes in the background).
 */
@ApplicationScoped
public class ResourceLookup {

    /** Fired inside a transaction that changed resources. */
    public record ResourcesChanged() {
    }

    private record Snapshot(Map<String, ResourceView> byUri, long loadedAt) {
    }

    private final ResourceRepository resources;
    private final long ttlNanos;
    private volatile Snapshot snapshot;
    private final java.util.concurrent.atomic.AtomicBoolean refreshing = new java.util.concurrent.atomic.AtomicBoolean();

    public ResourceLookup(ResourceRepository resources, LatchkeyConfig config) {
        this.resources = resources;
        this.ttlNanos = config.cache().clientTtl().toNanos();
    }

    /** Every resource by URI, read again when the copy in memory is older than the cache's lifetime. */
    public Map<String, ResourceView> all() {
        Snapshot s = snapshot;
        return s != null && System.nanoTime() - s.loadedAt() <= ttlNanos ? s.byUri() : load();
    }

    private Map<String, ResourceView> load() {
        Map<String, ResourceView> byUri = new LinkedHashMap<>();
        for (ResourceEntity resource : resources.all()) {
            byUri.put(resource.uri, resource.view());
        }
        Map<String, ResourceView> loaded = Map.copyOf(byUri);
        snapshot = new Snapshot(loaded, System.nanoTime());
        return loaded;
    }

    /**
     * The copy in memory, never the database: when it is past the cache's lifetime one worker reads it again
     * while this answer still uses it (so that a burst of requests does not all leave the event loop at once);
     * empty when there is none, or it is twice as old.
     */
    public Optional<Map<String, ResourceView>> cached() {
        Snapshot s = snapshot;
        if (s == null) {
            return Optional.empty();
        }
        long age = System.nanoTime() - s.loadedAt();
        if (age > ttlNanos && refreshing.compareAndSet(false, true)) {
            Infrastructure.getDefaultWorkerPool().execute(() -> {
                try {
                    QuarkusTransaction.requiringNew().call(this::load);
                } catch (RuntimeException e) {
                    snapshot = null; // the next request reads it on a worker, and fails there if it must
                } finally {
                    refreshing.set(false);
                }
            });
        }
        return age > 2 * ttlNanos ? Optional.empty() : Optional.of(s.byUri());
    }

    void changed(@Observes(during = TransactionPhase.AFTER_COMPLETION) ResourcesChanged event) {
        snapshot = null;
    }
}
