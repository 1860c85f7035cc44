package dev.latchkey.store;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

/** Authorization codes, keyed by the SHA-256 of the code; redeemed by {@link GrantRepository#redeemCode}. */
@ApplicationScoped
public class AuthorizationCodeRepository implements PanacheRepositoryBase<AuthorizationCodeEntity, byte[]> {
}
