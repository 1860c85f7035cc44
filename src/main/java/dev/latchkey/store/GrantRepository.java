package dev.latchkey.store;

import dev.latchkey.policy.StoredCode;
import dev.latchkey.policy.StoredRefreshToken;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Codes being redeemed, grant families and refresh tokens. Redemption and rotation are single
 * conditional UPDATEs: of two concurrent requests for one code or token, exactly one gets the row.
 */
@ApplicationScoped
public class GrantRepository {
    private final EntityManager em;

    public GrantRepository(EntityManager em) {
        this.em = em;
    }

    /**
     * Consumes the code if it is unused, unexpired and the client's; otherwise reads why not.
     *
     * @return the row (consumedNow tells which), or empty when no code has this hash
     */
    public Optional<StoredCode> consumeCode(byte[] codeHash, String clientId, Instant now) {
        List<?> consumed = em.createNativeQuery("""
                        update authorization_code set consumed_at = ?3
                        where code_hash = ?1 and consumed_at is null and client_id = ?2 and expires_at > ?3
                        returning client_id, user_id, redirect_uri, scopes, code_challenge, expires_at""")
                .setParameter(1, codeHash).setParameter(2, clientId).setParameter(3, now).getResultList();
        if (!consumed.isEmpty()) {
            return Optional.of(code((Object[]) consumed.get(0), false, true));
        }
        List<?> rows = em.createNativeQuery("""
                        select client_id, user_id, redirect_uri, scopes, code_challenge, expires_at,
                               consumed_at is not null
                        from authorization_code where code_hash = ?1""")
                .setParameter(1, codeHash).getResultList();
        return rows.stream().findFirst().map(r -> {
            Object[] row = (Object[]) r;
            return code(row, (Boolean) row[6], false);
        });
    }

    private static StoredCode code(Object[] r, boolean consumedBefore, boolean consumedNow) {
        return new StoredCode((String) r[0], (UUID) r[1], (String) r[2], (String) r[3], (String) r[4],
                Rows.instant(r[5]), consumedBefore, consumedNow);
    }

    /** A new grant family and, when {@code refreshHash} is set, its first refresh token: one statement. */
    public void startFamily(UUID familyId, String clientId, UUID userId, byte[] codeHash, String scopes,
                            byte[] refreshHash, Instant now, Instant refreshExpiresAt) {
        if (refreshHash == null) {
            em.createNativeQuery("""
                            insert into grant_family (id, client_id, user_id, code_hash, scopes, created_at)
                            values (?1, ?2, ?3, ?4, ?5, ?6)""")
                    .setParameter(1, familyId).setParameter(2, clientId).setParameter(3, userId)
                    .setParameter(4, codeHash).setParameter(5, scopes).setParameter(6, now)
                    .executeUpdate();
            return;
        }
        em.createNativeQuery("""
                        with family as (
                            insert into grant_family (id, client_id, user_id, code_hash, scopes, created_at)
                            values (?1, ?2, ?3, ?4, ?5, ?6) returning id)
                        insert into refresh_token (token_hash, family_id, client_id, scopes, created_at, expires_at)
                        select ?7, id, ?2, ?5, ?6, ?8 from family""")
                .setParameter(1, familyId).setParameter(2, clientId).setParameter(3, userId)
                .setParameter(4, codeHash).setParameter(5, scopes).setParameter(6, now)
                .setParameter(7, refreshHash).setParameter(8, refreshExpiresAt)
                .executeUpdate();
    }

