package dev.latchkey.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/**
 * One authorization grant: a code exchange and every refresh token rotated from it. Revoking it ends all
 * its tokens at once.
 */
@Entity
@Table(name = "grant_family")
public class GrantFamilyEntity {
    @Id
    public UUID id;

    @Column(name = "client_id")
    public String clientId;

    @Column(name = "user_id")
    public UUID userId;

    public String scopes;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "revoked_at")
    public Instant revokedAt;

    /** When the user authenticated for this grant; the id_tokens of its refreshes repeat it. */
    @Column(name = "auth_time")
    public Instant authTime;

    /** The DPoP key a public client's refresh tokens are bound to (RFC 9449 §5), or null. */
    @Column(name = "dpop_jkt")
    public String dpopJkt;
}
