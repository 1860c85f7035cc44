package dev.latchkey.policy;

import java.util.List;
import java.util.Set;

/** A validated client registration: what the management API may store. */
public record ClientRegistration(
        String name,
        ClientType type,
        List<String> redirectUris,
        Set<String> allowedScopes,
        Set<String> defaultScopes,
        Set<String> grantTypes,
        boolean requirePkce,
        boolean enabled,
        List<String> postLogoutRedirectUris,
        String idTokenSignedResponseAlg) {

    /** The fields as a client developer sent them; null means absent. */
    public record Input(
            String name,
            String clientType,
            List<String> redirectUris,
            List<String> allowedScopes,
            List<String> defaultScopes,
            List<String> grantTypes,
            Boolean requirePkce,
            Boolean enabled,
            List<String> postLogoutRedirectUris,
            String idTokenSignedResponseAlg) {
    }
}
