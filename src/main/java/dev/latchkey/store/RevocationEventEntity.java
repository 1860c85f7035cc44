package dev.latchkey.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/**
 * One revocation, in order, for every instance to apply to its in-memory view: an ended grant family
 * ({@code kind = family}) or a revoked access token ({@code kind = jti}). Written by database triggers only.
 */
@Entity
@Table(name = "revocation_event")
public class RevocationEventEntity {
    @Id
    public long id;

    public String kind;

    /** The grant family's id or the token's jti. */
    @Column(name = "key")
    public String target;

    @Column(name = "created_at")
    public Instant createdAt;
}
