package dev.latchkey.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** An administrator's session in the admin console, by the hash of its cookie's value. */
@Entity
@Table(name = "console_session")
public class ConsoleSessionEntity {
    @Id
    @Column(name = "id_hash")
    public byte[] idHash;

    @Column(name = "user_id")
    public UUID userId;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "expires_at")
    public Instant expiresAt;

    /** The id_token of the sign-in, for the end-session endpoint at sign-out. */
    @Column(name = "id_token")
    public String idToken;
}
