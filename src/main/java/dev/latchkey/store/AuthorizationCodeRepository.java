package dev.latchkey.store;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import java.time.Instant;
import java.util.UUID;

/** Authorization codes, keyed by the SHA-256 of the code. */
@ApplicationScoped
public class AuthorizationCodeRepository {
    private final EntityManager em;

    public AuthorizationCodeRepository(EntityManager em) {
        this.em = em;
    }

    public void insert(byte[] codeHash, String clientId, UUID userId, String redirectUri, String scopes,
                       String codeChallenge, Instant now, Instant expiresAt) {
        em.createNativeQuery("""
                        insert into authorization_code
                            (code_hash, client_id, user_id, redirect_uri, scopes, code_challenge, created_at, expires_at)
                        values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)""")
                .setParameter(1, codeHash).setParameter(2, clientId).setParameter(3, userId)
                .setParameter(4, redirectUri).setParameter(5, scopes).setParameter(6, codeChallenge)
                .setParameter(7, now).setParameter(8, expiresAt)
                .executeUpdate();
    }
}
