package dev.latchkey.policy;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Dynamic client registration (RFC 7591 §2, §3; RFC 7592 §2.2): client metadata in, the same registration the
 * management API stores out (one policy: {@link ClientRegistrationPolicy} checks both), with the rules only
 * self-registration has: the client type follows {@code token_endpoint_auth_method}, PKCE is always required,
 * and in {@code open} mode only the scopes the operator opened can be asked for.
 */
public final class DynamicRegistrationPolicy {

    /** Who may register (latchkey.registration.mode). */
    public enum Mode {
        /** With an initial access token from the management API. */
        TOKEN,
        /** Anyone, limited to the open scopes. */
        OPEN,
        /** Nobody: the endpoint is not there. */
        OFF;

        public static Optional<Mode> fromWire(String value) {
            try {
                return Optional.of(valueOf(value.toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException | NullPointerException e) {
                return Optional.empty();
            }
        }
    }

    /** RFC 7591 §2 metadata as sent; null means absent. */
    public record Metadata(List<String> redirectUris, String tokenEndpointAuthMethod, List<String> grantTypes,
                           List<String> responseTypes, String clientName, String scope, String clientUri,
                           String logoUri, List<String> contacts, List<String> postLogoutRedirectUris,
                           String idTokenSignedResponseAlg, Boolean dpopBoundAccessTokens,
                           Boolean requirePushedAuthorizationRequests) {
    }

    public static final String CODE = "code";

    private DynamicRegistrationPolicy() {
    }

    /**
     * The registration input for the metadata (then checked by {@link ClientRegistrationPolicy}).
     *
     * @param mode       how the request was let in
     * @param openScopes the scopes open registration offers; also those a client gets that names none
     * @param resources  every registered resource: the client may ask for those that accept one of its scopes
     * @throws Refusal with {@link RegistrationReason#METADATA_INVALID} for what only RFC 7591 says
     */
    public static ClientRegistration.Input input(Metadata m, Mode mode, Set<String> openScopes,
                                                 List<ResourceView> resources) {
        List<String> problems = new ArrayList<>();
        String method = m.tokenEndpointAuthMethod() == null ? ClientRegistrationPolicy.SECRET_METHODS.get(0)
                : m.tokenEndpointAuthMethod();
        String type;
        if (method.equals(ClientRegistrationPolicy.NONE)) {
            type = ClientType.PUBLIC.wireName();
        } else if (ClientRegistrationPolicy.SECRET_METHODS.contains(method)) {
            type = ClientType.CONFIDENTIAL.wireName();
        } else {
            throw new Refusal(RegistrationReason.METADATA_INVALID, "token_endpoint_auth_method must be one of "
                    + String.join(", ", ClientRegistrationPolicy.SECRET_METHODS) + ", none");
        }
        List<String> grants = m.grantTypes() == null ? List.of(CodeGrantPolicy.GRANT_TYPE) : m.grantTypes();
        boolean code = grants.contains(CodeGrantPolicy.GRANT_TYPE);
        // §2.1: the response types and grant types agree
        List<String> responseTypes = m.responseTypes() == null ? (code ? List.of(CODE) : List.of()) : m.responseTypes();
        for (String responseType : responseTypes) {
            if (!CODE.equals(responseType)) {
                problems.add("response_types: only code is supported, not " + Quote.of(responseType));
            }
        }
        if (code != responseTypes.contains(CODE)) {
            problems.add("response_types must include code exactly when grant_types includes authorization_code");
        }
        Set<String> scopes;
        if (m.scope() == null) {
            scopes = openScopes;
        } else {
            scopes = Scopes.parse(m.scope()).orElse(null);
            if (scopes == null) {
                problems.add("scope is malformed (RFC 6749 section 3.3: names separated by single spaces)");
                scopes = Set.of();
            }
        }
        if (mode == Mode.OPEN) {
            for (String scope : scopes) {
                if (!openScopes.contains(scope)) {
                    problems.add("scope: " + Quote.of(scope) + " is not offered to clients that register themselves");
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new Refusal(RegistrationReason.METADATA_INVALID, String.join("; ", problems));
        }
        List<String> scopeList = List.copyOf(new LinkedHashSet<>(scopes));
        return new ClientRegistration.Input(m.clientName(), type, m.redirectUris(), scopeList, scopeList,
                grants, true, true, m.postLogoutRedirectUris(), m.idTokenSignedResponseAlg(),
                List.copyOf(resourcesFor(Set.copyOf(scopeList), resources)), method,
                m.clientUri(), m.logoUri(), m.contacts(), m.dpopBoundAccessTokens(),
                m.requirePushedAuthorizationRequests());
    }

    /**
     * The refusal for what {@link ClientRegistrationPolicy} found: about the redirect URIs when one is (they
     * come first), else about the metadata (RFC 7591 §3.2.2).
     */
    public static Refusal refusal(InvalidInput invalid) {
        boolean redirect = invalid.problems().stream()
                .anyMatch(p -> p.startsWith(ClientRegistrationPolicy.REDIRECT_URIS));
        return new Refusal(redirect ? RegistrationReason.REDIRECT_URI_INVALID : RegistrationReason.METADATA_INVALID,
                invalid.getMessage());
    }

    /**
     * The resources a self-registered client may ask for: every registered one that accepts one of its scopes
     * (scopes are what an operator opened; a resource is reachable through them).
     */
    static Set<String> resourcesFor(Set<String> scopes, List<ResourceView> resources) {
        Set<String> uris = new LinkedHashSet<>();
        for (ResourceView resource : resources) {
            if (resource.scopes().stream().anyMatch(scopes::contains)) {
                uris.add(resource.uri());
            }
        }
        return uris;
    }
}
