package dev.latchkey.store;

import dev.latchkey.policy.DevicePolicy;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** A device's request for a user's approval (RFC 8628), by the SHA-256 of its device code. */
@Entity
@Table(name = "device_authorization")
public class DeviceAuthorizationEntity {
    @Id
    @Column(name = "device_code_hash")
    public byte[] deviceCodeHash;

    /** The SHA-256 of the normalized user code. */
    @Column(name = "user_code_hash")
    public byte[] userCodeHash;

    @Column(name = "client_id")
    public String clientId;

    public String scopes;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "expires_at")
    public Instant expiresAt;

    @Column(name = "interval_seconds")
    public int intervalSeconds;

    @Column(name = "polled_at")
    public Instant polledAt;

    @Enumerated(EnumType.STRING)
    public DevicePolicy.Status status = DevicePolicy.Status.PENDING;

    /** Who approved; null until then. */
    @Column(name = "user_id")
    public UUID userId;

    @Column(name = "auth_time")
    public Instant authTime;

    public DevicePolicy.Stored stored() {
        return new DevicePolicy.Stored(clientId, expiresAt, intervalSeconds, polledAt, status, userId);
    }
}
