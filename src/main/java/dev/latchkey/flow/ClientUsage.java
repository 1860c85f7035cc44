package dev.latchkey.flow;

import dev.latchkey.policy.ClientView;
import dev.latchkey.store.ClientRepository;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Notes when a self-registered client is first issued a token, so that the purge keeps it: once per client, on a
 * worker thread, never in the token response's way. Clients an administrator made are not watched.
 */
@ApplicationScoped
public class ClientUsage {
    private static final Logger LOG = Logger.getLogger(ClientUsage.class);

    private final ClientRepository clients;
    private final Event<ClientLookup.ClientChanged> changed;
    private final Clock clock;
    private final Set<String> noted = ConcurrentHashMap.newKeySet();

    public ClientUsage(ClientRepository clients, Event<ClientLookup.ClientChanged> changed, Clock clock) {
        this.clients = clients;
        this.changed = changed;
        this.clock = clock;
    }

    /** After a token was issued to {@code client}. */
    public void issued(ClientView client) {
        if (!client.selfRegistered() || client.firstTokenAt() != null || !noted.add(client.clientId())) {
            return;
        }
        Infrastructure.getDefaultWorkerPool().execute(() -> {
            try {
                QuarkusTransaction.requiringNew().run(() -> {
                    clients.markFirstToken(client.clientId(), clock.instant());
                    changed.fire(new ClientLookup.ClientChanged(client.clientId()));
                });
            } catch (RuntimeException e) {
                noted.remove(client.clientId()); // the next token tries again
                LOG.warnf("could not note the first token of client %s: %s", client.clientId(), e.getMessage());
            }
        });
    }
}
