package dev.latchkey.store;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Resource owners; passwords only as bcrypt hashes. */
@ApplicationScoped
public class UserRepository implements PanacheRepositoryBase<UserEntity, UUID> {

    /** A taken username fails with the {@code app_user_username_key} constraint. */
    public void insert(UserEntity user) {
        StoreException.flushing(() -> persistAndFlush(user));
    }

    public Optional<UserEntity> findByUsername(String username) {
        return find("username", username).firstResultOptional();
    }

    /** One page ordered by username, after {@code after} (exclusive); {@code limit + 1} rows tell if there is more. */
    public List<UserEntity> page(String after, int limit) {
        return find("username > ?1", Sort.by("username"), after == null ? "" : after).range(0, limit).list();
    }

    public Optional<String> username(UUID id) {
        return findByIdOptional(id).map(u -> u.username);
    }
}
