package dev.latchkey.flow;

import dev.latchkey.policy.ClientView;
import dev.latchkey.store.ClientRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.util.Optional;

/** Finds registered clients for the OAuth endpoints. */
@ApplicationScoped
public class ClientLookup {
    private final ClientRepository clients;

    public ClientLookup(ClientRepository clients) {
        this.clients = clients;
    }

    @Transactional
    public Optional<ClientView> find(String clientId) {
        return Optional.ofNullable(clients.findById(clientId)).map(ClientStoreViews::of);
    }
}
