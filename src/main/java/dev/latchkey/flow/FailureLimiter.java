package dev.latchkey.flow;

import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Failure limits that must not slow down the request that failed: a failure is counted in PostgreSQL in the
 * background (every instance adds to the same counter), and once a counter is over its limit the instance
 * that saw it refuses that key from memory until the window ends, so a good request costs no query.
 */
@ApplicationScoped
public class FailureLimiter {
    private static final Logger LOG = Logger.getLogger(FailureLimiter.class);

    private final Throttle throttle;
    private final Clock clock;
    private final Map<String, Instant> blockedUntil = new ConcurrentHashMap<>();

    public FailureLimiter(Throttle throttle, Clock clock) {
        this.throttle = throttle;
        this.clock = clock;
    }

    /** How long {@code key} must still wait, from memory; empty when it is not blocked here. */
    public Optional<Duration> blocked(String key) {
        Instant until = blockedUntil.get(key);
        if (until == null) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        if (now.isBefore(until)) {
            Duration wait = Duration.between(now, until);
            return Optional.of(Duration.ofSeconds(Math.max(1, wait.getSeconds() + (wait.getNano() > 0 ? 1 : 0))));
        }
        blockedUntil.remove(key, until);
        return Optional.empty();
    }

    /** Counts a failure in the background; may be called on the event loop. */
    public void fail(String key, int limit, Duration window) {
        Infrastructure.getDefaultWorkerPool().execute(() -> {
            try {
                throttle.failAndCheck(key, limit, window)
                        .ifPresent(wait -> blockedUntil.put(key, clock.instant().plus(wait)));
            } catch (RuntimeException e) {
                LOG.warnf("Could not count a failure for %s: %s", key, e.getMessage());
            }
        });
    }
}
