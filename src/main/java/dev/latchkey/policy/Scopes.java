package dev.latchkey.policy;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Scope names and scope strings, RFC 6749 §3.3. */
public final class Scopes {
    public static final int MAX_NAME_LENGTH = 200;

    private Scopes() {
    }

    /** scope-token = 1*( %x21 / %x23-5B / %x5D-7E ) */
    public static boolean isValidName(String name) {
        if (name == null || name.isEmpty() || name.length() > MAX_NAME_LENGTH) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c < 0x21 || c > 0x7E || c == 0x22 || c == 0x5C) {
                return false;
            }
        }
        return true;
    }

    /**
     * Splits a {@code scope} parameter on single spaces. Empty when the string is malformed:
     * leading, trailing or doubled spaces, or a token with a character outside §3.3.
     */
    public static Optional<Set<String>> parse(String scope) {
        Set<String> names = new LinkedHashSet<>();
        for (String token : scope.split(" ", -1)) {
            if (!isValidName(token)) {
                return Optional.empty();
            }
            names.add(token);
        }
        return Optional.of(names);
    }

    public static String format(Set<String> names) {
        return String.join(" ", names);
    }

    /** @throws InvalidInput naming what is wrong with the new scope */
    public static void validateNew(String name, String description) {
        List<String> problems = new ArrayList<>();
        if (name == null || name.isEmpty()) {
            problems.add("name is required");
        } else if (!isValidName(name)) {
            problems.add("name " + Quote.of(name) + " is not a valid scope name: 1 to " + MAX_NAME_LENGTH
                    + " printable ASCII characters without space, '\"' or '\\' (RFC 6749 §3.3)");
        }
        if (description != null && description.length() > 1000) {
            problems.add("description is longer than 1000 characters");
        } else if (description != null && description.chars().anyMatch(c -> c < 0x20 && c != '\n' && c != '\t')) {
            problems.add("description must not contain control characters");
        }
        if (!problems.isEmpty()) {
            throw new InvalidInput(problems);
        }
    }
}
