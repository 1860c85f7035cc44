package dev.latchkey.policy;

import java.util.List;

/** A management request whose content breaks a rule; the message names every offending field. */
public class InvalidInput extends RuntimeException {
    private final List<String> problems;

    public InvalidInput(String description) {
        this(List.of(description));
    }

    public InvalidInput(List<String> problems) {
        super(String.join("; ", problems), null, false, false);
        this.problems = List.copyOf(problems);
    }

    /** Each problem, the field it concerns first. */
    public List<String> problems() {
        return problems;
    }
}
