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

    /** The key of a counter: its kind and parts, each cut to 64 characters (the column holds 300). */
    public static String key(String kind, String... parts) {
        StringBuilder key = new StringBuilder(kind);
        for (String part : parts) {
            String p = part == null ? "" : part;
            key.append('|').append(p, 0, Math.min(p.length(), 64));
        }
        return key.toString();
    }

    /**
     * Counts an attempt before the work it guards, and decides in the same atomic step: how long {@code key}
     * must wait when this attempt is over {@code limit} in the window. Concurrent attempts each get their own
     * count, so no more than {@code limit} of them get through.
     */
    @Transactional
    public Optional<Duration> attempt(String key, int limit, Duration window) {
        var now = clock.instant();
        var counted = store.fail(key, now, now.minus(window));
        return Throttling.retryAfter(counted.start(), counted.failures(), now, limit + 1, window);
    }

    /** Takes back one counted attempt that turned out to be a success. */
    @Transactional
    public void forgive(String key) {
        store.forgive(key);
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
