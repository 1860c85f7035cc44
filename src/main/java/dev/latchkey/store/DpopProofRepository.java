package dev.latchkey.store;

import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;

/**
 * The DPoP proofs seen (RFC 9449 §11.1), shared by every instance: a row per proof while its iat is inside the
 * acceptance window, deleted by the purge after.
 */
@ApplicationScoped
public class DpopProofRepository {
    // One native statement: the insert is the check, so a proof is accepted once even when two instances see it
    // at the same moment; there is no entity to read first (bench/ab/18-dpop-par.md has its cost).
    private static final String FIRST_USE = "insert into dpop_proof (proof_hash, expires_at) values (?, ?) "
            + "on conflict (proof_hash) do nothing";

    private final Sql sql;

    public DpopProofRepository(Sql sql) {
        this.sql = sql;
    }

    /** Records the proof; false when it was recorded before (a replay). */
    public boolean firstUse(byte[] proofHash, Instant rememberUntil) {
        return sql.update(FIRST_USE, proofHash, rememberUntil) == 1;
    }
}
