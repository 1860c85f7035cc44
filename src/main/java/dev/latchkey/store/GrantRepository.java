package dev.latchkey.store;

import dev.latchkey.policy.StoredCode;
import dev.latchkey.policy.StoredRefreshToken;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * Codes being redeemed, grant families and refresh tokens. Redemption and rotation are single native
 * statements around a conditional UPDATE: of two concurrent requests for one code or token, exactly one
 * gets the row, and only that one stores what follows from it (PostgreSQL runs every data-modifying part
 * of a WITH once, to completion, whether or not the final SELECT reads it). They are the token endpoint's
 * hot path: one round trip each, where the entity model needs three to four (A/B in bench/README.md).
 */
@ApplicationScoped
public class GrantRepository implements PanacheRepositoryBase<GrantFamilyEntity, UUID> {
    private final Sql sql;

    public GrantRepository(Sql sql) {
        this.sql = sql;
    }

    /**
     * Consumes the code if it is unused, unexpired and the client's, and in the same statement starts its
     * grant family with, when {@code refreshHash} is set, the first refresh token: one round trip. When
     * the code cannot be consumed, reads why not. A refusal after this rolls both back with the transaction.
     *
     * @return the row (consumedNow tells which), or empty when no code has this hash
     */
    public Optional<StoredCode> redeemCode(byte[] codeHash, String clientId, Instant now, UUID familyId,
                                           byte[] refreshHash, Instant refreshExpiresAt) {
        String consumeAndStart = """
                with consumed as (
                    update authorization_code set consumed_at = ?
                    where code_hash = ? and consumed_at is null and client_id = ? and expires_at > ?
                    returning code_hash, client_id, user_id, redirect_uri, scopes, code_challenge, expires_at),
                family as (
                    insert into grant_family (id, client_id, user_id, code_hash, scopes, created_at)
                    select ?, client_id, user_id, code_hash, scopes, ? from consumed
                    returning id, client_id, scopes, created_at)
                """;
        String firstRefreshToken = """
                , refresh as (
                    insert into refresh_token (token_hash, family_id, client_id, scopes, created_at, expires_at)
                    select ?, id, client_id, scopes, created_at, ? from family)
                """;
        String result = """
                select client_id, user_id, redirect_uri, scopes, code_challenge, expires_at from consumed""";
        Optional<StoredCode> consumed = refreshHash == null
                ? sql.first(consumeAndStart + result, rs -> code(rs, false, true),
                        now, codeHash, clientId, now, familyId, now)
                : sql.first(consumeAndStart + firstRefreshToken + result, rs -> code(rs, false, true),
                        now, codeHash, clientId, now, familyId, now, refreshHash, refreshExpiresAt);
        if (consumed.isPresent()) {
            return consumed;
        }
        return Optional.ofNullable(getEntityManager().find(AuthorizationCodeEntity.class, codeHash))
                .map(c -> new StoredCode(c.clientId, c.userId, c.redirectUri, c.scopes, c.codeChallenge, c.expiresAt,
                        c.consumedAt != null, false));
    }

    private static StoredCode code(ResultSet rs, boolean consumedBefore, boolean consumedNow) throws SQLException {
        return new StoredCode(rs.getString(1), rs.getObject(2, UUID.class), rs.getString(3), rs.getString(4),
                rs.getString(5), Sql.instant(rs, 6), consumedBefore, consumedNow);
    }

    /**
     * Rotates the refresh token if it is live and the client's, and in the same statement stores its
     * successor {@code nextHash}: one round trip. Otherwise reads why not. A refusal after this rolls
     * both back with the transaction.
     *
     * @return the row (rotatedNow tells which), or empty when no refresh token has this hash
     */
    public Optional<StoredRefreshToken> rotateRefreshToken(byte[] tokenHash, String clientId, Instant now,
                                                           byte[] nextHash, Instant nextExpiresAt) {
        Optional<StoredRefreshToken> rotated = sql.first("""
                        with rotated as (
                            update refresh_token r set rotated_at = ?
                            from grant_family f
                            where r.token_hash = ? and r.rotated_at is null and r.client_id = ? and r.expires_at > ?
                              and f.id = r.family_id and f.revoked_at is null
                            returning r.family_id, r.client_id, f.user_id, r.scopes, r.expires_at),
                        successor as (
                            insert into refresh_token (token_hash, family_id, client_id, scopes, created_at, expires_at)
                            select ?, family_id, client_id, scopes, ?, ? from rotated)
                        select family_id, client_id, user_id, scopes, expires_at from rotated""",
                rs -> new StoredRefreshToken(rs.getObject(1, UUID.class), rs.getString(2), rs.getObject(3, UUID.class),
                        rs.getString(4), Sql.instant(rs, 5), false, false, true),
                now, tokenHash, clientId, now, nextHash, now, nextExpiresAt);
        return rotated.isPresent() ? rotated : findRefreshToken(tokenHash);
    }

    public Optional<StoredRefreshToken> findRefreshToken(byte[] tokenHash) {
        return getEntityManager().createQuery("""
                        select r, f.userId, f.revokedAt from RefreshTokenEntity r, GrantFamilyEntity f
                        where f.id = r.familyId and r.tokenHash = ?1""", Object[].class)
                .setParameter(1, tokenHash).getResultStream().findFirst()
                .map(row -> {
                    RefreshTokenEntity r = (RefreshTokenEntity) row[0];
                    return new StoredRefreshToken(r.familyId, r.clientId, (UUID) row[1], r.scopes, r.expiresAt,
                            r.rotatedAt != null, row[2] != null, false);
                });
    }

    public int revokeFamily(UUID familyId, Instant now) {
        return update("revokedAt = ?1 where id = ?2 and revokedAt is null", now, familyId);
    }

    public int revokeFamilyOfCode(byte[] codeHash, Instant now) {
        return update("revokedAt = ?1 where codeHash = ?2 and revokedAt is null", now, codeHash);
    }

    public int revokeFamilies(UUID userId, String clientId, Instant now) {
        return update("revokedAt = ?1 where userId = ?2 and clientId = ?3 and revokedAt is null", now, userId, clientId);
    }

    /** Remembered until it would have expired; revoking it twice is revoking it once. */
    public void revokeAccessToken(String jti, Instant expiresAt) {
        getEntityManager().createQuery("""
                        insert into RevokedAccessTokenEntity (jti, expiresAt) values (?1, ?2) on conflict do nothing""")
                .setParameter(1, jti).setParameter(2, expiresAt).executeUpdate();
    }
}
