package dev.latchkey.flow;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.latchkey.config.LatchkeyConfig;
import dev.latchkey.store.ScopeRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;

import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Which scopes exist, for every authorization request: names found are remembered, so a request for
 * known scopes needs no query. Only existence is cached, never absence: a scope created on any instance
 * is usable at once. A scope deleted elsewhere may be seen here for {@code latchkey.cache.client-ttl}, which
 * lets nothing through: a scope can only be deleted once no client allows it.
 */
@ApplicationScoped
public class ScopeLookup {
    private final ScopeRepository scopes;
    private final Cache<String, Boolean> known;

    public ScopeLookup(ScopeRepository scopes, LatchkeyConfig config) {
        this.scopes = scopes;
        this.known = Caffeine.newBuilder()
                .maximumSize(config.cache().clientMaxEntries())
                .expireAfterWrite(config.cache().clientTtl())
                .build();
    }

    public Set<String> existing(Collection<String> names) {
        List<String> unknown = names.stream().filter(n -> known.getIfPresent(n) == null).toList();
        if (unknown.isEmpty()) {
            return Set.copyOf(names);
        }
        Set<String> found = new HashSet<>(names);
        found.removeAll(unknown);
        for (String name : scopes.existing(unknown)) {
            known.put(name, Boolean.TRUE);
            found.add(name);
        }
        return found;
    }

    void changed(@Observes(during = TransactionPhase.AFTER_COMPLETION) ScopeAdminFlow.ScopesChanged event) {
        known.invalidateAll();
    }
}
