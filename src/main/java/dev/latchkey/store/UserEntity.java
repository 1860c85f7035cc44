package dev.latchkey.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** A resource owner who logs in at the authorization endpoint; the password only as a bcrypt hash. */
@Entity
@Table(name = "app_user")
public class UserEntity {
    @Id
    public UUID id;

    public String username;

    @Column(name = "password_hash")
    public String passwordHash;

    @Column(name = "created_at")
    public Instant createdAt;
}
