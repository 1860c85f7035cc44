package dev.latchkey.flow;

import dev.latchkey.config.LatchkeyConfig;
import dev.latchkey.policy.DpopPolicy;
import dev.latchkey.policy.DpopProof;
import dev.latchkey.policy.DpopReason;
import dev.latchkey.policy.Hashes;
import dev.latchkey.policy.Refusal;
import dev.latchkey.store.DpopProofRepository;
import dev.latchkey.token.DpopNonces;
import dev.latchkey.token.DpopProofs;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

/**
 * Checks the DPoP proof of a request (RFC 9449 §4.3): its form and signature, its claims against the request,
 * then that no instance has seen it before. What it answers is the key's thumbprint, to bind tokens to or to
 * compare with a token's binding.
 */
@ApplicationScoped
public class DpopFlow {
    private final DpopProofRepository proofs;
    private final DpopNonces nonces;
    private final Duration window;
    private final Clock clock;

    public DpopFlow(DpopProofRepository proofs, DpopNonces nonces, LatchkeyConfig config, Clock clock) {
        this.proofs = proofs;
        this.nonces = nonces;
        this.window = config.dpop().proofWindow();
        this.clock = clock;
    }

    /**
     * Reads and checks the proof (no database): RFC 9449 §4.3 but the jti, which {@link #record} checks.
     *
     * @param headers     the request's DPoP header values (none when it sent no proof)
     * @param accessToken the access token the request presents (its {@code ath} is checked), or null
     * @return the proof, or empty when none was sent
     * @throws Refusal naming the first check the proof fails
     */
    public Optional<DpopProof> check(List<String> headers, String method, String uri, String accessToken) {
        if (headers == null || headers.isEmpty()) {
            return Optional.empty();
        }
        if (headers.size() > 1) {
            throw new Refusal(DpopReason.PROOF_REPEATED);
        }
        DpopProof proof = DpopProofs.read(headers.get(0));
        DpopPolicy.check(proof, new DpopPolicy.Target(method, uri, clock.instant(), window, accessToken),
                nonces.accepted());
        return Optional.of(proof);
    }

    /**
     * Records the proof in the store every instance shares, without blocking; completes with the key's
     * thumbprint, or with a {@link Refusal} when the proof was seen before. A proof is spent even when the
     * request it came with is refused later.
     */
    public CompletionStage<String> record(DpopProof proof) {
        return proofs.firstUse(Hashes.sha256(proof.jkt() + " " + proof.jti()), DpopPolicy.rememberUntil(proof, window))
                .thenApply(first -> {
                    if (!first) {
                        throw new Refusal(DpopReason.PROOF_REPLAYED);
                    }
                    return proof.jkt();
                });
    }

    /** {@link #check} and {@link #record}, waiting for the store: for a worker thread. */
    public Optional<String> verify(List<String> headers, String method, String uri, String accessToken) {
        Optional<DpopProof> proof = check(headers, method, uri, accessToken);
        if (proof.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(record(proof.get()).toCompletableFuture().join());
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    /** The nonce a response should carry, when the server asks for nonces. */
    public Optional<String> nonce() {
        return nonces.current();
    }
}
