package dev.latchkey.policy;

import java.util.LinkedHashSet;
import java.util.Set;

/** The client_credentials grant's checks (RFC 6749 §4.4): confidential clients, their own scopes only. */
public final class ClientCredentialsGrantPolicy {
    public static final String GRANT_TYPE = "client_credentials";
    public static final Set<String> PARAMETERS = Set.of();
    public static final GrantRule RULE = new GrantRule(GRANT_TYPE, true, null, null, false);

    private ClientCredentialsGrantPolicy() {
    }

    /** The token's scopes: those asked for, all allowed to the client, or its defaults when none are asked. */
    public static Set<String> scopes(TokenRequest request, ClientView client) {
        Set<String> requested = TokenPolicy.requestedScopes(request);
        if (requested == null) {
            if (client.defaultScopes().isEmpty()) {
                throw new Refusal(ClientCredentialsReason.TOKEN_SCOPE_NONE);
            }
            return new LinkedHashSet<>(client.defaultScopes());
        }
        for (String scope : requested) {
            if (!client.allowedScopes().contains(scope)) {
                throw new Refusal(ClientCredentialsReason.TOKEN_SCOPE_NOT_ALLOWED, Quote.of(scope));
            }
        }
        return requested;
    }
}
