package dev.latchkey.store;

import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.UUID;

/** Authorization codes, keyed by the SHA-256 of the code. */
@ApplicationScoped
public class AuthorizationCodeRepository {
    private final Sql sql;

    public AuthorizationCodeRepository(Sql sql) {
        this.sql = sql;
    }

    public void insert(byte[] codeHash, String clientId, UUID userId, String redirectUri, String scopes,
                       String codeChallenge, Instant now, Instant expiresAt) {
        sql.update("""
                        insert into authorization_code
                            (code_hash, client_id, user_id, redirect_uri, scopes, code_challenge, created_at, expires_at)
                        values (?, ?, ?, ?, ?, ?, ?, ?)""",
                codeHash, clientId, userId, redirectUri, scopes, codeChallenge, now, expiresAt);
    }
}
