package dev.latchkey.policy;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Checks a client registration (create or replace) and fills in its defaults. */
public final class ClientRegistrationPolicy {
    public static final int MAX_NAME_LENGTH = 200;
    public static final int MAX_REDIRECT_URIS = 50;
    /** What id_tokens can be signed with: the server keeps an active key of each. */
    public static final List<String> ID_TOKEN_ALGORITHMS = List.of("RS256", "ES256");

    private ClientRegistrationPolicy() {
    }

    /**
     * @param input        the request as sent
     * @param knownScopes  which of the requested scope names exist on the server
     * @param grants       the grant types the server implements, with their rules, in the order to name them
     * @return the registration to store
     * @throws InvalidInput naming every problem found
     */
    public static ClientRegistration validate(ClientRegistration.Input input, Set<String> knownScopes,
                                              List<GrantRule> grants) {
        List<String> problems = new ArrayList<>();

        String name = input.name();
        if (name == null || name.isBlank()) {
            problems.add("name is required");
        } else if (name.length() > MAX_NAME_LENGTH) {
            problems.add("name is longer than " + MAX_NAME_LENGTH + " characters");
        } else if (hasControlCharacter(name)) {
            problems.add("name must not contain control or format characters (such as U+202E)");
        }

        ClientType type = null;
        if (input.clientType() == null) {
            problems.add("client_type is required (confidential or public)");
        } else {
            type = ClientType.fromWire(input.clientType()).orElse(null);
            if (type == null) {
                problems.add("client_type must be confidential or public");
            }
        }

        Map<String, GrantRule> rules = new LinkedHashMap<>();
        grants.forEach(rule -> rules.put(rule.grantType(), rule));
        Set<String> chosen = new LinkedHashSet<>();
        if (input.grantTypes() == null || input.grantTypes().isEmpty()) {
            problems.add("grant_types is required: one or more of " + String.join(", ", rules.keySet()));
        } else {
            for (String grant : input.grantTypes()) {
                if (grant == null || !rules.containsKey(grant)) {
                    problems.add("grant_types: unknown grant type " + Quote.of(grant));
                } else if (!chosen.add(grant)) {
                    problems.add("grant_types: " + Quote.of(grant) + " is listed twice");
                }
            }
        }
        boolean redirects = false;
        for (String grant : chosen) {
            GrantRule rule = rules.get(grant);
            if (rule.requires() != null && !chosen.contains(rule.requires())) {
                problems.add("grant_types: " + grant + " needs " + rule.requires() + " (" + rule.why() + ")");
            }
            if (rule.confidentialOnly() && type == ClientType.PUBLIC) {
                problems.add("grant_types: a public client cannot use " + grant);
            }
            redirects |= rule.redirects();
        }

        List<String> redirectUris = uris("redirect_uris", input.redirectUris(), problems);
        List<String> postLogout = uris("post_logout_redirect_uris", input.postLogoutRedirectUris(), problems);
        String idTokenAlg = input.idTokenSignedResponseAlg() == null ? "RS256" : input.idTokenSignedResponseAlg();
        if (!ID_TOKEN_ALGORITHMS.contains(idTokenAlg)) {
            problems.add("id_token_signed_response_alg must be one of " + String.join(", ", ID_TOKEN_ALGORITHMS));
        }
        if (redirects && redirectUris.isEmpty()) {
            problems.add("redirect_uris: at least one is required for " + chosen.stream()
                    .filter(g -> rules.get(g).redirects()).findFirst().orElseThrow());
        }

        Set<String> allowed = scopeSet("allowed_scopes", input.allowedScopes(), knownScopes, problems);
        Set<String> defaults = scopeSet("default_scopes", input.defaultScopes(), knownScopes, problems);
        for (String scope : defaults) {
            if (!allowed.contains(scope)) {
                problems.add("default_scopes: " + Quote.of(scope) + " is not in allowed_scopes");
            }
        }

        boolean requirePkce = input.requirePkce() == null || input.requirePkce();
        if (type == ClientType.PUBLIC && !requirePkce) {
            problems.add("require_pkce: a public client must use PKCE");
        }

        if (!problems.isEmpty()) {
            throw new InvalidInput(problems);
        }
        return new ClientRegistration(name, type, List.copyOf(redirectUris), allowed, defaults, chosen,
                requirePkce, input.enabled() == null || input.enabled(), List.copyOf(postLogout), idTokenAlg);
    }

    /** A list of redirect URIs (RFC 6749 §3.1.2, RP-Initiated Logout §3.1): each valid, none twice. */
    private static List<String> uris(String field, List<String> given, List<String> problems) {
        List<String> uris = given == null ? List.of() : given;
        if (uris.size() > MAX_REDIRECT_URIS) {
            problems.add(field + ": at most " + MAX_REDIRECT_URIS + " are allowed");
        }
        Set<String> seen = new LinkedHashSet<>();
        for (int i = 0; i < uris.size(); i++) {
            String uri = uris.get(i);
            int index = i;
            RedirectUris.problem(uri).ifPresentOrElse(
                    p -> problems.add(field + "[" + index + "] " + p),
                    () -> {
                        if (!seen.add(uri)) {
                            problems.add(field + "[" + index + "] is listed twice");
                        }
                    });
        }
        return uris;
    }

    private static Set<String> scopeSet(String field, Collection<String> names, Set<String> known, List<String> problems) {
        Set<String> result = new LinkedHashSet<>();
        if (names == null) {
            return result;
        }
        for (String scope : names) {
            if (!Scopes.isValidName(scope)) {
                problems.add(field + ": " + Quote.of(scope) + " is not a valid scope name (RFC 6749 §3.3)");
            } else if (!known.contains(scope)) {
                problems.add(field + ": unknown scope " + Quote.of(scope));
            } else if (!result.add(scope)) {
                problems.add(field + ": " + Quote.of(scope) + " is listed twice");
            }
        }
        return result;
    }

    /** Control characters, and format characters (Unicode Cf: bidi overrides, zero-width joiners) that hide text. */
    public static boolean hasControlCharacter(String s) {
        return s.codePoints().anyMatch(c -> Character.isISOControl(c) || Character.getType(c) == Character.FORMAT);
    }
}
