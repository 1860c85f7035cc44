package dev.latchkey.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** An initial access token for dynamic registration (RFC 7591 §3), stored only as its hash. */
@Entity
@Table(name = "registration_token")
public class RegistrationTokenEntity {
    @Id
    public String id;

    @Column(name = "token_hash")
    public byte[] tokenHash;

    @Column(name = "expires_at")
    public Instant expiresAt;

    @Column(name = "max_uses")
    public int maxUses;

    public int uses;

    @Column(name = "created_at")
    public Instant createdAt;
}
