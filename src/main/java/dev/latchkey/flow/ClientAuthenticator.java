package dev.latchkey.flow;

import dev.latchkey.jobs.AuditEvent;
import dev.latchkey.jobs.AuditEvent.Type;
import dev.latchkey.jobs.AuditLog;

import dev.latchkey.config.LatchkeyConfig;
import dev.latchkey.policy.ClientAuthPolicy;
import dev.latchkey.policy.ClientView;
import dev.latchkey.policy.TokenReason;
import dev.latchkey.policy.Refusal;
import dev.latchkey.policy.ThrottledRefusal;
import dev.latchkey.policy.TokenRequest;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Authenticates the client of a token, revocation or introspection request. Failures are counted in
 * PostgreSQL per client and per address (every instance adds to the same counters); once a counter is
 * over its limit, the instance that saw it refuses that key from memory until the window ends, so a
 * good request costs no throttle query.
 */
@ApplicationScoped
public class ClientAuthenticator {
    private static final Logger LOG = Logger.getLogger(ClientAuthenticator.class);
    private final ClientLookup clients;
    private final Throttle throttle;
    private final LatchkeyConfig.ClientAuth limits;
    private final AuditLog audit;
    private final Clock clock;
    private final Map<String, Instant> blockedUntil = new ConcurrentHashMap<>();

    public ClientAuthenticator(ClientLookup clients, Throttle throttle, AuditLog audit, LatchkeyConfig config,
                               Clock clock) {
        this.clients = clients;
        this.throttle = throttle;
        this.audit = audit;
        this.limits = config.clientAuth();
        this.clock = clock;
    }

    public ClientView authenticate(TokenRequest request, String address) {
        ClientAuthPolicy.Credentials credentials = credentials(request, address);
        return verify(credentials, clients.find(credentials.clientId()).orElse(null), address);
    }

    /**
     * {@link #authenticate} from memory alone: empty when the client is not in the cache (the caller then
     * authenticates on a worker thread). Bad credentials are refused from memory.
     */
    public Optional<ClientView> authenticateFromMemory(TokenRequest request, String address) {
        ClientAuthPolicy.Credentials credentials = credentials(request, address);
        return clients.cached(credentials.clientId()).map(cached -> verify(credentials, cached.client(), address));
    }

    private ClientAuthPolicy.Credentials credentials(TokenRequest request, String address) {
        ClientAuthPolicy.Credentials credentials = ClientAuthPolicy.credentials(request.authorization(),
                request.params());
        checkBlocked("client:" + credentials.clientId());
        checkBlocked("client-addr:" + address);
        return credentials;
    }

    /** @param client the client named, or null when there is none */
    private ClientView verify(ClientAuthPolicy.Credentials credentials, ClientView client, String address) {
        String clientKey = "client:" + credentials.clientId();
        String addressKey = "client-addr:" + address;
        try {
            return ClientAuthPolicy.authenticate(credentials, client);
        } catch (Refusal refusal) {
            if (client != null) {
                fail(clientKey, limits.maxFailuresPerClient());
            }
            fail(addressKey, limits.maxFailuresPerAddress());
            audit.record(AuditEvent.of(Type.CLIENT_AUTH_FAILED).actor(credentials.clientId())
                    .client(client == null ? null : client.clientId()).address(address).detail(refusal.description()));
            throw refusal;
        }
    }

    private void checkBlocked(String key) {
        Instant until = blockedUntil.get(key);
        if (until == null) {
            return;
        }
        Instant now = clock.instant();
        if (now.isBefore(until)) {
            Duration wait = Duration.between(now, until);
            throw new ThrottledRefusal(TokenReason.REQUEST_THROTTLED,
                    Duration.ofSeconds(Math.max(1, wait.getSeconds() + (wait.getNano() > 0 ? 1 : 0))));
        }
        blockedUntil.remove(key, until);
    }

    /** Counted in the background: the refusal does not wait for the database, and may run on the event loop. */
    private void fail(String key, int limit) {
        Duration window = limits.throttleWindow();
        Infrastructure.getDefaultWorkerPool().execute(() -> {
            try {
                throttle.failAndCheck(key, limit, window)
                        .ifPresent(wait -> blockedUntil.put(key, clock.instant().plus(wait)));
            } catch (RuntimeException e) {
                LOG.warnf("Could not count a failed client authentication for %s: %s", key, e.getMessage());
            }
        });
    }
}
