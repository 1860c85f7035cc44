package dev.latchkey.policy;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/** A registered client as the policy sees it. {@code secretHash} is null for public clients. */
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
        Instant updatedAt) {

    public boolean isConfidential() {
        return type == ClientType.CONFIDENTIAL;
    }

    public boolean allows(String grant) {
        return grantTypes.contains(grant);
    }

    /** The same client with a new secret. */
    public ClientView withSecretHash(byte[] newSecretHash, Instant changedAt) {
        return new ClientView(clientId, name, type, newSecretHash, redirectUris, allowedScopes, defaultScopes,
                grantTypes, requirePkce, enabled, createdAt, changedAt);
    }
}
