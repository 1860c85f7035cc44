package dev.latchkey.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** An access token revoked early, remembered until it would have expired. */
@Entity
@Table(name = "revoked_access_token")
public class RevokedAccessTokenEntity {
    @Id
    public String jti;

    @Column(name = "expires_at")
    public Instant expiresAt;
}
