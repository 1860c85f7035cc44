package dev.latchkey.store;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import java.time.Instant;
import java.util.Optional;

/** Device authorizations (RFC 8628), by the hash of the device code; found by people through the user code's. */
@ApplicationScoped
public class DeviceAuthorizationRepository implements PanacheRepositoryBase<DeviceAuthorizationEntity, byte[]> {

    /** The live authorization a user code names, locked until the transaction ends: approvals take turns. */
    public Optional<DeviceAuthorizationEntity> pendingByUserCode(byte[] userCodeHash, Instant now) {
        return find("userCodeHash = ?1 and expiresAt > ?2 and status = ?3", userCodeHash, now,
                dev.latchkey.policy.DevicePolicy.Status.PENDING)
                .withLock(LockModeType.PESSIMISTIC_WRITE).firstResultOptional();
    }

    /** The authorization a poll names, locked: two polls of one device code take turns, one of them issues. */
    public Optional<DeviceAuthorizationEntity> forPoll(byte[] deviceCodeHash) {
        return findByIdOptional(deviceCodeHash, LockModeType.PESSIMISTIC_WRITE);
    }
}
