package dev.latchkey.policy;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** Fixed-window failure limits: after {@code limit} failures in a window, refuse until it ends. */
public final class Throttling {
    private Throttling() {
    }

    /**
     * @return how long to wait, when the key is blocked now
     */
    public static Optional<Duration> retryAfter(Instant windowStart, int failures, Instant now, int limit,
                                                Duration window) {
        Instant end = windowStart.plus(window);
        if (failures < limit || !now.isBefore(end)) {
            return Optional.empty();
        }
        Duration wait = Duration.between(now, end);
        // Retry-After is in whole seconds; never advertise 0 while still blocked
        return Optional.of(wait.getSeconds() < 1 ? Duration.ofSeconds(1) : wait.plusSeconds(wait.getNano() > 0 ? 1 : 0)
                .withNanos(0));
    }
}
