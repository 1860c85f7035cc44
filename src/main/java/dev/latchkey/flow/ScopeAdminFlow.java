package dev.latchkey.flow;

import dev.latchkey.policy.NotFound;
import dev.latchkey.policy.InvalidInput;
import dev.latchkey.policy.Quote;
import dev.latchkey.policy.Scopes;
import dev.latchkey.store.ScopeEntity;
import dev.latchkey.store.ScopeRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

@ApplicationScoped
public class ScopeAdminFlow {
    public record ScopeView(String name, String description, Instant createdAt) {
    }

    /** Fired inside a transaction that added or removed a scope. */
    public record ScopesChanged() {
    }

    private final ScopeRepository scopes;
    private final Event<ScopesChanged> changed;

    public ScopeAdminFlow(ScopeRepository scopes, Event<ScopesChanged> changed) {
        this.scopes = scopes;
        this.changed = changed;
    }

    public List<String> allNames() {
        return scopes.allNames();
    }

    @Transactional
    public ScopeView create(String name, String description) {
        Scopes.validateNew(name, description);
        ScopeEntity scope = new ScopeEntity();
        scope.name = name;
        scope.description = description == null ? "" : description;
        scope.createdAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        scopes.insert(scope); // a taken name fails here, as a constraint violation the API maps to 400
        changed.fire(new ScopesChanged());
        return view(scope);
    }

    public Page<ScopeView> list(String after, int limit) {
        return Page.of(scopes.page(after, limit), limit, ScopeAdminFlow::view, ScopeView::name);
    }

    @Transactional
    public void delete(String name) {
        if (scopes.findByIdOptional(name).isEmpty()) {
            throw new NotFound("no scope named " + Quote.of(name));
        }
        long users = scopes.clientsUsing(name);
        if (users > 0) {
            throw new InvalidInput("scope " + Quote.of(name) + " is allowed for " + users
                    + " client(s); remove it from their allowed_scopes first");
        }
        long resources = scopes.resourcesUsing(name);
        if (resources > 0) {
            throw new InvalidInput("scope " + Quote.of(name) + " is accepted by " + resources
                    + " resource(s); remove it from their scopes first");
        }
        scopes.deleteById(name);
        changed.fire(new ScopesChanged());
    }

    private static ScopeView view(ScopeEntity scope) {
        return new ScopeView(scope.name, scope.description, scope.createdAt);
    }
}
