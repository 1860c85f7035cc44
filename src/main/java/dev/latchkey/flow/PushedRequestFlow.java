package dev.latchkey.flow;

import dev.latchkey.config.LatchkeyConfig;
import dev.latchkey.policy.AuthorizeDecision;
import dev.latchkey.policy.AuthorizeRequest;
import dev.latchkey.policy.ClientView;
import dev.latchkey.policy.PushedRequestPolicy;
import dev.latchkey.policy.TokenRequest;
import dev.latchkey.store.PushedRequestEntity;
import dev.latchkey.store.PushedRequestRepository;
import dev.latchkey.token.OpaqueTokens;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;

/**
 * The PAR endpoint (RFC 9126 §2): the client authenticates as at the token endpoint, its authorization request
 * goes through the authorization endpoint's checks, and is stored under a new request_uri.
 */
@ApplicationScoped
public class PushedRequestFlow {
    /** RFC 9126 §2.2. */
    public record Pushed(String requestUri, long expiresIn) {
    }

    private static final Set<String> ONCE = Set.of(AuthorizeRequest.CLIENT_ID, "client_secret");

    private final ClientAuthenticator authenticator;
    private final AuthorizeFlow authorize;
    private final PushedRequestRepository store;
    private final Duration lifetime;
    private final Clock clock;

    public PushedRequestFlow(ClientAuthenticator authenticator, AuthorizeFlow authorize, PushedRequestRepository store,
                             LatchkeyConfig config, Clock clock) {
        this.authenticator = authenticator;
        this.authorize = authorize;
        this.store = store;
        this.lifetime = config.par().lifetime();
        this.clock = clock;
    }

    /**
     * Not one transaction: a failed client authentication is counted (in a transaction of its own) even though
     * the request is refused.
     *
     * @throws dev.latchkey.policy.Refusal with the client's or the authorization request's reason
     */
    public Pushed push(TokenRequest request, String address) {
        request.checkNoRepeats(ONCE);
        ClientView client = authenticator.authenticate(request, address);
        AuthorizeRequest pushed = PushedRequestPolicy.pushed(request.params(), client);
        if (authorize.checkPushing(pushed, client) instanceof AuthorizeDecision.Refused refused) {
            throw refused.refusal();
        }
        return store(client, pushed);
    }

    @Transactional
    Pushed store(ClientView client, AuthorizeRequest pushed) {
        String requestUri = PushedRequestPolicy.URN + OpaqueTokens.newToken();
        Instant now = clock.instant();
        PushedRequestEntity row = new PushedRequestEntity();
        row.uriHash = OpaqueTokens.hash(requestUri);
        row.clientId = client.clientId();
        row.setParameters(pushed.params());
        row.createdAt = now;
        row.expiresAt = now.plus(lifetime);
        store.persist(row);
        return new Pushed(requestUri, lifetime.getSeconds());
    }
}
