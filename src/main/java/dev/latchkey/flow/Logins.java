package dev.latchkey.flow;

import dev.latchkey.config.LatchkeyConfig;
import dev.latchkey.jobs.AuditEvent;
import dev.latchkey.jobs.AuditEvent.Type;
import dev.latchkey.jobs.AuditLog;
import dev.latchkey.policy.UserRules;
import dev.latchkey.store.LoginSessionEntity;
import dev.latchkey.store.LoginSessionRepository;
import dev.latchkey.store.LoginSessionRepository.Login;
import dev.latchkey.store.UserEntity;
import dev.latchkey.store.UserRepository;
import dev.latchkey.token.OpaqueTokens;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * A user signing in on the login page, for whichever page asked (an authorization request, a device's code):
 * throttled per address and per username, the password checked outside any transaction, audited, and a login
 * session started.
 */
@ApplicationScoped
public class Logins {

    /** How a sign-in ended. */
    public sealed interface SignIn {
        record Throttled(Duration retryAfter) implements SignIn {
        }

        record WrongCredentials() implements SignIn {
        }

        record SignedIn(String sessionToken) implements SignIn {
        }
    }

    private final UserRepository users;
    private final LoginSessionRepository sessions;
    private final PasswordHasher passwords;
    private final Throttle throttle;
    private final AuditLog audit;
    private final LatchkeyConfig config;
    private final Clock clock;

    public Logins(UserRepository users, LoginSessionRepository sessions, PasswordHasher passwords, Throttle throttle,
                  AuditLog audit, LatchkeyConfig config, Clock clock) {
        this.users = users;
        this.sessions = sessions;
        this.passwords = passwords;
        this.throttle = throttle;
        this.audit = audit;
        this.config = config;
        this.clock = clock;
    }

    /** @param clientId the client the login is for, for the audit trail */
    public SignIn signIn(String clientId, String username, String password, String address) {
        var login = config.login();
        // Every attempt is counted before the slow work it guards, and decided in the same step: per address,
        // then per username from this address. A stranger's failures slow down the stranger, never the
        // user's own logins from elsewhere.
        String addressKey = Throttle.key("login-addr", address);
        Optional<Duration> wait = throttle.attempt(addressKey, login.maxFailuresPerAddress(), login.throttleWindow());
        if (wait.isEmpty() && UserRules.isValidUsername(username)) {
            wait = throttle.attempt(Throttle.key("login-user", username, address), login.maxFailuresPerUsername(),
                    login.throttleWindow());
        }
        if (wait.isPresent()) {
            audit.record(AuditEvent.of(Type.LOGIN_THROTTLED).actor(username).client(clientId).address(address));
            return new SignIn.Throttled(wait.get());
        }
        if (!UserRules.isValidUsername(username)) {
            // no user can have this name: refused before any slow work, counted against the address
            audit.record(AuditEvent.of(Type.LOGIN_FAILED).actor(username).client(clientId).address(address)
                    .detail("not a valid username"));
            return new SignIn.WrongCredentials();
        }
        Optional<UserEntity> user = users.findByUsername(username);
        // same bcrypt cost whether or not the user exists: the answer time tells nothing
        boolean ok = passwords.verify(password, user.map(u -> u.passwordHash).orElse(null));
        if (!ok) {
            audit.record(AuditEvent.of(Type.LOGIN_FAILED).actor(username).client(clientId).address(address)
                    .detail(user.isPresent() ? "wrong password" : "no such user"));
            return new SignIn.WrongCredentials();
        }
        throttle.reset(Throttle.key("login-user", username, address));
        throttle.forgive(addressKey);
        audit.record(AuditEvent.of(Type.LOGIN_SUCCEEDED).actor(username).client(clientId)
                .subject(user.get().id.toString()).address(address));
        return new SignIn.SignedIn(startSession(user.get().id));
    }

    /** The browser's live login, if its session cookie names one. */
    public Optional<Login> loginOf(String sessionToken) {
        return sessionToken == null ? Optional.empty()
                : sessions.loginOf(OpaqueTokens.hash(sessionToken), clock.instant());
    }

    @Transactional
    String startSession(UUID userId) {
        String token = OpaqueTokens.newToken();
        Instant now = clock.instant();
        LoginSessionEntity session = new LoginSessionEntity();
        session.idHash = OpaqueTokens.hash(token);
        session.userId = userId;
        session.createdAt = now;
        session.expiresAt = now.plus(config.session().lifetime());
        sessions.persist(session);
        return token;
    }
}
