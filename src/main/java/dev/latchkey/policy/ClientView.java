package dev.latchkey.policy;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * A registered client as the policy sees it. {@code secretHash} is null for public clients;
 * {@code idTokenSignedResponseAlg} is RS256 or ES256 (OpenID Connect Registration §2);
 * {@code registrationTokenHash} is set only for a client that registered itself (RFC 7591, RFC 7592), and
 * {@code firstTokenAt} once it was first issued a token. {@code dpopBoundAccessTokens}: every token request
 * must carry a DPoP proof (RFC 9449 §5.2); {@code requirePushedAuthorizationRequests}: every authorization
 * request must be pushed first (RFC 9126 §6).
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
        String idTokenSignedResponseAlg,
        Set<String> allowedResources,
        String tokenEndpointAuthMethod,
        String clientUri,
        String logoUri,
        List<String> contacts,
        byte[] registrationTokenHash,
        Instant firstTokenAt,
        boolean dpopBoundAccessTokens,
        boolean requirePushedAuthorizationRequests) {

    public boolean isConfidential() {
        return type == ClientType.CONFIDENTIAL;
    }

    /** Registered through RFC 7591 rather than by an administrator: its name is its own claim. */
    public boolean selfRegistered() {
        return registrationTokenHash != null;
    }

    public boolean allows(String grant) {
        return grantTypes.contains(grant);
    }
}
