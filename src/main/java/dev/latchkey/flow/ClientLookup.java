package dev.latchkey.flow;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.latchkey.config.LatchkeyConfig;
import dev.latchkey.policy.ClientView;
import dev.latchkey.store.ClientEntity;
import dev.latchkey.store.ClientRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;

import java.util.Optional;

/**
 * Registered clients for the OAuth endpoints, cached: the token endpoint must not pay a database round
 * trip per request. A change made through this instance drops the entry when its transaction ends; a
 * change made through another instance is seen here within {@code latchkey.cache.client-ttl}.
 */
@ApplicationScoped
public class ClientLookup {

    /** Fired inside a transaction that changed or removed a client. */
    public record ClientChanged(String clientId) {
    }

    private final ClientRepository clients;
    private final Cache<String, Optional<ClientView>> cache;

    public ClientLookup(ClientRepository clients, LatchkeyConfig config) {
        this.clients = clients;
        this.cache = Caffeine.newBuilder()
                .maximumSize(config.cache().clientMaxEntries())
                .expireAfterWrite(config.cache().clientTtl())
                .build();
    }

    public Optional<ClientView> find(String clientId) {
        Optional<ClientView> cached = cache.getIfPresent(clientId);
        if (cached != null) {
            return cached;
        }
        // ids are random server-generated values, so caching "no such client" is safe too
        Optional<ClientView> loaded = clients.findByIdOptional(clientId).map(ClientEntity::view);
        cache.put(clientId, loaded);
        return loaded;
    }

    /** What the cache holds for a client id: the client, or null for an id known to name none. */
    public record Cached(ClientView client) {
    }

    /** The cache's entry alone, never the database: empty when there is none. */
    public Optional<Cached> cached(String clientId) {
        Optional<ClientView> entry = cache.getIfPresent(clientId);
        return entry == null ? Optional.empty() : Optional.of(new Cached(entry.orElse(null)));
    }

    void changed(@Observes(during = TransactionPhase.AFTER_COMPLETION) ClientChanged event) {
        cache.invalidate(event.clientId());
    }
}
