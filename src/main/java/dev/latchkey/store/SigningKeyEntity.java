package dev.latchkey.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/**
 * A JWT signing key, shared by every instance. The private key is AES-256-GCM encrypted (12-byte IV ||
 * ciphertext || tag, the kid as associated data); a retired key stays published until its tokens expire.
 */
@Entity
@Table(name = "signing_key")
public class SigningKeyEntity {
    @Id
    public String kid;

    public String algorithm;

    @Column(name = "public_jwk")
    public String publicJwk;

    @Column(name = "private_key")
    public byte[] privateKey;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "retired_at")
    public Instant retiredAt;
}
