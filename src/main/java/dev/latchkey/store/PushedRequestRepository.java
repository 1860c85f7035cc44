package dev.latchkey.store;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.Optional;

/** Pushed authorization requests (RFC 9126), by the hash of their request_uri. */
@ApplicationScoped
public class PushedRequestRepository implements PanacheRepositoryBase<PushedRequestEntity, byte[]> {

    /** The request if it is still live. */
    public Optional<PushedRequestEntity> live(byte[] uriHash, Instant now) {
        return findByIdOptional(uriHash).filter(r -> r.expiresAt.isAfter(now));
    }

    /** Deletes it (single use, RFC 9126 §4); false when it was gone already (another request used it). */
    public boolean consume(byte[] uriHash) {
        return delete("uriHash = ?1", (Object) uriHash) == 1;
    }
}
