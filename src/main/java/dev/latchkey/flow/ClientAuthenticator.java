package dev.latchkey.flow;

import dev.latchkey.config.LatchkeyConfig;
import dev.latchkey.jobs.AuditEvent;
import dev.latchkey.jobs.AuditEvent.Type;
import dev.latchkey.jobs.AuditLog;
import dev.latchkey.policy.ClientAuthPolicy;
import dev.latchkey.policy.ClientView;
import dev.latchkey.policy.TokenReason;
import dev.latchkey.policy.Refusal;
import dev.latchkey.policy.ThrottledRefusal;
import dev.latchkey.policy.TokenRequest;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Optional;

/**
 * Authenticates the client of a token, revocation or introspection request (RFC 6749 §2.3). Failures are
 * counted per address and per (client, address) through {@link FailureLimiter}; a correct secret is always
 * accepted.
 */
@ApplicationScoped
public class ClientAuthenticator {
    private final ClientLookup clients;
    private final FailureLimiter limiter;
    private final LatchkeyConfig.ClientAuth limits;
    private final AuditLog audit;

    public ClientAuthenticator(ClientLookup clients, FailureLimiter limiter, AuditLog audit, LatchkeyConfig config) {
        this.clients = clients;
        this.limiter = limiter;
        this.audit = audit;
        this.limits = config.clientAuth();
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

    private static ClientAuthPolicy.Credentials credentials(TokenRequest request, String address) {
        return ClientAuthPolicy.credentials(request.authorization(), request.params());
    }

    /**
     * The secret is checked first: a correct one is never refused because of failures elsewhere (a secret
     * carries 256 random bits; it cannot be guessed, so failures cannot be a step towards it). A failure is
     * counted per address and per (client, address); once the source is over its limit, its failures are
     * answered 429 instead of 401, so a stranger slows down only himself.
     *
     * @param client the client named, or null when there is none
     */
    private ClientView verify(ClientAuthPolicy.Credentials credentials, ClientView client, String address) {
        try {
            return ClientAuthPolicy.authenticate(credentials, client);
        } catch (Refusal refusal) {
            audit.record(AuditEvent.of(Type.CLIENT_AUTH_FAILED).actor(credentials.clientId())
                    .client(client == null ? null : client.clientId()).address(address).detail(refusal.description()));
            String addressKey = Throttle.key("client-addr", address);
            fail(addressKey, limits.maxFailuresPerAddress());
            checkBlocked(addressKey);
            if (client != null) {
                String pairKey = Throttle.key("client-pair", client.clientId(), address);
                fail(pairKey, limits.maxFailuresPerClient());
                checkBlocked(pairKey);
            }
            throw refusal;
        }
    }

    private void checkBlocked(String key) {
        limiter.blocked(key).ifPresent(wait -> {
            throw new ThrottledRefusal(TokenReason.REQUEST_THROTTLED, wait);
        });
    }

    private void fail(String key, int limit) {
        limiter.fail(key, limit, limits.throttleWindow());
    }
}
