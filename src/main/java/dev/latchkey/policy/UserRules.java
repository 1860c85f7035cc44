package dev.latchkey.policy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** What a username and a password may be. */
public final class UserRules {
    private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9._@+-]{1,64}");
    public static final int MIN_PASSWORD_LENGTH = 8;
    /** bcrypt reads at most 72 bytes; a longer password would be silently cut. */
    public static final int MAX_PASSWORD_BYTES = 72;

    /** The roles a user may have: {@code admin} signs in to the admin console. */
    public static final List<String> ROLES = List.of("admin");

    private UserRules() {
    }

    /**
     * The roles to store, sorted, none twice.
     *
     * @throws InvalidInput naming an unknown role
     */
    public static java.util.SortedSet<String> validRoles(List<String> roles) {
        java.util.SortedSet<String> valid = new java.util.TreeSet<>();
        for (String role : roles == null ? List.<String>of() : roles) {
            if (!ROLES.contains(role)) {
                throw new InvalidInput("roles: " + Quote.of(role) + " is not a role (the roles are "
                        + String.join(", ", ROLES) + ")");
            }
            valid.add(role);
        }
        return valid;
    }

    public static boolean isValidUsername(String username) {
        return username != null && USERNAME.matcher(username).matches();
    }

    /** @throws InvalidInput naming what is wrong with the new user */
    public static void validateNewUser(String username, String password) {
        List<String> problems = new ArrayList<>();
        if (username == null || username.isEmpty()) {
            problems.add("username is required");
        } else if (!isValidUsername(username)) {
            problems.add("username must be 1 to 64 characters from A-Z a-z 0-9 . _ @ + -");
        }
        if (password == null || password.isEmpty()) {
            problems.add("password is required");
        } else if (password.codePointCount(0, password.length()) < MIN_PASSWORD_LENGTH) {
            problems.add("password must be at least " + MIN_PASSWORD_LENGTH + " characters");
        } else if (password.getBytes(StandardCharsets.UTF_8).length > MAX_PASSWORD_BYTES) {
            problems.add("password must be at most " + MAX_PASSWORD_BYTES + " bytes in UTF-8");
        }
        if (!problems.isEmpty()) {
            throw new InvalidInput(problems);
        }
    }
}
