package dev.latchkey.flow;

import dev.latchkey.policy.Throttling;
import dev.latchkey.store.ThrottleRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/** Rate limits on failures (logins, client authentication), counted in PostgreSQL so all instances agree. */
@ApplicationScoped
public class Throttle {
    private final ThrottleRepository store;
    private final Clock clock;

    public Throttle(ThrottleRepository store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** How long {@code key} must wait, if it is blocked. */
    @Transactional
    public Optional<Duration> blocked(String key, int limit, Duration window) {
        var now = clock.instant();
        return store.window(key).flatMap(w -> Throttling.retryAfter(w.start(), w.failures(), now, limit, window));
    }

    @Transactional
    public void fail(String key, Duration window) {
        var now = clock.instant();
        store.fail(key, now, now.minus(window));
    }

    /** Counts a failure; returns how long {@code key} is now blocked, if this failure reached the limit. */
    @Transactional
    public Optional<Duration> failAndCheck(String key, int limit, Duration window) {
        var now = clock.instant();
        var counted = store.fail(key, now, now.minus(window));
        return Throttling.retryAfter(counted.start(), counted.failures(), now, limit, window);
    }

    @Transactional
    public void reset(String key) {
        store.reset(key);
    }
}
