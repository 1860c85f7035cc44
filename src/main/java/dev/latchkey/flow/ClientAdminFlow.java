package dev.latchkey.flow;

import dev.latchkey.policy.ClientRegistration;
import dev.latchkey.policy.ClientRegistrationPolicy;
import dev.latchkey.policy.ClientType;
import dev.latchkey.policy.ClientView;
import dev.latchkey.policy.GrantType;
import dev.latchkey.policy.InvalidInput;
import dev.latchkey.policy.Quote;
import dev.latchkey.store.ClientEntity;
import dev.latchkey.store.ClientRepository;
import dev.latchkey.store.ScopeRepository;
import dev.latchkey.token.OpaqueTokens;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Registers, edits and removes clients for the management API. */
@ApplicationScoped
public class ClientAdminFlow {

    /** A client with the plaintext secret, which exists only in this response. */
    public record WithSecret(ClientView client, String secret) {
    }

    private final ClientRepository clients;
    private final ScopeRepository scopes;
    private final Event<ClientLookup.ClientChanged> changed;

    public ClientAdminFlow(ClientRepository clients, ScopeRepository scopes, Event<ClientLookup.ClientChanged> changed) {
        this.clients = clients;
        this.scopes = scopes;
        this.changed = changed;
    }

    @Transactional
    public WithSecret create(ClientRegistration.Input input) {
        ClientRegistration registration = ClientRegistrationPolicy.validate(input, knownScopes(input));
        ClientEntity client = new ClientEntity();
        client.clientId = OpaqueTokens.newId();
        client.clientType = registration.type().wireName();
        client.createdAt = Instant.now();
        String secret = null;
        if (registration.type() == ClientType.CONFIDENTIAL) {
            secret = OpaqueTokens.newToken();
            client.secretHash = OpaqueTokens.hash(secret);
        }
        apply(client, registration);
        clients.persist(client);
        clients.flush();
        return new WithSecret(ClientStoreViews.of(client), secret);
    }

    @Transactional
    public ClientView get(String clientId) {
        return ClientStoreViews.of(find(clientId));
    }

    @Transactional
    public Page<ClientView> list(String after, int limit) {
        return Page.of(clients.page(after, limit), limit, ClientStoreViews::of, ClientView::clientId);
    }

    /** Replaces the editable fields; the type and the secret stay. */
    @Transactional
    public ClientView replace(String clientId, ClientRegistration.Input input) {
        ClientEntity client = findForUpdate(clientId);
        if (input.clientType() != null && !Objects.equals(input.clientType(), client.clientType)) {
            throw new InvalidInput("client_type cannot be changed (it is " + client.clientType
                    + "); register a new client instead");
        }
        ClientRegistration.Input withType = new ClientRegistration.Input(input.name(), client.clientType,
                input.redirectUris(), input.allowedScopes(), input.defaultScopes(), input.grantTypes(),
                input.requirePkce(), input.enabled());
        apply(client, ClientRegistrationPolicy.validate(withType, knownScopes(input)));
        clients.flush();
        changed.fire(new ClientLookup.ClientChanged(clientId));
        return ClientStoreViews.of(client);
    }

    @Transactional
    public void delete(String clientId) {
        clients.delete(find(clientId));
        clients.flush();
        changed.fire(new ClientLookup.ClientChanged(clientId));
    }

    /** Concurrent rotations take turns (row lock): the secret stored is the one the last of them returned. */
    @Transactional
    public WithSecret rotateSecret(String clientId) {
        ClientEntity client = findForUpdate(clientId);
        if (client.secretHash == null) {
            throw new InvalidInput("client " + Quote.of(clientId) + " is public and has no secret");
        }
        String secret = OpaqueTokens.newToken();
        client.secretHash = OpaqueTokens.hash(secret);
        client.updatedAt = Instant.now();
        clients.flush();
        changed.fire(new ClientLookup.ClientChanged(clientId));
        return new WithSecret(ClientStoreViews.of(client), secret);
    }

    private ClientEntity find(String clientId) {
        ClientEntity client = clients.findById(clientId);
        if (client == null) {
            throw new NotFound("no client with client_id " + Quote.of(clientId));
        }
        return client;
    }

    private ClientEntity findForUpdate(String clientId) {
        ClientEntity client = clients.findById(clientId, LockModeType.PESSIMISTIC_WRITE);
        if (client == null) {
            throw new NotFound("no client with client_id " + Quote.of(clientId));
        }
        return client;
    }

    private Set<String> knownScopes(ClientRegistration.Input input) {
        Set<String> named = Stream.concat(
                        input.allowedScopes() == null ? Stream.empty() : input.allowedScopes().stream(),
                        input.defaultScopes() == null ? Stream.empty() : input.defaultScopes().stream())
                .filter(Objects::nonNull)
                .collect(Collectors.toSet());
        return scopes.existing(named);
    }

    private static void apply(ClientEntity client, ClientRegistration registration) {
        client.name = registration.name();
        client.requirePkce = registration.requirePkce();
        client.enabled = registration.enabled();
        client.updatedAt = Instant.now();
        // new collection instances: Hibernate rewrites the rows instead of shifting positions
        client.redirectUris = new ArrayList<>(registration.redirectUris());
        client.allowedScopes = new LinkedHashSet<>(registration.allowedScopes());
        client.defaultScopes = new LinkedHashSet<>(registration.defaultScopes());
        client.grantTypes = registration.grantTypes().stream().map(GrantType::wireName)
                .collect(Collectors.toCollection(LinkedHashSet::new));
    }
}
