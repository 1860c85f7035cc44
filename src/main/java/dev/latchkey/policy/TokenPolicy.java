package dev.latchkey.policy;

import java.util.Collection;
import java.util.Set;

/** What the token endpoint checks after client authentication and before any grant (RFC 6749 §3.2, §5.2). */
public final class TokenPolicy {
    private TokenPolicy() {
    }

    /**
     * @param supported the grant types this server implements
     * @return the grant type asked for, which the client may use
     */
    public static String grantType(TokenRequest request, ClientView client, Collection<String> supported) {
        String name = request.get("grant_type");
        if (name == null) {
            throw new Refusal(TokenReason.GRANT_TYPE_MISSING);
        }
        if (!supported.contains(name)) {
            throw new Refusal(TokenReason.GRANT_TYPE_UNSUPPORTED, Quote.of(name) + " (supported: "
                    + String.join(", ", supported) + ")");
        }
        if (!client.allows(name)) {
            throw new Refusal(TokenReason.GRANT_TYPE_NOT_ALLOWED, name);
        }
        return name;
    }

    /** The scope asked for (RFC 6749 §3.3), or null when none was. */
    public static Set<String> requestedScopes(TokenRequest request) {
        String scope = request.get("scope");
        if (scope == null) {
            return null;
        }
        return Scopes.parse(scope).orElseThrow(() -> new Refusal(TokenReason.TOKEN_SCOPE_MALFORMED));
    }
}
