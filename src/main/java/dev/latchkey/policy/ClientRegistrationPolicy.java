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
    public static final int MAX_CONTACTS = 10;
    public static final int MAX_CONTACT_LENGTH = 320;
    public static final String NONE = "none";
    public static final List<String> SECRET_METHODS = List.of("client_secret_basic", "client_secret_post");
    /** What id_tokens can be signed with: the server keeps an active key of each. */
    public static final List<String> ID_TOKEN_ALGORITHMS = List.of("RS256", "ES256");

    private ClientRegistrationPolicy() {
    }

    public static ClientRegistration validate(ClientRegistration.Input input, ClientRegistration.Known known) {
        return validate(input, known, ClientRegistration.Fields.MANAGEMENT);
    }

    /**
     * @param input  the request as sent
     * @param known  what exists on the server among what the request names
     * @param fields what the fields are called where the request came from
     * @return the registration to store
     * @throws InvalidInput naming every problem found; those about redirect URIs first
     */
    public static ClientRegistration validate(ClientRegistration.Input input, ClientRegistration.Known known,
                                              ClientRegistration.Fields fields) {
        List<String> problems = new ArrayList<>();
        List<String> redirectUris = uris(REDIRECT_URIS, input.redirectUris(), problems);

        String name = input.name();
        if (name == null || name.isBlank()) {
            problems.add(fields.name() + " is required");
        } else if (name.length() > MAX_NAME_LENGTH) {
            problems.add(fields.name() + " is longer than " + MAX_NAME_LENGTH + " characters");
        } else if (hasControlCharacter(name)) {
            problems.add(fields.name() + " must not contain control or format characters (such as U+202E)");
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
        known.grants().forEach(rule -> rules.put(rule.grantType(), rule));
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
            if (rule.requires() != null && chosen.stream().noneMatch(g -> g.equals(rule.requires())
                    || rules.containsKey(g) && rules.get(g).startsUserGrant())) {
                problems.add("grant_types: " + grant + " needs " + rule.requires() + " (" + rule.why() + ")");
            }
            if (rule.confidentialOnly() && type == ClientType.PUBLIC) {
                problems.add("grant_types: a public client cannot use " + grant);
            }
            redirects |= rule.redirects();
        }

        List<String> postLogout = uris("post_logout_redirect_uris", input.postLogoutRedirectUris(), problems);
        String idTokenAlg = input.idTokenSignedResponseAlg() == null ? "RS256" : input.idTokenSignedResponseAlg();
        if (!ID_TOKEN_ALGORITHMS.contains(idTokenAlg)) {
            problems.add("id_token_signed_response_alg must be one of " + String.join(", ", ID_TOKEN_ALGORITHMS));
        }
        if (redirects && redirectUris.isEmpty()) {
            problems.add(0, REDIRECT_URIS + ": at least one is required for " + chosen.stream()
                    .filter(g -> rules.get(g).redirects()).findFirst().orElseThrow());
        }

        Set<String> allowed = scopeSet(fields.allowedScopes(), input.allowedScopes(), known.scopes(), problems);
        Set<String> defaults = scopeSet("default_scopes", input.defaultScopes(), known.scopes(), problems);
        for (String scope : defaults) {
            if (!allowed.contains(scope)) {
                problems.add("default_scopes: " + Quote.of(scope) + " is not in allowed_scopes");
            }
        }

        boolean requirePkce = input.requirePkce() == null || input.requirePkce();
        if (type == ClientType.PUBLIC && !requirePkce) {
            problems.add("require_pkce: a public client must use PKCE");
        }

        Set<String> resources = new LinkedHashSet<>();
        for (String uri : input.allowedResources() == null ? List.<String>of() : input.allowedResources()) {
            if (uri == null || !known.resources().contains(uri)) {
                problems.add("allowed_resources: " + Quote.of(uri) + " is not a registered resource");
            } else if (!resources.add(uri)) {
                problems.add("allowed_resources: " + Quote.of(uri) + " is listed twice");
            }
        }

        String method = input.tokenEndpointAuthMethod();
        if (type == ClientType.PUBLIC) {
            if (method != null && !method.equals(NONE)) {
                problems.add("token_endpoint_auth_method: a public client authenticates with none");
            }
            method = NONE;
        } else if (method == null) {
            method = SECRET_METHODS.get(0);
        } else if (!SECRET_METHODS.contains(method)) {
            problems.add("token_endpoint_auth_method must be " + String.join(" or ", SECRET_METHODS)
                    + (method.equals(NONE) ? " for a client with a secret" : ""));
        }
        String clientUri = webUri("client_uri", input.clientUri(), problems);
        String logoUri = webUri("logo_uri", input.logoUri(), problems);
        List<String> contacts = input.contacts() == null ? List.of() : input.contacts();
        if (contacts.size() > MAX_CONTACTS) {
            problems.add("contacts: at most " + MAX_CONTACTS + " are allowed");
        }
        for (String contact : contacts) {
            if (contact == null || contact.isBlank() || contact.length() > MAX_CONTACT_LENGTH
                    || hasControlCharacter(contact)) {
                problems.add("contacts: each must be 1 to " + MAX_CONTACT_LENGTH
                        + " characters without control characters");
                break;
            }
        }

        if (!problems.isEmpty()) {
            throw new InvalidInput(problems);
        }
        return new ClientRegistration(name, type, List.copyOf(redirectUris), allowed, defaults, chosen,
                requirePkce, input.enabled() == null || input.enabled(), List.copyOf(postLogout), idTokenAlg,
                resources, method, clientUri, logoUri, List.copyOf(contacts),
                Boolean.TRUE.equals(input.dpopBoundAccessTokens()),
                Boolean.TRUE.equals(input.requirePushedAuthorizationRequests()));
    }

    public static final String REDIRECT_URIS = "redirect_uris";

    /** A web page or image of the client's (RFC 7591 §2): an absolute http(s) URL, or null. */
    private static String webUri(String field, String uri, List<String> problems) {
        if (uri == null) {
            return null;
        }
        if (uri.length() > RedirectUris.MAX_LENGTH || hasControlCharacter(uri)) {
            problems.add(field + " must be at most " + RedirectUris.MAX_LENGTH + " characters without control characters");
            return null;
        }
        try {
            java.net.URI parsed = new java.net.URI(uri);
            String scheme = parsed.getScheme() == null ? "" : parsed.getScheme().toLowerCase(java.util.Locale.ROOT);
            if ((scheme.equals("https") || scheme.equals("http")) && parsed.getHost() != null) {
                return uri;
            }
        } catch (java.net.URISyntaxException e) {
            // reported below
        }
        problems.add(field + " must be an absolute http or https URL");
        return null;
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
