package dev.latchkey.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** A refresh token, as the SHA-256 of 256 random bits; {@code rotatedAt} marks one that was used. */
@Entity
@Table(name = "refresh_token")
public class RefreshTokenEntity {
    @Id
    @Column(name = "token_hash")
    public byte[] tokenHash;

    @Column(name = "family_id")
    public UUID familyId;

    @Column(name = "client_id")
    public String clientId;

    public String scopes;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "expires_at")
    public Instant expiresAt;

    @Column(name = "rotated_at")
    public Instant rotatedAt;
}
