package dev.latchkey.flow;

import dev.latchkey.jobs.AuditEvent;
import dev.latchkey.jobs.AuditEvent.Type;
import dev.latchkey.jobs.AuditLog;

import dev.latchkey.config.LatchkeyConfig;
import dev.latchkey.policy.AuthorizeDecision;
import dev.latchkey.policy.AuthorizeDecision.Accepted;
import dev.latchkey.policy.AuthorizePolicy;
import dev.latchkey.policy.AuthorizeRequest;
import dev.latchkey.policy.ClientView;
import dev.latchkey.policy.AuthorizeReason;
import dev.latchkey.policy.Parameters;
import dev.latchkey.policy.PushedRequestPolicy;
import dev.latchkey.policy.Refusal;
import dev.latchkey.policy.ResourcePolicy;
import dev.latchkey.policy.ResourceView;
import dev.latchkey.policy.Scopes;
import dev.latchkey.store.AuthorizationCodeEntity;
import dev.latchkey.store.AuthorizationCodeRepository;
import dev.latchkey.store.ConsentRepository;
import dev.latchkey.store.LoginSessionRepository.Login;
import dev.latchkey.store.PushedRequestEntity;
import dev.latchkey.store.PushedRequestRepository;
import dev.latchkey.store.ScopeRepository;
import dev.latchkey.token.OpaqueTokens;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.BiFunction;

/**
 * The authorization endpoint's work: check the request (policy), find the browser's login, and once the
 * user has consented, issue the code. Every step re-checks the whole request: a form post carries the
 * original parameters and gets no more trust than the first GET did.
 */
@ApplicationScoped
public class AuthorizeFlow {

    /** What the browser sees next. */
    public sealed interface Step {
        /** The request is invalid: an error page, or an error redirect when {@code redirectUri} is set. */
        record Refused(AuthorizeDecision.Refused decision) implements Step {
        }

        /** Nobody is logged in in this browser. */
        record Login(Accepted request) implements Step {
        }

        /**
         * The user must allow or deny these scopes for this client.
         *
         * @param offerRemember whether to ask if the answer may be remembered (public clients only)
         * @param resources     the resources asked for (RFC 8707), as "name (URI)"
         */
        record Consent(Accepted request, List<ScopeLine> scopes, boolean offerRemember, List<String> resources)
                implements Step {
        }

        /** Done: the code was issued. */
        record Issued(Accepted request, String code) implements Step {
        }
    }

    public record ScopeLine(String name, String description) {
    }

    /** Outcome of a login form. */
    public sealed interface LoginResult {
        record Refused(AuthorizeDecision.Refused decision) implements LoginResult {
        }

        record Throttled(Duration retryAfter) implements LoginResult {
        }

        /** {@code request} is the (still valid) authorization request, for showing the form again. */
        record WrongCredentials(Accepted request) implements LoginResult {
        }

        /** {@code sessionToken} is the new cookie value (a fresh one: no session fixation). */
        record LoggedIn(String sessionToken) implements LoginResult {
        }
    }

    private final ClientLookup clients;
    private final ScopeRepository scopes;
    private final ScopeLookup scopeLookup;
    private final ResourceLookup resources;
    private final Logins logins;
    private final ConsentRepository consents;
    private final AuthorizationCodeRepository codes;
    private final AuditLog audit;
    private final LatchkeyConfig config;
    private final Clock clock;
    private final PushedRequestRepository pushedRequests;

    public AuthorizeFlow(ClientLookup clients, ScopeRepository scopes, ScopeLookup scopeLookup,
                         ResourceLookup resources, Logins logins, ConsentRepository consents,
                         AuthorizationCodeRepository codes, AuditLog audit, LatchkeyConfig config, Clock clock,
                         PushedRequestRepository pushedRequests) {
        this.pushedRequests = pushedRequests;
        this.clients = clients;
        this.scopes = scopes;
        this.scopeLookup = scopeLookup;
        this.resources = resources;
        this.logins = logins;
        this.consents = consents;
        this.codes = codes;
        this.audit = audit;
        this.config = config;
        this.clock = clock;
    }

