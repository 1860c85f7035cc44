package dev.latchkey.policy;

import java.util.List;
import java.util.Set;

/** A validated client registration: what the management API or dynamic registration may store. */
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
        String idTokenSignedResponseAlg,
        Set<String> allowedResources,
        String tokenEndpointAuthMethod,
        String clientUri,
        String logoUri,
        List<String> contacts,
        boolean dpopBoundAccessTokens,
        boolean requirePushedAuthorizationRequests) {

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
            String idTokenSignedResponseAlg,
            List<String> allowedResources,
            String tokenEndpointAuthMethod,
            String clientUri,
            String logoUri,
            List<String> contacts,
            Boolean dpopBoundAccessTokens,
            Boolean requirePushedAuthorizationRequests) {

        /** The same input as a client of {@code type}. */
        public Input withType(String type) {
            return new Input(name, type, redirectUris, allowedScopes, defaultScopes, grantTypes, requirePkce, enabled,
                    postLogoutRedirectUris, idTokenSignedResponseAlg, allowedResources, tokenEndpointAuthMethod,
                    clientUri, logoUri, contacts, dpopBoundAccessTokens, requirePushedAuthorizationRequests);
        }
    }

    /**
     * What the server has for a registration to name: the scopes and resources among those named that exist,
     * and the grant types it implements with their rules, in the order to name them.
     */
    public record Known(Set<String> scopes, Set<String> resources, List<GrantRule> grants) {
    }

    /** What the fields are called where the input came from, for the messages. */
    public record Fields(String name, String allowedScopes) {
        public static final Fields MANAGEMENT = new Fields("name", "allowed_scopes");
        /** RFC 7591 §2. */
        public static final Fields RFC7591 = new Fields("client_name", "scope");
    }
}
