package dev.latchkey.store;

import dev.latchkey.policy.Consumption;
import dev.latchkey.policy.OpenIdSubject;
import dev.latchkey.policy.UserClaims;
import dev.latchkey.policy.StoredCode;
import dev.latchkey.policy.StoredRefreshToken;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
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
    /** A code to redeem: its hash, the client presenting it, and the grant (and refresh token) it starts. */
    /** @param dpopJkt the DPoP key the grant's refresh tokens are bound to, or null */
    public record Redemption(byte[] codeHash, String clientId, Instant now, UUID grantId, byte[] refreshHash,
                             Instant refreshExpiresAt, String dpopJkt) {
    }

    /** A refresh token to rotate, and its successor. */
    public record Rotation(byte[] tokenHash, String clientId, Instant now, byte[] nextHash, Instant nextExpiresAt) {
    }

    /** The user an id_token describes, read in the same statement (one join on the primary key). */
    private static final String USER_COLUMNS =
            "u.username, u.name, u.given_name, u.family_name, u.email, u.email_verified";

    /**
     * Consumes the code if it is unused, unexpired and the client's, and starts its grant family with, when
     * {@code refreshHash} is set, the first refresh token. The refresh part inserts nothing when there is no
     * hash (a client without the refresh_token grant).
     */
    private static final Sql.Named REDEEM = Sql.Named.of("""
            with consumed as (
                update authorization_code set consumed_at = :now, grant_id = :grantId
                where code_hash = :codeHash and consumed_at is null and client_id = :clientId and expires_at > :now
                returning code_hash, client_id, user_id, redirect_uri, scopes, code_challenge, expires_at, nonce,
                          auth_time, resources),
            family as (
                insert into grant_family (id, client_id, user_id, scopes, created_at, auth_time, resources, dpop_jkt)
                select :grantId, client_id, user_id, scopes, :now, auth_time, resources, :dpopJkt
                from consumed
                returning id, client_id, scopes, created_at),
            refresh as (
                insert into refresh_token (token_hash, family_id, client_id, scopes, created_at, expires_at)
                select :refreshHash, id, client_id, scopes, created_at, :refreshExpiresAt from family
                where cast(:refreshHash as bytea) is not null)
            select c.client_id, c.user_id, c.redirect_uri, c.scopes, c.code_challenge, c.expires_at,
                   c.nonce, c.auth_time, c.resources, %s
            from consumed c left join app_user u on u.id = c.user_id""".formatted(USER_COLUMNS));

    /** Rotates the refresh token if it is live, the client's and its grant not revoked, and stores its successor. */
    private static final Sql.Named ROTATE = Sql.Named.of("""
            with rotated as (
                update refresh_token r set rotated_at = :now
                from grant_family f
                where r.token_hash = :tokenHash and r.rotated_at is null and r.client_id = :clientId
                  and r.expires_at > :now and f.id = r.family_id and f.revoked_at is null
                returning r.family_id, r.client_id, f.user_id, r.scopes, r.expires_at, f.auth_time, f.resources,
                          f.dpop_jkt),
            successor as (
                insert into refresh_token (token_hash, family_id, client_id, scopes, created_at, expires_at)
                select :nextHash, family_id, client_id, scopes, :now, :nextExpiresAt from rotated)
            select r.family_id, r.client_id, r.user_id, r.scopes, r.expires_at, r.auth_time, r.resources, r.dpop_jkt, %s
            from rotated r left join app_user u on u.id = r.user_id""".formatted(USER_COLUMNS));

    private final Sql sql;

    public GrantRepository(Sql sql) {
        this.sql = sql;
    }

    /**
     * Redeems in one round trip; when the code cannot be consumed, reads why not. A refusal after this rolls
     * both back with the transaction.
     *
     * @return the code with what this request did to it, or empty when no code has this hash
     */
    public Optional<StoredCode> redeemCode(Redemption r) {
        Optional<StoredCode> consumed = sql.first(REDEEM, rs -> new StoredCode(rs.getString(1),
                        rs.getObject(2, UUID.class), rs.getString(3), rs.getString(4), rs.getString(5),
                        Sql.instant(rs, 6), Consumption.CONSUMED_NOW,
                        new OpenIdSubject(rs.getString(10), claims(rs, 11), Sql.instant(rs, 8), rs.getString(7)),
                        rs.getString(9)),
                Sql.values("now", r.now(), "codeHash", r.codeHash(), "clientId", r.clientId(), "grantId", r.grantId(),
                        "refreshHash", r.refreshHash(), "refreshExpiresAt", r.refreshExpiresAt(), "dpopJkt", r.dpopJkt()));
        if (consumed.isPresent()) {
            return consumed;
        }
        return Optional.ofNullable(getEntityManager().find(AuthorizationCodeEntity.class, r.codeHash()))
                .map(c -> new StoredCode(c.clientId, c.userId, c.redirectUri, c.scopes, c.codeChallenge, c.expiresAt,
                        c.consumedAt != null ? Consumption.USED_BEFORE : Consumption.NOT_CONSUMED, null, null));
    }

    /**
     * Rotates in one round trip; otherwise reads why not. A refusal after this rolls both back with the
     * transaction.
     *
     * @return the token with what this request did to it, or empty when no refresh token has this hash
     */
    public Optional<StoredRefreshToken> rotateRefreshToken(Rotation r) {
        Optional<StoredRefreshToken> rotated = sql.first(ROTATE, rs -> new StoredRefreshToken(
                        rs.getObject(1, UUID.class), rs.getString(2), rs.getObject(3, UUID.class), rs.getString(4),
                        Sql.instant(rs, 5), false, Consumption.CONSUMED_NOW,
                        new OpenIdSubject(rs.getString(9), claims(rs, 10), Sql.instant(rs, 6), null), rs.getString(7),
                        rs.getString(8)),
                Sql.values("now", r.now(), "tokenHash", r.tokenHash(), "clientId", r.clientId(), "nextHash", r.nextHash(),
                        "nextExpiresAt", r.nextExpiresAt()));
        return rotated.isPresent() ? rotated : findRefreshToken(r.tokenHash());
    }

    /** The claims among {@link #USER_COLUMNS}, from {@code first} (the name) on. */
    private static UserClaims claims(ResultSet rs, int first) throws SQLException {
        return new UserClaims(rs.getString(first), rs.getString(first + 1), rs.getString(first + 2),
                rs.getString(first + 3), rs.getBoolean(first + 4));
    }

    public Optional<StoredRefreshToken> findRefreshToken(byte[] tokenHash) {
        return getEntityManager().createQuery("""
                        select r, f.userId, f.revokedAt from RefreshTokenEntity r, GrantFamilyEntity f
                        where f.id = r.familyId and r.tokenHash = ?1""", Object[].class)
                .setParameter(1, tokenHash).getResultStream().findFirst()
                .map(row -> {
                    RefreshTokenEntity r = (RefreshTokenEntity) row[0];
                    return new StoredRefreshToken(r.familyId, r.clientId, (UUID) row[1], r.scopes, r.expiresAt,
                            row[2] != null, r.rotatedAt != null ? Consumption.USED_BEFORE : Consumption.NOT_CONSUMED,
                            null, null, null);
                });
    }

    public int revokeFamily(UUID familyId, Instant now) {
        return update("revokedAt = ?1 where id = ?2 and revokedAt is null", now, familyId);
    }

    public int revokeFamilyOfCode(byte[] codeHash, Instant now) {
        return update("revokedAt = ?1 where id = (select c.grantId from AuthorizationCodeEntity c where c.codeHash = ?2) "
                + "and revokedAt is null", now, codeHash);
    }

    public int revokeFamilies(UUID userId, String clientId, Instant now) {
        return update("revokedAt = ?1 where userId = ?2 and clientId = ?3 and revokedAt is null", now, userId, clientId);
    }

    /** The live grants of a user to a client that has no consent row: scopes and when they were made. */
    public record LiveGrant(String clientId, String clientName, List<String> scopes, Instant firstAt, Instant lastAt) {
    }

    /**
     * The user's grant families that are not revoked and still hold a live refresh token, for clients the
     * user has no consent row with, one per client.
     */
    public List<LiveGrant> liveWithoutConsent(UUID userId, Instant now) {
        List<Object[]> rows = getEntityManager().createQuery("""
                        select f.clientId, c.name, f.scopes, f.createdAt from GrantFamilyEntity f, ClientEntity c
                        where c.clientId = f.clientId and f.userId = ?1 and f.revokedAt is null
                          and exists (select 1 from RefreshTokenEntity r
                                      where r.familyId = f.id and r.rotatedAt is null and r.expiresAt > ?2)
                          and not exists (select 1 from ConsentEntity k where k.id.userId = ?1 and k.id.clientId = f.clientId)
                        order by f.clientId, f.createdAt""", Object[].class)
                .setParameter(1, userId).setParameter(2, now).getResultList();
        Map<String, LiveGrant> byClient = new LinkedHashMap<>();
        for (Object[] r : rows) {
            String clientId = (String) r[0];
            Instant at = (Instant) r[3];
            LiveGrant seen = byClient.get(clientId);
            TreeSet<String> scopes = new TreeSet<>(seen == null ? List.of() : seen.scopes());
            scopes.addAll(List.of(((String) r[2]).split(" ")));
            byClient.put(clientId, new LiveGrant(clientId, (String) r[1], List.copyOf(scopes),
                    seen == null ? at : seen.firstAt(), at));
        }
        return List.copyOf(byClient.values());
    }

    /**
     * The user an access token is about, read from the database so that a revocation counts at once on every
     * instance: empty when the user is gone, the token's grant revoked or the token itself revoked.
     *
     * @param grantId the token's grant, or null for a token without one
     */
    public Optional<UserEntity> liveSubject(UUID userId, UUID grantId, String jti) {
        return getEntityManager().createQuery("""
                        select u from UserEntity u where u.id = ?1
                          and not exists (select 1 from GrantFamilyEntity f where f.id = ?2 and f.revokedAt is not null)
                          and not exists (select 1 from RevokedAccessTokenEntity r where r.jti = ?3)""", UserEntity.class)
                .setParameter(1, userId).setParameter(2, grantId).setParameter(3, jti)
                .getResultStream().findFirst();
    }

    /** Remembered until it would have expired; revoking it twice is revoking it once. */
    public void revokeAccessToken(String jti, Instant expiresAt) {
        getEntityManager().createQuery("""
                        insert into RevokedAccessTokenEntity (jti, expiresAt) values (?1, ?2) on conflict do nothing""")
                .setParameter(1, jti).setParameter(2, expiresAt).executeUpdate();
    }
}
