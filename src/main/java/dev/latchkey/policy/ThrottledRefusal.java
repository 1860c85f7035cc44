package dev.latchkey.policy;

import java.time.Duration;

/** Refused for too many failures; the client may retry after {@code retryAfter}. */
public class ThrottledRefusal extends Refusal {
    private final Duration retryAfter;

    public ThrottledRefusal(Reason reason, Duration retryAfter) {
        super(reason, "retry after " + retryAfter.getSeconds() + " s");
        this.retryAfter = retryAfter;
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
