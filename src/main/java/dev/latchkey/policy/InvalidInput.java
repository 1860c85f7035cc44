package dev.latchkey.policy;

import java.util.List;

/** A management request whose content breaks a rule; the message names every offending field. */
public class InvalidInput extends RuntimeException {
    public InvalidInput(String description) {
        super(description, null, false, false);
    }

    public InvalidInput(List<String> problems) {
        this(String.join("; ", problems));
    }
}
