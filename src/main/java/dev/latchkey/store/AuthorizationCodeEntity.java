package dev.latchkey.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** An authorization code: single use, short-lived, stored only as the SHA-256 of the code. */
@Entity
@Table(name = "authorization_code")
public class AuthorizationCodeEntity {
    @Id
    @Column(name = "code_hash")
    public byte[] codeHash;

    @Column(name = "client_id")
    public String clientId;

    @Column(name = "user_id")
    public UUID userId;

    /** As sent in the authorization request; null when it was omitted (RFC 6749 §4.1.3). */
    @Column(name = "redirect_uri")
    public String redirectUri;

    public String scopes;

    @Column(name = "code_challenge")
    public String codeChallenge;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "expires_at")
    public Instant expiresAt;

    @Column(name = "consumed_at")
    public Instant consumedAt;

    /** The grant its exchange started: a replay of the code revokes it. */
    @Column(name = "grant_id")
    public UUID grantId;

    /** The authorization request's nonce (OpenID Connect Core §3.1.2.1), for the id_token; null when none. */
    public String nonce;

    /** When the user authenticated (for the id_token's auth_time). */
    @Column(name = "auth_time")
    public Instant authTime;

    /** The resources asked for (RFC 8707), space-separated; null when none. */
    public String resources;
}