    /**
     * A GET (or form POST) of the authorization request: the request's checks, then whether the user must log
     * in or consent (or, with {@code prompt=none}, a refusal instead), else the code.
     */
    @Transactional
    public Step begin(AuthorizeRequest request, String sessionToken) {
        AuthorizeDecision decision = decide(request);
        if (decision instanceof AuthorizeDecision.Refused refused) {
            return new Step.Refused(refused);
        }
        Accepted accepted = (Accepted) decision;
        Optional<Login> login = loginOf(sessionToken);
        try {
            boolean covered = login.isPresent() && consentCovers(accepted, login.get().userId());
            return switch (accepted.openId().interaction(login.map(Login::authTime).orElse(null), covered,
                    clock.instant())) {
                case LOGIN -> new Step.Login(accepted);
                case CONSENT -> consentStep(accepted);
                case NONE -> new Step.Issued(accepted, issue(accepted, login.get()));
            };
        } catch (Refusal refusal) {
            return new Step.Refused(new AuthorizeDecision.Refused(refusal, accepted.redirectUri(), accepted.state()));
        }
    }

    /**
     * A remembered consent covers the request when it has every scope: always for a confidential client, and
     * for a public one (which anyone can impersonate, RFC 6749 §10.2) only when the user chose to be remembered.
     */
    private boolean consentCovers(Accepted accepted, UUID user) {
        if (accepted.client().clientId().equals(ConsoleFlow.CLIENT_ID)) {
            return true; // the server's own console: first-party, nothing to consent to
        }
        ConsentRepository.Given given = consents.given(user, accepted.client().clientId(),
                clock.instant().minus(config.consent().lifetime()));
        return given.scopes().containsAll(accepted.scopes())
                && (accepted.client().isConfidential() || given.remembered());
    }

    private Step consentStep(Accepted accepted) {
        Map<String, ResourceView> known = accepted.resources().isEmpty() ? Map.of() : resources.all();
        List<String> named = accepted.resources().stream()
                .map(uri -> known.containsKey(uri) ? known.get(uri).name() + " (" + uri + ")" : uri).toList();
        return new Step.Consent(accepted, describe(accepted.scopes()), !accepted.client().isConfidential(), named);
    }

    /** The login form. The password check runs outside any transaction. */
    public LoginResult login(AuthorizeRequest request, String username, String password, String address) {
        AuthorizeDecision decision = check(request);
        if (decision instanceof AuthorizeDecision.Refused refused) {
            return new LoginResult.Refused(refused);
        }
        Accepted accepted = (Accepted) decision;
        Logins.SignIn signIn = logins.signIn(accepted.client().clientId(), username, password, address);
        if (signIn instanceof Logins.SignIn.Throttled throttled) {
            return new LoginResult.Throttled(throttled.retryAfter());
        }
        if (signIn instanceof Logins.SignIn.SignedIn in) {
            if (accepted.requestUri() != null) {
                signedInFor(accepted.requestUri());
            }
            return new LoginResult.LoggedIn(in.sessionToken());
        }
        return new LoginResult.WrongCredentials(accepted);
    }

    /** A pushed request's prompt=login and max_age are satisfied by the sign-in that just happened. */
    @Transactional
    void signedInFor(String requestUri) {
        pushedRequests.live(OpaqueTokens.hash(requestUri), clock.instant())
                .ifPresent(row -> row.setParameters(PushedRequestPolicy.afterLogin(row.stored().parameters())));
    }

    /**
     * The consent form: allow issues the code, deny sends access_denied.
     *
     * @param remember whether a public client's user chose not to be asked again (confidential: always)
     */
    @Transactional
    public Step consent(AuthorizeRequest request, String sessionToken, boolean allow, boolean remember,
                        String address) {
        return forLoggedInUser(request, sessionToken, (accepted, login) -> {
            UUID user = login.userId();
            String clientId = accepted.client().clientId();
            String scopes = Scopes.format(accepted.scopes());
            if (!allow) {
                consumePushed(accepted);
                audit.record(AuditEvent.of(Type.CONSENT_DENIED).actor(user.toString()).client(clientId)
                        .subject(user.toString()).address(address).detail(scopes));
                return new Step.Refused(new AuthorizeDecision.Refused(new Refusal(AuthorizeReason.USER_DENIED),
                        accepted.redirectUri(), accepted.state()));
            }
            consents.grant(user, clientId, accepted.scopes(), accepted.client().isConfidential() || remember,
                    clock.instant());
            audit.record(AuditEvent.of(Type.CONSENT_GIVEN).actor(user.toString()).client(clientId).subject(user.toString())
                    .address(address).detail(scopes));
            return new Step.Issued(accepted, issue(accepted, login));
        });
    }

