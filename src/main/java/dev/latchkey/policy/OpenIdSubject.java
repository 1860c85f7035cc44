package dev.latchkey.policy;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The user a grant is about, as an id_token and userinfo describe them (OpenID Connect Core §2, §5.1), read
 * with the code or refresh token in the same statement.
 *
 * @param authTime when the user logged in for this grant (null for grants older than OpenID Connect here)
 * @param nonce    the authorization request's nonce: for the code exchange's id_token only, else null
 */
public record OpenIdSubject(String username, UserClaims claims, Instant authTime, String nonce) {
    public static final String OPENID = "openid";
    public static final String PROFILE = "profile";
    public static final String EMAIL = "email";

    /** {@code claims_supported} beside the id_token's own. */
    public static final List<String> CLAIMS = List.of("sub", "name", "given_name", "family_name",
            "preferred_username", "email", "email_verified");

    /**
     * The claims the granted scopes release (§5.4): {@code profile} the names and {@code preferred_username},
     * {@code email} the address and {@code email_verified}; a claim the user has no value for is left out.
     */
    public static Map<String, Object> released(Set<String> scopes, String username, UserClaims claims) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (scopes.contains(PROFILE)) {
            put(out, "name", claims.name());
            put(out, "given_name", claims.givenName());
            put(out, "family_name", claims.familyName());
            put(out, "preferred_username", username);
        }
        if (scopes.contains(EMAIL) && claims.email() != null) {
            out.put("email", claims.email());
            out.put("email_verified", claims.emailVerified());
        }
        return out;
    }

    public Map<String, Object> released(Set<String> scopes) {
        return released(scopes, username, claims);
    }

    private static void put(Map<String, Object> out, String name, Object value) {
        if (value != null) {
            out.put(name, value);
        }
    }
}
