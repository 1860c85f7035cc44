package dev.latchkey.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** A browser's login; the cookie holds 256 random bits, and only their SHA-256 is stored. */
@Entity
@Table(name = "login_session")
public class LoginSessionEntity {
    @Id
    @Column(name = "id_hash")
    public byte[] idHash;

    @Column(name = "user_id")
    public UUID userId;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "expires_at")
    public Instant expiresAt;
}