    /** The request's checks, then the browser's login: {@code next} runs only for a valid request and a user. */
    private Step forLoggedInUser(AuthorizeRequest request, String sessionToken, BiFunction<Accepted, Login, Step> next) {
        AuthorizeDecision decision = decide(request);
        if (decision instanceof AuthorizeDecision.Refused refused) {
            return new Step.Refused(refused);
        }
        Accepted accepted = (Accepted) decision;
        Optional<Login> login = loginOf(sessionToken);
        return login.isEmpty() ? new Step.Login(accepted) : next.apply(accepted, login.get());
    }

    public AuthorizeDecision check(AuthorizeRequest request) {
        return decide(request);
    }

    /** The checks of a request being pushed (RFC 9126 §2.1) by {@code client}, which has authenticated. */
    public AuthorizeDecision checkPushing(AuthorizeRequest request, ClientView client) {
        return AuthorizePolicy.check(request, client, existingScopes(request), resourcesFor(request), true, false);
    }

    /** A request_uri names a pushed request (RFC 9126 §4), read again at each step; else the request is as sent. */
    private AuthorizeDecision decide(AuthorizeRequest request) {
        String clientId = request.clientId();
        ClientView client = clientId == null ? null : clients.find(clientId).orElse(null);
        if (request.params().has(AuthorizeRequest.REQUEST_URI)) {
            String uri = request.requestUri();
            PushedRequestPolicy.Stored stored = uri == null ? null : pushedRequests.live(OpaqueTokens.hash(uri),
                    clock.instant()).map(PushedRequestEntity::stored).orElse(null);
            AuthorizeRequest pushed = new AuthorizeRequest(stored == null ? Parameters.of(Map.of()) : stored.parameters());
            return PushedRequestPolicy.resolve(request, client, stored, existingScopes(pushed), resourcesFor(pushed));
        }
        // the console's own sign-in is first-party and carries nothing to protect: the server-wide switch spares it
        return AuthorizePolicy.check(request, client, existingScopes(request), resourcesFor(request), false,
                config.par().required() && !ConsoleFlow.CLIENT_ID.equals(clientId));
    }

    private Set<String> existingScopes(AuthorizeRequest request) {
        String scope = request.params().get(AuthorizeRequest.SCOPE);
        return scope == null ? Set.of() : Scopes.parse(scope).map(scopeLookup::existing).orElse(Set.of());
    }

    private Map<String, ResourceView> resourcesFor(AuthorizeRequest request) {
        return request.resources().isEmpty() ? Map.of() : resources.all();
    }

    /** A pushed request is used once (RFC 9126 §4): when its code is issued or the user declines. */
    private void consumePushed(Accepted accepted) {
        if (accepted.requestUri() != null && !pushedRequests.consume(OpaqueTokens.hash(accepted.requestUri()))) {
            throw new Refusal(AuthorizeReason.REQUEST_URI_UNKNOWN); // another request used it at the same moment
        }
    }

    private Optional<Login> loginOf(String sessionToken) {
        return logins.loginOf(sessionToken);
    }

    private String issue(Accepted accepted, Login login) {
        consumePushed(accepted);
        UUID userId = login.userId();
        String code = OpaqueTokens.newToken();
        Instant now = clock.instant();
        AuthorizationCodeEntity stored = new AuthorizationCodeEntity();
        stored.codeHash = OpaqueTokens.hash(code);
        stored.clientId = accepted.client().clientId();
        stored.userId = userId;
        stored.redirectUri = accepted.redirectUriSent();
        stored.scopes = Scopes.format(accepted.scopes());
        stored.codeChallenge = accepted.codeChallenge();
        stored.nonce = accepted.openId().nonce();
        stored.resources = ResourcePolicy.format(accepted.resources());
        stored.authTime = login.authTime();
        stored.createdAt = now;
        stored.expiresAt = now.plus(config.code().lifetime());
        codes.persist(stored);
        audit.record(AuditEvent.of(Type.CODE_ISSUED).actor(userId.toString()).client(accepted.client().clientId())
                .subject(userId.toString()).detail(Scopes.format(accepted.scopes())));
        return code;
    }

    private List<ScopeLine> describe(Set<String> names) {
        return describe(names, scopes.descriptions(names));
    }

    /** The scopes as the consent page lists them: by name, each with its description. */
    static List<ScopeLine> describe(Set<String> names, Map<String, String> descriptions) {
        return names.stream()
                .map(name -> new ScopeLine(name, descriptions.getOrDefault(name, "")))
                .sorted(Comparator.comparing(ScopeLine::name))
                .toList();
    }
}
