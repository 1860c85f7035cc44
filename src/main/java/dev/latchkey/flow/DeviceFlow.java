package dev.latchkey.flow;

import dev.latchkey.config.Issuer;
import dev.latchkey.config.LatchkeyConfig;
import dev.latchkey.http.Paths;
import dev.latchkey.jobs.AuditEvent;
import dev.latchkey.jobs.AuditEvent.Type;
import dev.latchkey.jobs.AuditLog;
import dev.latchkey.policy.ClientView;
import dev.latchkey.policy.DevicePolicy;
import dev.latchkey.policy.Scopes;
import dev.latchkey.policy.TokenRequest;
import dev.latchkey.store.ConsentRepository;
import dev.latchkey.store.DeviceAuthorizationEntity;
import dev.latchkey.store.DeviceAuthorizationRepository;
import dev.latchkey.store.LoginSessionRepository.Login;
import dev.latchkey.store.ScopeRepository;
import dev.latchkey.store.StoreException;
import dev.latchkey.token.OpaqueTokens;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The device authorization grant's user side (RFC 8628 §3.1 to §3.3): a device asks for a pair of codes, the user
 * types the user code at {@code /oauth2/device}, signs in on the login page and approves on a consent page; the
 * device's polling is {@link dev.latchkey.flow.grant.DeviceCodeGrant}'s. Wrong user codes are counted per address
 * (34 bits of code cannot be guessed within the throttle's limits).
 */
@ApplicationScoped
public class DeviceFlow {
    private static final SecureRandom RANDOM = new SecureRandom();

    /** RFC 8628 §3.2. */
    public record Authorization(String deviceCode, String userCode, String verificationUri,
                                String verificationUriComplete, long expiresIn, long interval) {
    }

    /** What the user code named, as the consent page shows it. */
    public record Pending(String userCode, ClientView client, List<AuthorizeFlow.ScopeLine> scopes) {
    }

    /** What typing a user code led to. */
    public sealed interface Lookup {
        record Found(Pending pending) implements Lookup {
        }

        record NotFound() implements Lookup {
        }

        record Throttled(Duration retryAfter) implements Lookup {
        }
    }

    private final ClientAuthenticator authenticator;
    private final ClientLookup clients;
    private final DeviceAuthorizationRepository devices;
    private final ScopeRepository scopes;
    private final ConsentRepository consents;
    private final Logins logins;
    private final Throttle throttle;
    private final AuditLog audit;
    private final LatchkeyConfig config;
    private final String verificationUri;
    private final Clock clock;

    public DeviceFlow(ClientAuthenticator authenticator, ClientLookup clients, DeviceAuthorizationRepository devices,
                      ScopeRepository scopes, ConsentRepository consents, Logins logins, Throttle throttle,
                      AuditLog audit, LatchkeyConfig config, Issuer issuer, Clock clock) {
        this.authenticator = authenticator;
        this.clients = clients;
        this.devices = devices;
        this.scopes = scopes;
        this.consents = consents;
        this.logins = logins;
        this.throttle = throttle;
        this.audit = audit;
        this.config = config;
        this.verificationUri = issuer.value() + Paths.DEVICE;
        this.clock = clock;
    }

    /** {@code POST /oauth2/device_authorization}: the client, its scopes, then a fresh pair of codes. */
    public Authorization authorize(TokenRequest request, String address) {
        request.checkNoRepeats(TokenRequest.COMMON);
        ClientView client = authenticator.authenticate(request, address);
        Set<String> granted = DevicePolicy.authorize(request, client);
        String deviceCode = OpaqueTokens.newToken();
        String userCode = store(client, granted, OpaqueTokens.hash(deviceCode));
        audit.record(AuditEvent.of(Type.DEVICE_CODE_ISSUED).actor(client.clientId()).client(client.clientId())
                .address(address).detail(Scopes.format(granted)));
        String shown = DevicePolicy.display(userCode);
        return new Authorization(deviceCode, shown, verificationUri,
                verificationUri + "?user_code=" + URLEncoder.encode(shown, StandardCharsets.UTF_8),
                config.device().lifetime().getSeconds(), config.device().interval().getSeconds());
    }

    /** Stores the authorization under a fresh user code; a code already in use (once in billions) is drawn again. */
    private String store(ClientView client, Set<String> granted, byte[] deviceCodeHash) {
        for (int attempt = 0; ; attempt++) {
            String userCode = DevicePolicy.userCode(RANDOM::nextInt);
            try {
                QuarkusTransaction.requiringNew().run(() -> {
                    Instant now = clock.instant();
                    DeviceAuthorizationEntity row = new DeviceAuthorizationEntity();
                    row.deviceCodeHash = deviceCodeHash;
                    row.userCodeHash = OpaqueTokens.hash(userCode);
                    row.clientId = client.clientId();
                    row.scopes = Scopes.format(granted);
                    row.createdAt = now;
                    row.expiresAt = now.plus(config.device().lifetime());
                    row.intervalSeconds = (int) config.device().interval().getSeconds();
                    devices.persistAndFlush(row);
                });
                return userCode;
            } catch (RuntimeException e) {
                if (attempt >= 2 || StoreException.from(e) == null) {
                    throw e;
                }
            }
        }
    }

    /**
     * The code a person typed at {@code /oauth2/device}. Every attempt is counted against the address before the
     * lookup and taken back when it names a live code, as logins are.
     */
    public Lookup find(String typed, String address) {
        String key = Throttle.key("device-code-addr", address);
        Optional<Duration> wait = throttle.attempt(key, config.device().maxFailuresPerAddress(),
                config.login().throttleWindow());
        if (wait.isPresent()) {
            return new Lookup.Throttled(wait.get());
        }
        Optional<Pending> pending = DevicePolicy.normalize(typed).flatMap(this::pending);
        if (pending.isPresent()) {
            throttle.forgive(key);
            return new Lookup.Found(pending.get());
        }
        audit.record(AuditEvent.of(Type.DEVICE_CODE_FAILED).address(address).detail("no live device code matches"));
        return new Lookup.NotFound();
    }

    private Optional<Pending> pending(String userCode) {
        return QuarkusTransaction.requiringNew().call(() -> devices.pendingByUserCode(OpaqueTokens.hash(userCode),
                clock.instant())).flatMap(row -> clients.find(row.clientId).map(client -> {
                    Set<String> names = Scopes.parse(row.scopes).orElse(Set.of());
                    return new Pending(userCode, client, AuthorizeFlow.describe(names, scopes.descriptions(names)));
                }));
    }

    /** A pending authorization for the consent page, by a user code already accepted once. */
    public Optional<Pending> again(String userCode) {
        return DevicePolicy.normalize(userCode).flatMap(this::pending);
    }

    public Logins.SignIn signIn(Pending pending, String username, String password, String address) {
        return logins.signIn(pending.client().clientId(), username, password, address);
    }

    public Optional<Login> loginOf(String sessionToken) {
        return logins.loginOf(sessionToken);
    }

    /**
     * The user's answer on the consent page, in one transaction with the authorization locked: approved (the
     * device's next poll gets tokens) or declined (the device is told access_denied).
     *
     * @return false when the code is no longer pending (expired, or answered in another tab)
     */
    public boolean answer(String userCode, Login login, boolean allow, String address) {
        Optional<String> code = DevicePolicy.normalize(userCode);
        if (code.isEmpty()) {
            return false;
        }
        return QuarkusTransaction.requiringNew().call(() -> {
            Instant now = clock.instant();
            Optional<DeviceAuthorizationEntity> found = devices.pendingByUserCode(OpaqueTokens.hash(code.get()), now);
            if (found.isEmpty()) {
                return false;
            }
            DeviceAuthorizationEntity row = found.get();
            String user = login.userId().toString();
            if (allow) {
                row.status = DevicePolicy.Status.APPROVED;
                row.userId = login.userId();
                row.authTime = login.authTime();
                ClientView client = clients.find(row.clientId).orElseThrow();
                consents.grant(login.userId(), row.clientId, Scopes.parse(row.scopes).orElse(Set.of()),
                        client.isConfidential(), now);
                audit.record(AuditEvent.of(Type.CONSENT_GIVEN).actor(user).client(row.clientId).subject(user)
                        .address(address).detail("device: " + row.scopes));
            } else {
                row.status = DevicePolicy.Status.DENIED;
                audit.record(AuditEvent.of(Type.CONSENT_DENIED).actor(user).client(row.clientId).subject(user)
                        .address(address).detail("device: " + row.scopes));
            }
            return true;
        });
    }
}
