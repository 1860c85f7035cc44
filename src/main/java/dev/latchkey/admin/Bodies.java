package dev.latchkey.admin;

import dev.latchkey.policy.InvalidInput;

final class Bodies {
    private Bodies() {
    }

    /** An empty body or a JSON {@code null} reaches a resource as null. */
    static <T> T required(T body) {
        if (body == null) {
            throw new InvalidInput("a JSON object body is required");
        }
        return body;
    }
}
