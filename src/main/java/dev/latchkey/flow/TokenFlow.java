package dev.latchkey.flow;

import dev.latchkey.flow.grant.GrantHandler;
import dev.latchkey.flow.grant.Grants;
import dev.latchkey.flow.grant.IssuedTokens;
import dev.latchkey.flow.grant.TokenResponseContributor;
import dev.latchkey.config.Issuer;
import dev.latchkey.http.Paths;
import dev.latchkey.jobs.AuditEvent;
import dev.latchkey.jobs.AuditLog;
import dev.latchkey.policy.ClientView;
import dev.latchkey.policy.DpopProof;
import dev.latchkey.policy.DpopReason;
import dev.latchkey.policy.Refusal;
import dev.latchkey.policy.TokenPolicy;
import dev.latchkey.policy.TokenRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The token endpoint (RFC 6749 §3.2): a DPoP proof checked first when one came (RFC 9449, {@link #checkDpop}),
 * no parameter twice, authenticate the client, pick the grant handler for {@code grant_type}, let it check and
 * issue (bound to the proof's key), let the contributors add to the response, audit. It
 * knows no grant by name.
 */
@ApplicationScoped
public class TokenFlow {

    /**
     * A successful token response (RFC 6749 §5.1); {@code refreshToken} may be null, {@code members} empty.
     * {@code tokenType} is {@code DPoP} for a token bound to a proof's key (RFC 9449 §5), else {@code Bearer};
     * {@code subject} is whom the tokens are about (not sent: for the server's own uses of the flow).
     */
    public record Tokens(String accessToken, String tokenType, long expiresIn, String scope, String refreshToken,
                         Map<String, Object> members, String subject) {
    }

    private final ClientAuthenticator authenticator;
    private final Grants grants;
    private final List<TokenResponseContributor> contributors;
    private final AuditLog audit;
    private final ClientUsage usage;
    private final DpopFlow dpop;
    private final String tokenUri;

    public TokenFlow(ClientAuthenticator authenticator, Grants grants,
                     @Any Instance<TokenResponseContributor> contributors, AuditLog audit, ClientUsage usage,
                     DpopFlow dpop, Issuer issuer) {
        this.dpop = dpop;
        this.tokenUri = issuer.value() + Paths.TOKEN;
        this.authenticator = authenticator;
        this.grants = grants;
        this.contributors = contributors.stream().toList();
        this.audit = audit;
        this.usage = usage;
    }

    /**
     * The answer from memory alone (for the event loop), or empty when the client is not in the cache or
     * the grant needs the database; then {@link #token} answers on a worker thread.
     *
     * @throws dev.latchkey.policy.Refusal when the request is refused, which needs no database either
     */
    public Optional<Tokens> fromMemory(TokenRequest request, String address) {
        request.checkNoRepeats(grants.parameters());
        Optional<ClientView> client = authenticator.authenticateFromMemory(request, address);
        if (client.isEmpty()) {
            return Optional.empty();
        }
        GrantHandler handler = handler(request, client.get());
        checkBinding(request, client.get());
        return handler.fromMemory(request, client.get())
                .map(issued -> respond(handler, request, client.get(), issued, address));
    }

    /** @throws dev.latchkey.policy.Refusal with the reason the request was refused */
    public Tokens token(TokenRequest request, String address) {
        request.checkNoRepeats(grants.parameters());
        ClientView client = authenticator.authenticate(request, address);
        GrantHandler handler = handler(request, client);
        checkBinding(request, client);
        return respond(handler, request, client, handler.issue(request, client, address), address);
    }

    /** The DPoP-Nonce a response carries (RFC 9449 §8), when the server asks for nonces. */
    public Optional<String> dpopNonce() {
        return dpop.nonce();
    }

    /**
     * The request's DPoP proof (RFC 9449 §4.3) checked first, as it needs neither the database nor the client:
     * read and checked now, then recorded in the shared replay store without blocking. Completes with the request
     * carrying the proof key's thumbprint, or with a {@link Refusal}; without a proof, with the request as it is.
     *
     * @throws Refusal when the proof fails a check that needs no store
     */
    public CompletionStage<TokenRequest> checkDpop(TokenRequest request) {
        Optional<DpopProof> proof = dpop.check(request.dpopProofs(), "POST", tokenUri, null);
        return proof.isEmpty() ? CompletableFuture.completedFuture(request)
                : dpop.record(proof.get()).thenApply(request::withDpopJkt);
    }

    /** RFC 9449 §5.2: a client that must bind its tokens sends a proof (checked before, by {@link #checkDpop}). */
    private static void checkBinding(TokenRequest request, ClientView client) {
        if (!request.dpopProofs().isEmpty() && request.dpopJkt() == null) {
            throw new IllegalStateException("the DPoP proof was not checked");
        }
        if (request.dpopJkt() == null && client.dpopBoundAccessTokens()) {
            throw new Refusal(DpopReason.PROOF_REQUIRED);
        }
    }

    private GrantHandler handler(TokenRequest request, ClientView client) {
        return grants.find(TokenPolicy.grantType(request, client, grants.types())).orElseThrow();
    }

    private Tokens respond(GrantHandler handler, TokenRequest request, ClientView client, IssuedTokens issued,
                           String address) {
        Map<String, Object> members = Map.of();
        if (!contributors.isEmpty()) {
            members = new LinkedHashMap<>();
            for (TokenResponseContributor contributor : contributors) {
                contributor.contribute(handler.grantType(), request, client, issued, members);
            }
        }
        audit.record(AuditEvent.of(AuditEvent.Type.TOKEN_ISSUED).actor(client.clientId()).client(client.clientId())
                .subject(issued.subject()).address(address).detail(handler.grantType() + " " + issued.scope()));
        usage.issued(client);
        return new Tokens(issued.accessToken(), request.dpopJkt() == null ? "Bearer" : "DPoP", issued.expiresIn(), issued.scope(), issued.refreshToken(), members,
                issued.subject());
    }
}
