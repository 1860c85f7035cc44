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
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

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
     * @param headers     the request's DPoP header values (none when it sent no proof)
     * @param accessToken the access token the request presents (its {@code ath} is checked), or null
     * @return the proof key's thumbprint, or empty when no proof was sent
     * @throws Refusal naming the first check the proof fails
     */
    public Optional<String> verify(List<String> headers, String method, String uri, String accessToken) {
        if (headers == null || headers.isEmpty()) {
            return Optional.empty();
        }
        if (headers.size() > 1) {
            throw new Refusal(DpopReason.PROOF_REPEATED);
        }
        DpopProof proof = DpopProofs.read(headers.get(0));
        Instant now = clock.instant();
        DpopPolicy.check(proof, new DpopPolicy.Target(method, uri, now, window, accessToken), nonces.accepted());
        if (!firstUse(proof)) {
            throw new Refusal(DpopReason.PROOF_REPLAYED);
        }
        return Optional.of(proof.jkt());
    }

    /** The nonce a response should carry, when the server asks for nonces. */
    public Optional<String> nonce() {
        return nonces.current();
    }

    /** Committed on its own: a proof is spent even when the request it came with is refused later. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    boolean firstUse(DpopProof proof) {
        return proofs.firstUse(Hashes.sha256(proof.jkt() + " " + proof.jti()), DpopPolicy.rememberUntil(proof, window));
    }
}
