package dev.latchkey.policy;

/** The resource a request names does not exist; the message says which. */
public class NotFound extends RuntimeException {
    public NotFound(String description) {
        super(description, null, false, false);
    }
}
