package dev.latchkey.store;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.List;

/** Initial access tokens for dynamic registration. */
@ApplicationScoped
public class RegistrationTokenRepository implements PanacheRepositoryBase<RegistrationTokenEntity, String> {

    /**
     * Counts one use of the token if it is live and not used up: one conditional update, so concurrent
     * registrations never use it more than {@code max_uses} times.
     *
     * @return whether the token was good for this use
     */
    public boolean use(byte[] tokenHash, Instant now) {
        return update("uses = uses + 1 where tokenHash = ?1 and uses < maxUses and expiresAt > ?2", tokenHash, now) == 1;
    }

    public List<RegistrationTokenEntity> page(String after, int limit) {
        return find("id > ?1", Sort.by("id"), after == null ? "" : after).range(0, limit).list();
    }
}
