package dev.latchkey.flow;

import dev.latchkey.config.LatchkeyConfig;
import dev.latchkey.policy.ResourceView;
import dev.latchkey.store.ResourceEntity;
import dev.latchkey.store.ResourceRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The registered resources (RFC 8707) by URI, all of them in memory: there are few, and a token request that
 * names one must not pay a query. A change through this instance is seen at once, through another within
 * {@code latchkey.cache.client-ttl}.
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

    public ResourceLookup(ResourceRepository resources, LatchkeyConfig config) {
        this.resources = resources;
        this.ttlNanos = config.cache().clientTtl().toNanos();
    }

    /** Every resource by URI, read again when the copy in memory is older than the cache's lifetime. */
    public Map<String, ResourceView> all() {
        return cached().orElseGet(() -> {
            Map<String, ResourceView> byUri = new LinkedHashMap<>();
            for (ResourceEntity resource : resources.all()) {
                byUri.put(resource.uri, resource.view());
            }
            Map<String, ResourceView> loaded = Map.copyOf(byUri);
            snapshot = new Snapshot(loaded, System.nanoTime());
            return loaded;
        });
    }

    /** The copy in memory while it is fresh; never the database. */
    public Optional<Map<String, ResourceView>> cached() {
        Snapshot s = snapshot;
        return s == null || System.nanoTime() - s.loadedAt() > ttlNanos ? Optional.empty() : Optional.of(s.byUri());
    }

    void changed(@Observes(during = TransactionPhase.AFTER_COMPLETION) ResourcesChanged event) {
        snapshot = null;
    }
}
