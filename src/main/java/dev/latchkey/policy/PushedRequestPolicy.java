package dev.latchkey.policy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static dev.latchkey.policy.AuthorizeRequest.CLIENT_ID;
import static dev.latchkey.policy.AuthorizeRequest.REQUEST_URI;
import static dev.latchkey.policy.AuthorizeRequest.RESOURCE;

/**
 * Pushed authorization requests (RFC 9126): what the PAR endpoint stores, and how the authorization endpoint
 * reads a {@code request_uri}. The pushed parameters go through {@link AuthorizePolicy} both times.
 */
public final class PushedRequestPolicy {
    /** RFC 9126 §2.2: the prefix of every request_uri. */
    public static final String URN = "urn:ietf:params:oauth:request_uri:";

    private PushedRequestPolicy() {
    }

    /** A pushed request as stored: the client that pushed it and its parameters. */
    public record Stored(String clientId, Parameters parameters) {
    }

    /**
     * RFC 9126 §2.1: the authorization request in a PAR form, for {@link AuthorizePolicy}: its own parameters
     * (repeats kept, so they are refused there) with the authenticated client's id; nothing else is kept.
     */
    public static AuthorizeRequest pushed(Parameters form, ClientView client) {
        if (form.has(REQUEST_URI)) {
            throw new Refusal(AuthorizeReason.REQUEST_URI_PUSHED);
        }
        Map<String, List<String>> kept = new LinkedHashMap<>();
        kept.put(CLIENT_ID, List.of(client.clientId()));
        for (String name : AuthorizeRequest.REQUEST) {
            if (!name.equals(CLIENT_ID) && form.has(name)) {
                kept.put(name, form.all(name));
            }
        }
        if (form.has(RESOURCE)) {
            kept.put(RESOURCE, form.all(RESOURCE));
        }
        return new AuthorizeRequest(Parameters.of(kept));
    }

    /**
     * RFC 9126 §4: the authorization endpoint's request with a {@code request_uri}. The client first (an error
     * page when it is not established), then the pushed request (a page when there is none live for this
     * client), then the pushed parameters' own checks; a parameter sent beside request_uri is refused.
     *
     * @param stored the live pushed request the request_uri names, or null
     */
    public static AuthorizeDecision resolve(AuthorizeRequest sent, ClientView client, Stored stored,
                                            Set<String> existingScopes, Map<String, ResourceView> resources) {
        AuthorizeDecision.Refused unsafe = AuthorizePolicy.clientRefusal(sent.params(), client);
        if (unsafe != null) {
            return unsafe;
        }
        if (sent.requestUri() == null || stored == null || !stored.clientId().equals(client.clientId())) {
            return AuthorizePolicy.page(AuthorizeReason.REQUEST_URI_UNKNOWN);
        }
        AuthorizeDecision decision = AuthorizePolicy.check(new AuthorizeRequest(stored.parameters()), client,
                existingScopes, resources, true, false);
        if (!(decision instanceof AuthorizeDecision.Accepted accepted)) {
            return decision;
        }
        Set<String> mixed = new TreeSet<>();
        for (String name : AuthorizeRequest.REQUEST) {
            if (!name.equals(CLIENT_ID) && sent.params().has(name)) {
                mixed.add(name);
            }
        }
        if (sent.params().has(RESOURCE)) {
            mixed.add(RESOURCE);
        }
        if (!mixed.isEmpty()) {
            return new AuthorizeDecision.Refused(new Refusal(AuthorizeReason.REQUEST_URI_MIXED, String.join(", ", mixed)),
                    accepted.redirectUri(), accepted.state());
        }
        return accepted.pushedAs(new AuthorizeRequest(Parameters.single(Map.of(CLIENT_ID, client.clientId(),
                REQUEST_URI, sent.requestUri()))));
    }

    /**
     * A pushed request once the user has signed in: prompt=login and max_age are satisfied (as
     * {@link OpenIdRequest#afterLogin} does for a request carried in the URL).
     */
    public static Parameters afterLogin(Parameters stored) {
        Map<String, List<String>> next = new LinkedHashMap<>();
        OpenIdRequest.afterLogin(stored.singles(AuthorizeRequest.REQUEST)).forEach((k, v) -> next.put(k, List.of(v)));
        if (stored.has(RESOURCE)) {
            next.put(RESOURCE, stored.all(RESOURCE));
        }
        return Parameters.of(next);
    }
}
