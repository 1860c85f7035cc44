package dev.latchkey.flow.grant;

import dev.latchkey.flow.ResourceLookup;
import dev.latchkey.policy.ClientView;
import dev.latchkey.policy.ResourcePolicy;
import dev.latchkey.policy.ResourcePolicy.Audience;
import dev.latchkey.policy.ResourceReason;
import dev.latchkey.policy.TokenRequest;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The audience of an access token (RFC 8707 §2.2) for every grant: the {@code resource}s sent, or the grant's,
 * and the scopes they accept. A request that names none, for a grant that has none, reads nothing.
 */
@ApplicationScoped
public class Audiences {
    private final ResourceLookup resources;

    public Audiences(ResourceLookup resources) {
        this.resources = resources;
    }

    /**
     * @param granted the grant's resources, or null for a grant without an earlier one (client_credentials)
     * @param scopes  the scopes the token would have without resources
     */
    public Audience of(TokenRequest request, ClientView client, List<String> granted, Set<String> scopes) {
        if (sent(request).isEmpty() && (granted == null || granted.isEmpty())) {
            return Audience.byDefault(scopes);
        }
        return of(request, client, granted, scopes, resources.all());
    }

    /** The same from memory alone: empty when resources are named and the copy in memory is not fresh. */
    public Optional<Audience> fromMemory(TokenRequest request, ClientView client, Set<String> scopes) {
        if (sent(request).isEmpty()) {
            return Optional.of(Audience.byDefault(scopes));
        }
        return resources.cached().map(known -> of(request, client, null, scopes, known));
    }

    /**
     * For a grant whose targets are not only {@code resource} (token exchange's {@code audience}): {@code targets}
     * name registered resources like {@code resource} does.
     */
    public Audience of(List<String> targets, ClientView client, Set<String> scopes) {
        return targets.isEmpty() ? Audience.byDefault(scopes) : of(targets, client, null, scopes, resources.all());
    }

    /** {@link #of(List, ClientView, Set)} from memory alone: empty when the copy in memory is not fresh. */
    public Optional<Audience> fromMemory(List<String> targets, ClientView client, Set<String> scopes) {
        if (targets.isEmpty()) {
            return Optional.of(Audience.byDefault(scopes));
        }
        return resources.cached().map(known -> of(targets, client, null, scopes, known));
    }

    private static Audience of(TokenRequest request, ClientView client, List<String> granted, Set<String> scopes,
                               Map<String, dev.latchkey.policy.ResourceView> known) {
        return of(sent(request), client, granted, scopes, known);
    }

    private static Audience of(List<String> sent, ClientView client, List<String> granted, Set<String> scopes,
                               Map<String, dev.latchkey.policy.ResourceView> known) {
        return ResourcePolicy.audience(ResourcePolicy.resolve(sent, granted, client, known, ResourceReason.TABLE),
                scopes, ResourceReason.TABLE);
    }

    private static List<String> sent(TokenRequest request) {
        return request.params().all(ResourcePolicy.PARAMETER);
    }
}
