package dev.latchkey.policy;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * A registered client as the policy sees it. {@code secretHash} is null for public clients;
 * {@code idTokenSignedResponseAlg} is RS256 or ES256 (OpenID Connect Registration §2).
 */
public record ClientView(
        String clientId,
        String name,
        ClientType type,
        byte[] secretHash,
        List<String> redirectUris,
        Set<String> allowedScopes,
        Set<String> defaultScopes,
        Set<String> grantTypes,
        boolean requirePkce,
        boolean enabled,
        Instant createdAt,
        Instant updatedAt,
        List<String> postLogoutRedirectUris,
        String idTokenSignedResponseAlg) {

    public boolean isConfidential() {
        return type == ClientType.CONFIDENTIAL;
    }

    public boolean allows(String grant) {
        return grantTypes.contains(grant);
    }
}