    /**
     * Rotates the refresh token if it is live and the client's; otherwise reads why not.
     *
     * @return the row (rotatedNow tells which), or empty when no refresh token has this hash
     */
    public Optional<StoredRefreshToken> rotateRefreshToken(byte[] tokenHash, String clientId, Instant now) {
        List<?> rotated = em.createNativeQuery("""
                        update refresh_token r set rotated_at = ?3
                        from grant_family f
                        where r.token_hash = ?1 and r.rotated_at is null and r.client_id = ?2 and r.expires_at > ?3
                          and f.id = r.family_id and f.revoked_at is null
                        returning r.family_id, r.client_id, f.user_id, r.scopes, r.expires_at""")
                .setParameter(1, tokenHash).setParameter(2, clientId).setParameter(3, now).getResultList();
        if (!rotated.isEmpty()) {
            Object[] r = (Object[]) rotated.get(0);
            return Optional.of(new StoredRefreshToken((UUID) r[0], (String) r[1], (UUID) r[2], (String) r[3],
                    Rows.instant(r[4]), false, false, true));
        }
        return findRefreshToken(tokenHash);
    }

    public Optional<StoredRefreshToken> findRefreshToken(byte[] tokenHash) {
        List<?> rows = em.createNativeQuery("""
                        select r.family_id, r.client_id, f.user_id, r.scopes, r.expires_at,
                               r.rotated_at is not null, f.revoked_at is not null
                        from refresh_token r join grant_family f on f.id = r.family_id
                        where r.token_hash = ?1""")
                .setParameter(1, tokenHash).getResultList();
        return rows.stream().findFirst().map(o -> {
            Object[] r = (Object[]) o;
            return new StoredRefreshToken((UUID) r[0], (String) r[1], (UUID) r[2], (String) r[3],
                    Rows.instant(r[4]), (Boolean) r[5], (Boolean) r[6], false);
        });
    }

    public void addRefreshToken(byte[] tokenHash, UUID familyId, String clientId, String scopes, Instant now,
                                Instant expiresAt) {
        em.createNativeQuery("""
                        insert into refresh_token (token_hash, family_id, client_id, scopes, created_at, expires_at)
                        values (?1, ?2, ?3, ?4, ?5, ?6)""")
                .setParameter(1, tokenHash).setParameter(2, familyId).setParameter(3, clientId)
                .setParameter(4, scopes).setParameter(5, now).setParameter(6, expiresAt)
                .executeUpdate();
    }

    public int revokeFamily(UUID familyId, Instant now) {
        return em.createNativeQuery("update grant_family set revoked_at = ?2 where id = ?1 and revoked_at is null")
                .setParameter(1, familyId).setParameter(2, now).executeUpdate();
    }

    public int revokeFamilyOfCode(byte[] codeHash, Instant now) {
        return em.createNativeQuery(
                        "update grant_family set revoked_at = ?2 where code_hash = ?1 and revoked_at is null")
                .setParameter(1, codeHash).setParameter(2, now).executeUpdate();
    }

    public int revokeFamilies(UUID userId, String clientId, Instant now) {
        return em.createNativeQuery("""
                        update grant_family set revoked_at = ?3
                        where user_id = ?1 and client_id = ?2 and revoked_at is null""")
                .setParameter(1, userId).setParameter(2, clientId).setParameter(3, now).executeUpdate();
    }

    /** Whether the family exists and is not revoked (for access tokens that name it). */
    public boolean familyLive(UUID familyId) {
        return ((Number) em.createNativeQuery(
                        "select count(*) from grant_family where id = ?1 and revoked_at is null")
                .setParameter(1, familyId).getSingleResult()).longValue() > 0;
    }

    public void revokeAccessToken(String jti, Instant expiresAt) {
        em.createNativeQuery("""
                        insert into revoked_access_token (jti, expires_at) values (?1, ?2)
                        on conflict (jti) do nothing""")
                .setParameter(1, jti).setParameter(2, expiresAt).executeUpdate();
    }

    public boolean accessTokenRevoked(String jti) {
        return ((Number) em.createNativeQuery("select count(*) from revoked_access_token where jti = ?1")
                .setParameter(1, jti).getSingleResult()).longValue() > 0;
    }

    public Optional<String> username(UUID userId) {
        List<?> rows = em.createNativeQuery("select username from app_user where id = ?1")
                .setParameter(1, userId).getResultList();
        return rows.stream().findFirst().map(String.class::cast);
    }
}
