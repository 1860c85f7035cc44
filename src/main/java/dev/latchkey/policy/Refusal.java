package dev.latchkey.policy;

/** A request refused for a {@link Reason}; {@code detail} (client-safe) says which value was at fault. */
public class Refusal extends RuntimeException {
    private final Reason reason;
    private final String detail;

    public Refusal(Reason reason) {
        this(reason, null);
    }

    public Refusal(Reason reason, String detail) {
        super(reason.name(), null, false, false);
        this.reason = reason;
        this.detail = detail;
    }

    public Reason reason() {
        return reason;
    }

    /** The reason's description, with the detail when there is one. */
    public String description() {
        return detail == null ? reason.description() : reason.description() + ": " + detail;
    }
}
