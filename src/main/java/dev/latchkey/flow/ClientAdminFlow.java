package dev.latchkey.flow;

import dev.latchkey.policy.NotFound;
import dev.latchkey.flow.grant.Grants;
import dev.latchkey.policy.ClientRegistration;
import dev.latchkey.policy.ClientRegistrationPolicy;
import dev.latchkey.policy.ClientType;
import dev.latchkey.policy.ClientSummary;
import dev.latchkey.policy.ClientView;
import dev.latchkey.policy.InvalidInput;
import dev.latchkey.policy.Quote;
import dev.latchkey.store.ClientEntity;
import dev.latchkey.store.ClientRepository;
import dev.latchkey.store.ResourceRepository;
import dev.latchkey.store.ScopeRepository;
import dev.latchkey.token.OpaqueTokens;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
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
    private final ResourceRepository resources;
    private final Grants grants;
    private final Event<ClientLookup.ClientChanged> changed;

    public ClientAdminFlow(ClientRepository clients, ScopeRepository scopes, ResourceRepository resources, Grants grants,
                           Event<ClientLookup.ClientChanged> changed) {
        this.clients = clients;
        this.scopes = scopes;
        this.resources = resources;
        this.grants = grants;
        this.changed = changed;
    }

    @Transactional
    public WithSecret create(ClientRegistration.Input input) {
        return store(validate(input, ClientRegistration.Fields.MANAGEMENT), null);
    }

    /** The input checked against what exists (one policy for the management API and RFC 7591). */
    ClientRegistration validate(ClientRegistration.Input input, ClientRegistration.Fields fields) {
        List<String> named = input.allowedResources() == null ? List.of()
                : input.allowedResources().stream().filter(Objects::nonNull).toList();
        return ClientRegistrationPolicy.validate(input, new ClientRegistration.Known(knownScopes(input),
                resources.existingUris(named), grants.rules()), fields);
    }

    /**
     * Stores a new client (in the caller's transaction).
     *
     * @param registrationTokenHash the hash of its registration access token when it registered itself, else null
     */
    WithSecret store(ClientRegistration registration, byte[] registrationTokenHash) {
        String secret = registration.type() == ClientType.CONFIDENTIAL ? OpaqueTokens.newToken() : null;
        Instant now = now();
        ClientEntity client = new ClientEntity();
        client.clientId = OpaqueTokens.newId();
        client.clientType = registration.type().wireName();
        client.secretHash = secret == null ? null : OpaqueTokens.hash(secret);
        client.registrationTokenHash = registrationTokenHash;
        client.createdAt = now;
        apply(client, registration, now);
        clients.insert(client);
        return new WithSecret(client.view(), secret);
    }

    /** Replaces the editable fields of a client read for update (in the caller's transaction). */
    ClientView update(ClientEntity client, ClientRegistration registration) {
        apply(client, registration, now());
        clients.flushChanges();
        changed.fire(new ClientLookup.ClientChanged(client.clientId));
        return client.view();
    }

    public ClientView get(String clientId) {
        return clients.findByIdOptional(clientId).map(ClientEntity::view).orElseThrow(() -> notFound(clientId));
    }

    public Page<ClientView> list(String after, int limit) {
        return Page.of(clients.page(after, limit), limit, ClientEntity::view, ClientView::clientId);
    }

    /**
     * Clients for a list, who each is without its URIs and scopes: those whose name contains {@code text} or whose
     * id it is; all of them when it is blank.
     */
    public Page<ClientSummary> summaries(String text, String after, int limit) {
        return Page.of(clients.summaries(text == null || text.isBlank() ? null : text.strip(), after, limit), limit,
                c -> c, ClientSummary::clientId);
    }

    /** Replaces the editable fields; the type and the secret stay. */
    @Transactional
    public ClientView replace(String clientId, ClientRegistration.Input input) {
        ClientEntity client = findForUpdate(clientId);
        String type = client.clientType;
        if (input.clientType() != null && !Objects.equals(input.clientType(), type)) {
            throw new InvalidInput("client_type cannot be changed (it is " + type
                    + "); register a new client instead");
        }
        return update(client, validate(input.withType(type), ClientRegistration.Fields.MANAGEMENT));
    }

    @Transactional
    public void delete(String clientId) {
        if (!remove(clientId)) {
            throw notFound(clientId);
        }
    }

    /** Deletes a client (in the caller's transaction); its grants and tokens go with it. */
    boolean remove(String clientId) {
        notBuiltIn(clientId);
        boolean removed = clients.deleteById(clientId);
        if (removed) {
            changed.fire(new ClientLookup.ClientChanged(clientId));
        }
        return removed;
    }

    /**
     * Enables or disables a client and nothing else: a disabled client is refused at the authorization and token
     * endpoints. Its registration is not checked again (a flag changes, not what was registered).
     */
    @Transactional
    public ClientView setEnabled(String clientId, boolean enabled) {
        ClientEntity client = findForUpdate(clientId);
        if (client.enabled != enabled) {
            client.enabled = enabled;
            client.updatedAt = now();
            clients.flushChanges();
            changed.fire(new ClientLookup.ClientChanged(clientId));
        }
        return client.view();
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
        client.updatedAt = now();
        clients.flushChanges();
        changed.fire(new ClientLookup.ClientChanged(clientId));
        return new WithSecret(client.view(), secret);
    }

    /** The console's own client is the server's: it cannot be edited, deleted or given a secret. */
    private static void notBuiltIn(String clientId) {
        if (ConsoleFlow.CLIENT_ID.equals(clientId)) {
            throw new InvalidInput("client " + Quote.of(clientId) + " is the admin console's own and is managed by "
                    + "the server");
        }
    }

    ClientEntity findForUpdate(String clientId) {
        notBuiltIn(clientId);
        return clients.findForUpdate(clientId).orElseThrow(() -> notFound(clientId));
    }

    /** To the microsecond, as PostgreSQL keeps it: an answer shows what a later read shows. */
    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }

    static NotFound notFound(String clientId) {
        return new NotFound("no client with client_id " + Quote.of(clientId));
    }

    private Set<String> knownScopes(ClientRegistration.Input input) {
        Set<String> named = Stream.concat(
                        input.allowedScopes() == null ? Stream.empty() : input.allowedScopes().stream(),
                        input.defaultScopes() == null ? Stream.empty() : input.defaultScopes().stream())
                .filter(Objects::nonNull)
                .collect(Collectors.toSet());
        return scopes.existing(named);
    }

    /** The editable fields; the id, the type and the secret are not. */
    private static void apply(ClientEntity client, ClientRegistration r, Instant updatedAt) {
        client.name = r.name();
        client.requirePkce = r.requirePkce();
        client.dpopBoundAccessTokens = r.dpopBoundAccessTokens();
        client.requirePushedAuthorizationRequests = r.requirePushedAuthorizationRequests();
        client.enabled = r.enabled();
        client.updatedAt = updatedAt;
        client.idTokenSignedResponseAlg = r.idTokenSignedResponseAlg();
        client.tokenEndpointAuthMethod = r.tokenEndpointAuthMethod();
        client.clientUri = r.clientUri();
        client.logoUri = r.logoUri();
        client.contacts = r.contacts().toArray(String[]::new);
        client.setLists(r.redirectUris(), r.postLogoutRedirectUris(), r.allowedScopes(), r.defaultScopes(),
                r.grantTypes(), r.allowedResources());
    }
}
