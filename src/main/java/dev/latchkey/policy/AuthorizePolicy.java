package dev.latchkey.policy;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static dev.latchkey.policy.AuthorizeRequest.CLIENT_ID;
import static dev.latchkey.policy.AuthorizeRequest.CODE_CHALLENGE;
import static dev.latchkey.policy.AuthorizeRequest.CODE_CHALLENGE_METHOD;
import static dev.latchkey.policy.AuthorizeRequest.REDIRECT_URI;
import static dev.latchkey.policy.AuthorizeRequest.RESPONSE_TYPE;
import static dev.latchkey.policy.AuthorizeRequest.SCOPE;

/**
 * The authorization request checks (RFC 6749 §4.1.2.1; docs/errors.md), in order; the first failure wins.
 * Until the client and its redirect URI are established, a failure is never redirected.
 */
public final class AuthorizePolicy {

    private AuthorizePolicy() {
    }

    /**
     * @param request        the request as sent
     * @param client         the client named by a single {@code client_id}, or null when there is none
     * @param existingScopes which of the requested scope names exist on the server
     * @param resources      the registered resources by URI (RFC 8707)
     * @param pushed         whether the request was pushed (RFC 9126), or is being pushed
     * @param pushRequired   whether every client must push its requests (RFC 9126 §5), whatever its own setting
     */
    public static AuthorizeDecision check(AuthorizeRequest request, ClientView client, Set<String> existingScopes,
                                          Map<String, ResourceView> resources, boolean pushed, boolean pushRequired) {
        Parameters p = request.params();
        // 1. The client: without it there is nowhere safe to send an error.
        AuthorizeDecision.Refused unsafe = clientRefusal(p, client);
        if (unsafe != null) {
            return unsafe;
        }
        // 2. The redirect URI: exact match (loopback: any port), never an unregistered one (RFC 9700 §4.1.3).
        if (p.repeated(REDIRECT_URI)) {
            return page(AuthorizeReason.REDIRECT_URI_REPEATED);
        }
        String sent = p.get(REDIRECT_URI);
        String redirectUri;
        if (sent != null) {
            if (!RedirectUris.matches(client.redirectUris(), sent, !client.isConfidential())) {
                return page(AuthorizeReason.REDIRECT_URI_UNREGISTERED);
            }
            redirectUri = sent;
        } else if (client.redirectUris().size() == 1) {
            redirectUri = client.redirectUris().get(0);
        } else {
            return page(AuthorizeReason.REDIRECT_URI_AMBIGUOUS);
        }
        String state = p.repeated(AuthorizeRequest.STATE) ? null : p.get(AuthorizeRequest.STATE);
        // From here on errors go back to the client.
        try {
            // 2b. A client that must push its requests (RFC 9126 §5, §6).
            if (!pushed && (pushRequired || client.requirePushedAuthorizationRequests())) {
                throw new Refusal(AuthorizeReason.PUSH_REQUIRED);
            }
            // 3. Repeated parameters.
            Set<String> repeated = p.repeatedAmong(AuthorizeRequest.CHECKED_FOR_REPEATS);
            if (!repeated.isEmpty()) {
                throw new Refusal(AuthorizeReason.PARAMETER_REPEATED, String.join(", ", repeated));
            }
            // 4. Response type and grant.
            String responseType = p.get(RESPONSE_TYPE);
            if (responseType == null) {
                throw new Refusal(AuthorizeReason.RESPONSE_TYPE_MISSING);
            }
            if (!responseType.equals("code")) {
                throw new Refusal(AuthorizeReason.RESPONSE_TYPE_UNSUPPORTED, Quote.of(responseType));
            }
            if (!client.allows(CodeGrantPolicy.GRANT_TYPE)) {
                throw new Refusal(AuthorizeReason.CLIENT_CODE_GRANT_NOT_ALLOWED);
            }
            // 5. Scope: an unknown name outranks a forbidden one.
            Set<String> scopes = scopes(p.get(SCOPE), client, existingScopes);
            // 5b. Resources (RFC 8707): each registered and the client's, and accepting a requested scope.
            List<ResourceView> named = ResourcePolicy.resolve(request.resources(), null, client, resources,
                    AuthorizeReason.RESOURCES);
            ResourcePolicy.audience(named, scopes, AuthorizeReason.RESOURCES);
            // 6. PKCE.
            String challenge = pkce(p, client);
            // 7. What the login must be (OpenID Connect Core §3.1.2.1).
            OpenIdRequest openId = OpenIdRequest.parse(p);
            return new AuthorizeDecision.Accepted(request, client, redirectUri, sent, scopes, state, challenge, openId,
                    named.stream().map(ResourceView::uri).toList());
        } catch (Refusal refusal) {
            return new AuthorizeDecision.Refused(refusal, redirectUri, state);
        }
    }

    /** Step 1: the client, or the page that says why there is none (null when it is established). */
    static AuthorizeDecision.Refused clientRefusal(Parameters p, ClientView client) {
        if (p.repeated(CLIENT_ID)) {
            return page(AuthorizeReason.CLIENT_ID_REPEATED);
        }
        if (!p.has(CLIENT_ID)) {
            return page(AuthorizeReason.CLIENT_ID_MISSING);
        }
        if (client == null) {
            return page(AuthorizeReason.CLIENT_UNKNOWN);
        }
        if (!client.enabled()) {
            return page(AuthorizeReason.CLIENT_DISABLED);
        }
        return null;
    }

    static Set<String> scopes(String scope, ClientView client, Set<String> existingScopes) {
        if (scope == null) {
            if (client.defaultScopes().isEmpty()) {
                throw new Refusal(AuthorizeReason.SCOPE_NONE);
            }
            return new LinkedHashSet<>(client.defaultScopes());
        }
        Set<String> requested = Scopes.parse(scope)
                .orElseThrow(() -> new Refusal(AuthorizeReason.SCOPE_MALFORMED));
        for (String name : requested) {
            if (!existingScopes.contains(name)) {
                throw new Refusal(AuthorizeReason.SCOPE_UNKNOWN, Quote.of(name));
            }
        }
        for (String name : requested) {
            if (!client.allowedScopes().contains(name)) {
                throw new Refusal(AuthorizeReason.SCOPE_NOT_ALLOWED, Quote.of(name));
            }
        }
        return requested;
    }

    static String pkce(Parameters p, ClientView client) {
        String challenge = p.get(CODE_CHALLENGE);
        String method = p.get(CODE_CHALLENGE_METHOD);
        if (challenge == null) {
            if (client.requirePkce() || method != null) {
                throw new Refusal(AuthorizeReason.PKCE_CHALLENGE_MISSING);
            }
            return null;
        }
        // RFC 7636 §4.3 defaults a missing method to plain, which is refused.
        if (!Pkce.S256.equals(method)) {
            throw new Refusal(AuthorizeReason.PKCE_METHOD_UNSUPPORTED, method == null ? "it is missing (plain by default)"
                    : Quote.of(method));
        }
        if (!Pkce.isWellFormedChallenge(challenge)) {
            throw new Refusal(AuthorizeReason.PKCE_CHALLENGE_MALFORMED);
        }
        return challenge;
    }

    static AuthorizeDecision.Refused page(Reason reason) {
        return new AuthorizeDecision.Refused(new Refusal(reason), null, null);
    }
}
