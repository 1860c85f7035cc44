package dev.latchkey.store;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

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

    private final EntityManager em;

    public SigningKeyRepository(EntityManager em) {
        this.em = em;
    }

    public void lock() {
        em.createNativeQuery("select pg_advisory_xact_lock(?1)").setParameter(1, LOCK).getSingleResult();
    }

    /** The active key and those retired after {@code retiredAfter}, newest first. */
    public List<Row> published(Instant retiredAfter) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                        select kid, algorithm, public_jwk, private_key, created_at, retired_at from signing_key
                        where retired_at is null or retired_at > ?1 order by created_at desc""")
                .setParameter(1, retiredAfter).getResultList();
        return rows.stream().map(r -> new Row((String) r[0], (String) r[1], (String) r[2], (byte[]) r[3],
                Rows.instant(r[4]), Rows.instant(r[5]))).toList();
    }

    public boolean hasActive() {
        return ((Number) em.createNativeQuery("select count(*) from signing_key where retired_at is null")
                .getSingleResult()).longValue() > 0;
    }

    public void retireActive(Instant now) {
        em.createNativeQuery("update signing_key set retired_at = ?1 where retired_at is null")
                .setParameter(1, now).executeUpdate();
    }

    public void insert(String kid, String algorithm, String publicJwk, byte[] privateKey, Instant now) {
        em.createNativeQuery("""
                        insert into signing_key (kid, algorithm, public_jwk, private_key, created_at)
                        values (?1, ?2, ?3, ?4, ?5)""")
                .setParameter(1, kid).setParameter(2, algorithm).setParameter(3, publicJwk)
                .setParameter(4, privateKey).setParameter(5, now).executeUpdate();
    }
}
