package dev.latchkey.policy;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Resource indicators (RFC 8707): which resources a request may name, and what a token for them carries.
 * The authorization endpoint and every grant answer with reasons of their own ({@link Reasons}).
 */
public final class ResourcePolicy {
    public static final String PARAMETER = "resource";
    public static final int MAX_PER_REQUEST = 10;
    public static final List<String> TYPS = List.of("at+jwt", "JWT");

    /** One endpoint's reasons for the resource checks, in the order they are made. */
    public record Reasons(Reason malformed, Reason notGranted, Reason unknown, Reason notAllowed, Reason noScope) {
    }

    /**
     * What an access token for the resources carries: {@code uris} as its {@code aud}, only {@code scopes},
     * and the header {@code typ}; no resources means the default audience and {@code typ}.
     */
    public record Audience(List<String> uris, Set<String> scopes, String typ) {
        public static Audience byDefault(Set<String> scopes) {
            return new Audience(List.of(), scopes, null);
        }
    }

    private ResourcePolicy() {
    }

    /** RFC 8707 §2: why {@code uri} cannot name a resource (absolute, no fragment), or empty when it can. */
    public static Optional<String> problem(String uri) {
        Optional<String> shape = RedirectUris.shapeProblem(uri);
        if (shape.isPresent()) {
            return shape;
        }
        if (ClientRegistrationPolicy.hasControlCharacter(uri)) {
            return Optional.of("must not contain control characters");
        }
        try {
            URI parsed = new URI(uri);
            if (!parsed.isAbsolute()) {
                return Optional.of("must be an absolute URI");
            }
        } catch (URISyntaxException e) {
            return Optional.of("is not a valid URI");
        }
        return Optional.empty();
    }

    /**
     * The resources a token is for: those sent, or (none sent) all of the grant's. With a grant, those sent must
     * be some of its resources (RFC 8707 §2.2: narrower, never wider); then each must be registered and allowed
     * to the client.
     *
     * @param sent    the {@code resource} parameters, in order
     * @param granted the grant's resources, or null where there is no earlier grant (an authorization request,
     *                {@code client_credentials})
     * @param known   the registered resources by URI
     */
    public static List<ResourceView> resolve(List<String> sent, List<String> granted, ClientView client,
                                             Map<String, ResourceView> known, Reasons reasons) {
        if (sent.size() > MAX_PER_REQUEST) {
            throw new Refusal(reasons.malformed(), "at most " + MAX_PER_REQUEST + " may be sent");
        }
        for (String uri : sent) {
            problem(uri).ifPresent(p -> {
                throw new Refusal(reasons.malformed(), Quote.of(uri) + " " + p);
            });
        }
        Collection<String> uris = new LinkedHashSet<>(sent);
        if (granted != null) {
            for (String uri : uris) {
                if (!granted.contains(uri)) {
                    throw new Refusal(reasons.notGranted(), Quote.of(uri));
                }
            }
            if (uris.isEmpty()) {
                uris = granted;
            }
        }
        List<ResourceView> resources = new ArrayList<>();
        for (String uri : uris) {
            ResourceView resource = known.get(uri);
            if (resource == null) {
                throw new Refusal(reasons.unknown(), Quote.of(uri));
            }
            if (!client.allowedResources().contains(uri)) {
                throw new Refusal(reasons.notAllowed(), Quote.of(uri));
            }
            resources.add(resource);
        }
        return resources;
    }

    /**
     * The token's audience: the resources' URIs, only the scopes one of them accepts (refused when none is left),
     * and {@code JWT} as {@code typ} only when every resource asks for it (RFC 9068's {@code at+jwt} otherwise).
     */
    public static Audience audience(List<ResourceView> resources, Set<String> scopes, Reasons reasons) {
        if (resources.isEmpty()) {
            return Audience.byDefault(scopes);
        }
        Set<String> accepted = new LinkedHashSet<>();
        for (String scope : scopes) {
            if (resources.stream().anyMatch(r -> r.scopes().contains(scope))) {
                accepted.add(scope);
            }
        }
        if (accepted.isEmpty()) {
            throw new Refusal(reasons.noScope(), "scope " + Quote.of(Scopes.format(scopes)) + ", resource "
                    + Quote.of(String.join(" ", resources.stream().map(ResourceView::uri).toList())));
        }
        boolean jwt = resources.stream().allMatch(r -> "JWT".equals(r.accessTokenTyp()));
        return new Audience(resources.stream().map(ResourceView::uri).toList(), accepted, jwt ? "JWT" : "at+jwt");
    }

    /** The resources stored with a code or grant (space-separated URIs), or null for none. */
    public static String format(List<String> uris) {
        return uris.isEmpty() ? null : String.join(" ", uris);
    }

    public static List<String> parse(String stored) {
        return stored == null || stored.isEmpty() ? List.of() : List.of(stored.split(" "));
    }

    /** A resource as the management API sends it; null means absent. */
    public record Input(String uri, String name, List<String> scopes, String accessTokenTyp) {
    }

    /** A resource to store. */
    public record Registration(String uri, String name, Set<String> scopes, String accessTokenTyp) {
    }

    /**
     * Checks a resource for the management API.
     *
     * @param knownScopes which of the named scopes exist
     * @throws InvalidInput naming every problem
     */
    public static Registration validate(Input input, Set<String> knownScopes) {
        List<String> problems = new ArrayList<>();
        if (input.uri() == null) {
            problems.add("uri is required");
        } else {
            problem(input.uri()).ifPresent(p -> problems.add("uri " + p));
        }
        String name = input.name();
        if (name == null || name.isBlank()) {
            problems.add("name is required");
        } else if (name.length() > ClientRegistrationPolicy.MAX_NAME_LENGTH) {
            problems.add("name is longer than " + ClientRegistrationPolicy.MAX_NAME_LENGTH + " characters");
        } else if (ClientRegistrationPolicy.hasControlCharacter(name)) {
            problems.add("name must not contain control or format characters (such as U+202E)");
        }
        Set<String> scopes = new LinkedHashSet<>();
        for (String scope : input.scopes() == null ? List.<String>of() : input.scopes()) {
            if (!Scopes.isValidName(scope)) {
                problems.add("scopes: " + Quote.of(scope) + " is not a valid scope name (RFC 6749 §3.3)");
            } else if (!knownScopes.contains(scope)) {
                problems.add("scopes: unknown scope " + Quote.of(scope));
            } else if (!scopes.add(scope)) {
                problems.add("scopes: " + Quote.of(scope) + " is listed twice");
            }
        }
        String typ = input.accessTokenTyp() == null ? "at+jwt" : input.accessTokenTyp();
        if (!TYPS.contains(typ)) {
            problems.add("access_token_typ must be at+jwt or JWT");
        }
        if (!problems.isEmpty()) {
            throw new InvalidInput(problems);
        }
        return new Registration(input.uri(), name, scopes, typ);
    }
}
