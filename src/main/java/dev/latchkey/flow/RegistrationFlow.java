package dev.latchkey.flow;

import dev.latchkey.config.LatchkeyConfig;
import dev.latchkey.jobs.AuditEvent;
import dev.latchkey.jobs.AuditLog;
import dev.latchkey.policy.ClientRegistration;
import dev.latchkey.policy.ClientView;
import dev.latchkey.policy.DynamicRegistrationPolicy;
import dev.latchkey.policy.DynamicRegistrationPolicy.Metadata;
import dev.latchkey.policy.DynamicRegistrationPolicy.Mode;
import dev.latchkey.policy.InvalidInput;
import dev.latchkey.policy.Refusal;
import dev.latchkey.policy.RegistrationReason;
import dev.latchkey.policy.ThrottledRefusal;
import dev.latchkey.store.ClientEntity;
import dev.latchkey.store.ClientRepository;
import dev.latchkey.token.OpaqueTokens;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Dynamic client registration (RFC 7591 §3) and its management by the client itself (RFC 7592): the
 * metadata becomes an ordinary client through the same policy and store as the management API.
 */
@ApplicationScoped
public class RegistrationFlow {

    /**
     * A self-registered client; {@code secret} and {@code registrationToken} only in the answer to its
     * registration (they are stored as hashes).
     */
    public record Registered(ClientView client, String secret, String registrationToken) {
    }

    private final ClientAdminFlow clients;
    private final ClientRepository store;
    private final RegistrationTokenFlow initialTokens;
    private final ResourceLookup resources;
    private final Throttle throttle;
    private final AuditLog audit;
    private final LatchkeyConfig.Registration config;
    private final Mode mode;
    private final Set<String> openScopes;

    public RegistrationFlow(ClientAdminFlow clients, ClientRepository store, RegistrationTokenFlow initialTokens,
                            ResourceLookup resources, Throttle throttle, AuditLog audit, LatchkeyConfig config) {
        this.clients = clients;
        this.store = store;
        this.initialTokens = initialTokens;
        this.resources = resources;
        this.throttle = throttle;
        this.audit = audit;
        this.config = config.registration();
        this.mode = Mode.fromWire(this.config.mode()).orElse(Mode.OFF);
        this.openScopes = Set.copyOf(new LinkedHashSet<>(this.config.openScopes().orElse(List.of())));
    }

    public Mode mode() {
        return mode;
    }

    /**
     * RFC 7591 §3.1. In {@code open} mode every attempt counts against the address first (kept even when the
     * registration is refused); in {@code token} mode the initial access token is used once, only by a
     * registration that is stored.
     *
     * @param metadata the body's metadata, read only once the request may register (a refusal then says nothing
     *                 of the body to a stranger)
     * @param bearer   the {@code Authorization: Bearer} value, or null
     */
    public Registered register(Supplier<Metadata> metadata, String bearer, String address) {
        if (mode == Mode.OPEN) {
            Optional<Duration> wait = throttle.attempt(Throttle.key("register-addr", address), config.maxPerAddress(),
                    config.window());
            if (wait.isPresent()) {
                throw new ThrottledRefusal(RegistrationReason.THROTTLED_ADDRESS, wait.get());
            }
        } else if (bearer == null) {
            throw new Refusal(RegistrationReason.INITIAL_TOKEN_MISSING);
        }
        Registered registered = QuarkusTransaction.requiringNew().call(() -> {
            if (mode == Mode.TOKEN && !initialTokens.use(bearer)) {
                throw new Refusal(RegistrationReason.INITIAL_TOKEN_INVALID);
            }
            String registrationToken = OpaqueTokens.newToken();
            ClientAdminFlow.WithSecret created = clients.store(validate(metadata.get()),
                    OpaqueTokens.hash(registrationToken));
            return new Registered(created.client(), created.secret(), registrationToken);
        });
        audit.record(AuditEvent.of(AuditEvent.Type.CLIENT_REGISTERED).actor(registered.client().clientId())
                .client(registered.client().clientId()).address(address)
                .detail(mode.name().toLowerCase(java.util.Locale.ROOT) + " " + registered.client().name()));
        return registered;
    }

    /** RFC 7592 §2.1. */
    public Registered read(String clientId, String bearer) {
        return new Registered(authenticated(store.findByIdOptional(clientId).map(ClientEntity::view).orElse(null),
                bearer), null, null);
    }

    /** RFC 7592 §2.2: the metadata replaces the client's; {@code client_id} must be sent and match. */
    @Transactional
    public Registered update(String clientId, String bearer, Metadata metadata, String sentClientId, String sentSecret,
                             String address) {
        ClientEntity entity = store.findForUpdate(clientId).orElse(null);
        ClientView client = authenticated(entity == null ? null : entity.view(), bearer);
        if (!clientId.equals(sentClientId)) {
            throw new Refusal(RegistrationReason.CLIENT_ID_MISMATCH);
        }
        if (sentSecret != null && (client.secretHash() == null || !OpaqueTokens.matches(client.secretHash(), sentSecret))) {
            throw new Refusal(RegistrationReason.SECRET_MISMATCH);
        }
        ClientRegistration registration = validate(metadata);
        if (registration.type() != client.type()) {
            throw new Refusal(RegistrationReason.METADATA_INVALID, "token_endpoint_auth_method cannot change between "
                    + "none and a secret method; register a new client instead");
        }
        ClientView updated = clients.update(entity, registration);
        audit.record(AuditEvent.of(AuditEvent.Type.CLIENT_REGISTRATION_CHANGED).actor(clientId).client(clientId)
                .address(address));
        return new Registered(updated, null, null);
    }

    /** RFC 7592 §2.3: the client, its grants and tokens are gone; so is the registration access token. */
    @Transactional
    public void delete(String clientId, String bearer, String address) {
        authenticated(store.findForUpdate(clientId).map(ClientEntity::view).orElse(null), bearer);
        clients.remove(clientId);
        audit.record(AuditEvent.of(AuditEvent.Type.CLIENT_REGISTRATION_DELETED).actor(clientId).client(clientId)
                .address(address));
    }

    private ClientRegistration validate(Metadata metadata) {
        ClientRegistration.Input input = DynamicRegistrationPolicy.input(metadata, mode, openScopes,
                List.copyOf(resources.all().values()));
        try {
            return clients.validate(input, ClientRegistration.Fields.RFC7591);
        } catch (InvalidInput invalid) {
            throw DynamicRegistrationPolicy.refusal(invalid);
        }
    }

    /**
     * The client when {@code bearer} is its registration access token; refused alike when there is no such
     * client, it did not register itself, or the token is another's (RFC 7592 §2.1: 401 in every case).
     */
    private static ClientView authenticated(ClientView client, String bearer) {
        if (client == null || !client.selfRegistered() || bearer == null
                || !OpaqueTokens.matches(client.registrationTokenHash(), bearer)) {
            throw new Refusal(RegistrationReason.REGISTRATION_TOKEN_INVALID);
        }
        return client;
    }
}
