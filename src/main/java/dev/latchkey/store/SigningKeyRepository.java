package dev.latchkey.store;

import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.List;

/** Signing keys in PostgreSQL, so that every instance signs with and publishes the same keys. */
@ApplicationScoped
public class SigningKeyRepository {
    public record Row(String kid, String algorithm, String publicJwk, byte[] privateKey, Instant createdAt,
                      Instant retiredAt) {
    }

    /** Serialises key creation and rotation across instances (transaction-scoped advisory lock). */
    private static final long LOCK = 0x4c4b_5349_474eL;

    private final Sql sql;

    public SigningKeyRepository(Sql sql) {
        this.sql = sql;
    }

    public void lock() {
        sql.list("select pg_advisory_xact_lock(?)", rs -> 1, LOCK);
    }

    /** The active key and those retired after {@code retiredAfter}, newest first. */
    public List<Row> published(Instant retiredAfter) {
        return sql.list("""
                        select kid, algorithm, public_jwk, private_key, created_at, retired_at from signing_key
                        where retired_at is null or retired_at > ? order by created_at desc""",
                rs -> new Row(rs.getString(1), rs.getString(2), rs.getString(3), rs.getBytes(4), Sql.instant(rs, 5),
                        Sql.instant(rs, 6)), retiredAfter);
    }

    public boolean hasActive() {
        return sql.first("select 1 from signing_key where retired_at is null", rs -> 1).isPresent();
    }

    public void retireActive(Instant now) {
        sql.update("update signing_key set retired_at = ? where retired_at is null", now);
    }

    public void insert(String kid, String algorithm, String publicJwk, byte[] privateKey, Instant now) {
        sql.update("insert into signing_key (kid, algorithm, public_jwk, private_key, created_at) values (?, ?, ?, ?, ?)",
                kid, algorithm, publicJwk, privateKey, now);
    }
}
