package dev.latchkey.policy;

import java.util.ArrayList;
import java.util.List;

/**
 * What a user's id_token and userinfo may say of them (OpenID Connect Core §5.1): each may be null. The
 * {@code profile} scope releases the names, {@code email} the address and whether it was verified.
 */
public record UserClaims(String name, String givenName, String familyName, String email, boolean emailVerified) {
    public static final UserClaims NONE = new UserClaims(null, null, null, null, false);

    /** @throws InvalidInput naming every field that cannot be stored */
    public UserClaims validated() {
        List<String> problems = new ArrayList<>();
        check("name", name, 200, problems);
        check("given_name", givenName, 100, problems);
        check("family_name", familyName, 100, problems);
        check("email", email, 320, problems);
        if (email != null && !email.matches("[^@\\s]+@[^@\\s]+")) {
            problems.add("email must be an address such as alice@example.com");
        }
        if (!problems.isEmpty()) {
            throw new InvalidInput(problems);
        }
        return this;
    }

    private static void check(String field, String value, int max, List<String> problems) {
        if (value == null) {
            return;
        }
        if (value.isBlank()) {
            problems.add(field + " must not be blank (leave it out instead)");
        } else if (value.length() > max) {
            problems.add(field + " is longer than " + max + " characters");
        } else if (ClientRegistrationPolicy.hasControlCharacter(value)) {
            problems.add(field + " must not contain control or format characters");
        }
    }
}
