package dev.latchkey.flow;

import dev.latchkey.policy.NotFound;
import dev.latchkey.jobs.Revocations;
import dev.latchkey.policy.Quote;
import dev.latchkey.policy.UserClaims;
import dev.latchkey.policy.UserRules;
import dev.latchkey.store.UserEntity;
import dev.latchkey.store.UserRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.SortedSet;
import java.util.UUID;

@ApplicationScoped
public class UserAdminFlow {
    public record UserView(String username, Instant createdAt, UserClaims claims, List<String> roles) {
    }

    private final UserRepository users;
    private final PasswordHasher passwords;
    private final Event<Revocations.Changed> revoked;

    public UserAdminFlow(UserRepository users, PasswordHasher passwords, Event<Revocations.Changed> revoked) {
        this.users = users;
        this.passwords = passwords;
        this.revoked = revoked;
    }

    public UserView create(String username, String password, UserClaims claims, List<String> roles) {
        UserRules.validateNewUser(username, password);
        claims.validated();
        SortedSet<String> valid = UserRules.validRoles(roles);
        // bcrypt outside the transaction: no connection is held while it runs
        return insert(username, passwords.hash(password), claims, valid);
    }

    @Transactional
    UserView insert(String username, String passwordHash, UserClaims claims, SortedSet<String> roles) {
        UserEntity user = new UserEntity();
        user.id = UUID.randomUUID();
        user.username = username;
        user.passwordHash = passwordHash;
        user.createdAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        apply(user, claims, roles);
        users.insert(user); // a taken username fails here, as a constraint violation the API maps to 400
        return view(user);
    }

    /** Replaces the user's claims and roles, and the password when one is given. */
    public UserView replace(String username, String password, UserClaims claims, List<String> roles) {
        claims.validated();
        SortedSet<String> valid = UserRules.validRoles(roles);
        if (password != null) {
            UserRules.validateNewUser(username, password);
        }
        return update(username, password == null ? null : passwords.hash(password), claims, valid);
    }

    @Transactional
    UserView update(String username, String passwordHash, UserClaims claims, SortedSet<String> roles) {
        UserEntity user = find(username);
        if (passwordHash != null) {
            user.passwordHash = passwordHash;
        }
        apply(user, claims, roles);
        return view(user);
    }

    private static void apply(UserEntity user, UserClaims claims, SortedSet<String> roles) {
        user.roles = roles.toArray(String[]::new);
        user.name = claims.name();
        user.givenName = claims.givenName();
        user.familyName = claims.familyName();
        user.email = claims.email();
        user.emailVerified = claims.emailVerified();
    }

    public UserView get(String username) {
        return view(find(username));
    }

    public Page<UserView> list(String after, int limit) {
        return Page.of(users.page(after, limit), limit, UserAdminFlow::view, UserView::username);
    }

    /** Its grants go with it (cascade); the revocation events tell every instance's introspection. */
    @Transactional
    public void delete(String username) {
        users.delete(find(username));
        revoked.fire(new Revocations.Changed());
    }

    private UserEntity find(String username) {
        return users.findByUsername(username)
                .orElseThrow(() -> new NotFound("no user named " + Quote.of(username)));
    }

    private static UserView view(UserEntity user) {
        return new UserView(user.username, user.createdAt, user.claims(), List.of(user.roles));
    }
}
