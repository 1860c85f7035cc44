package dev.latchkey.flow;

import dev.latchkey.policy.InvalidInput;
import dev.latchkey.policy.NotFound;
import dev.latchkey.policy.Quote;
import dev.latchkey.policy.ResourcePolicy;
import dev.latchkey.policy.ResourceView;
import dev.latchkey.store.ResourceEntity;
import dev.latchkey.store.ResourceRepository;
import dev.latchkey.store.ScopeRepository;
import dev.latchkey.token.OpaqueTokens;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.List;

/** Registers, edits and removes resource servers (RFC 8707) for the management API. */
@ApplicationScoped
public class ResourceAdminFlow {
    private final ResourceRepository resources;
    private final ScopeRepository scopes;
    private final Event<ResourceLookup.ResourcesChanged> changed;

    public ResourceAdminFlow(ResourceRepository resources, ScopeRepository scopes,
                             Event<ResourceLookup.ResourcesChanged> changed) {
        this.resources = resources;
        this.scopes = scopes;
        this.changed = changed;
    }

    @Transactional
    public ResourceView create(ResourcePolicy.Input input) {
        ResourcePolicy.Registration r = validate(input);
        ResourceEntity resource = new ResourceEntity();
        resource.id = OpaqueTokens.newId();
        resource.createdAt = now();
        apply(resource, r);
        resources.insert(resource);
        changed.fire(new ResourceLookup.ResourcesChanged());
        return resource.view();
    }

    public ResourceView get(String id) {
        return resources.findByIdOptional(id).map(ResourceEntity::view).orElseThrow(() -> notFound(id));
    }

    public Page<ResourceView> list(String after, int limit) {
        return Page.of(resources.page(after, limit), limit, ResourceEntity::view, ResourceView::id);
    }

    /** Replaces every field; a changed URI follows into the clients that allow it. */
    @Transactional
    public ResourceView replace(String id, ResourcePolicy.Input input) {
        ResourceEntity resource = resources.findForUpdate(id).orElseThrow(() -> notFound(id));
        apply(resource, validate(input));
        resources.flushChanges();
        changed.fire(new ResourceLookup.ResourcesChanged());
        return resource.view();
    }

    /** @return what was deleted */
    @Transactional
    public ResourceView delete(String id) {
        ResourceEntity resource = resources.findForUpdate(id).orElseThrow(() -> notFound(id));
        long users = resources.clientsUsing(resource.uri);
        if (users > 0) {
            throw new InvalidInput("resource " + Quote.of(resource.uri) + " is allowed for " + users
                    + " client(s); remove it from their allowed_resources first");
        }
        resources.delete(resource);
        changed.fire(new ResourceLookup.ResourcesChanged());
        return resource.view();
    }

    private ResourcePolicy.Registration validate(ResourcePolicy.Input input) {
        List<String> named = input.scopes() == null ? List.of()
                : input.scopes().stream().filter(java.util.Objects::nonNull).toList();
        return ResourcePolicy.validate(input, scopes.existing(named));
    }

    private static void apply(ResourceEntity resource, ResourcePolicy.Registration r) {
        resource.uri = r.uri();
        resource.name = r.name();
        resource.accessTokenTyp = r.accessTokenTyp();
        resource.scopes = new HashSet<>(r.scopes());
        resource.updatedAt = now();
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }

    private static NotFound notFound(String id) {
        return new NotFound("no resource with id " + Quote.of(id));
    }
}
