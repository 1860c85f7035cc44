package dev.latchkey.flow;

import dev.latchkey.config.LatchkeyConfig;
import dev.latchkey.policy.ClientType;
import dev.latchkey.policy.CodeGrantPolicy;
import dev.latchkey.policy.Parameters;
import dev.latchkey.policy.Pkce;
import dev.latchkey.policy.Refusal;
import dev.latchkey.policy.TokenRequest;
import dev.latchkey.store.ClientEntity;
import dev.latchkey.store.ClientRepository;
import dev.latchkey.store.ConsoleSessionEntity;
import dev.latchkey.store.ConsoleSessionRepository;
import dev.latchkey.store.StoreException;
import dev.latchkey.store.UserEntity;
import dev.latchkey.token.OpaqueTokens;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The admin console's sign-in: it is a built-in public client of this server, signing its users in with the
 * authorization code flow and PKCE through the server's own authorization and token endpoints (the flows
 * behind them), and letting in only users with the {@code admin} role, checked on every request.
 */
@ApplicationScoped
public class ConsoleFlow {
    /** The built-in client's id: server-made ids are random, so no other client can have it. */
    public static final String CLIENT_ID = "latchkey-console";
    public static final String ADMIN = "admin";
    static final String SCOPE = "openid";

    /** What the browser needs to start signing in: keep state and verifier, go to the URL. */
    public record SignIn(String state, String verifier, String authorizeUrl) {
    }

    /** A signed-in administrator. */
    public record Admin(UUID userId, String username) {
    }

    /** How a sign-in ended. */
    public sealed interface Completed {
        record SignedIn(String sessionToken, String username) implements Completed {
        }

        /** The user signed in, but may not use the console. */
        record NotAdmin(String username) implements Completed {
        }

        /** The code could not be exchanged: it says why. */
        record Failed(String why) implements Completed {
        }
    }

    private final ClientRepository clients;
    private final ConsoleSessionRepository sessions;
    private final TokenFlow tokens;
    private final Event<ClientLookup.ClientChanged> changed;
    private final LatchkeyConfig config;
    private final Clock clock;

    public ConsoleFlow(ClientRepository clients, ConsoleSessionRepository sessions, TokenFlow tokens,
                       Event<ClientLookup.ClientChanged> changed, LatchkeyConfig config, Clock clock) {
        this.clients = clients;
        this.sessions = sessions;
        this.tokens = tokens;
        this.changed = changed;
        this.config = config;
        this.clock = clock;
    }

    /**
     * The built-in client exists with the console's redirect URI (at start; several instances may start at once).
     *
     * @param redirectUri where the authorization endpoint sends the console's codes
     */
    public void ensureClient(String redirectUri, String signedOutUri) {
        try {
            QuarkusTransaction.requiringNew().run(() -> ensure(redirectUri, signedOutUri));
        } catch (RuntimeException e) {
            if (StoreException.from(e) == null) {
                throw e;
            }
            // another instance made it meanwhile
            QuarkusTransaction.requiringNew().run(() -> ensure(redirectUri, signedOutUri));
        }
    }

    private void ensure(String redirectUri, String signedOutUri) {
        ClientEntity client = clients.findForUpdate(CLIENT_ID).orElse(null);
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        if (client == null) {
            client = new ClientEntity();
            client.clientId = CLIENT_ID;
            client.name = "Latchkey console (built in)";
            client.clientType = ClientType.PUBLIC.wireName();
            client.tokenEndpointAuthMethod = "none";
            client.requirePkce = true;
            client.enabled = true;
            client.createdAt = now;
            client.updatedAt = now;
            client.setLists(List.of(redirectUri), List.of(signedOutUri), Set.of(SCOPE), Set.of(SCOPE),
                    Set.of(CodeGrantPolicy.GRANT_TYPE), Set.of());
            clients.insert(client);
        } else if (!client.redirectUris.equals(List.of(redirectUri))
                || !client.postLogoutRedirectUris.equals(List.of(signedOutUri)) || !client.enabled) {
            client.redirectUris = new java.util.ArrayList<>(List.of(redirectUri));
            client.postLogoutRedirectUris = new java.util.ArrayList<>(List.of(signedOutUri));
            client.enabled = true;
            client.updatedAt = now;
            clients.flushChanges();
            changed.fire(new ClientLookup.ClientChanged(CLIENT_ID));
        }
    }

    /** The authorization request (RFC 6749 §4.1.1 with PKCE) that signs a browser in to the console. */
    public SignIn begin(String authorizeEndpoint, String redirectUri) {
        String state = OpaqueTokens.newToken();
        String verifier = OpaqueTokens.newToken();
        Map<String, String> query = new LinkedHashMap<>();
        query.put("client_id", CLIENT_ID);
        query.put("response_type", "code");
        query.put("redirect_uri", redirectUri);
        query.put("scope", SCOPE);
        query.put("state", state);
        query.put("code_challenge", Pkce.challenge(verifier));
        query.put("code_challenge_method", Pkce.S256);
        return new SignIn(state, verifier, url(authorizeEndpoint, query));
    }

    private static String url(String endpoint, Map<String, String> query) {
        StringBuilder url = new StringBuilder(endpoint).append('?');
        query.forEach((k, v) -> url.append(k).append('=').append(java.net.URLEncoder.encode(v,
                java.nio.charset.StandardCharsets.UTF_8)).append('&'));
        return url.substring(0, url.length() - 1);
    }

    /** Redeems the code at the token endpoint's flow, then lets in only an administrator. */
    public Completed complete(String code, String verifier, String redirectUri, String address) {
        TokenFlow.Tokens issued;
        try {
            issued = tokens.token(new TokenRequest(Parameters.single(Map.of("grant_type", CodeGrantPolicy.GRANT_TYPE,
                    "code", code, "redirect_uri", redirectUri, "code_verifier", verifier, "client_id", CLIENT_ID)),
                    null), address);
        } catch (Refusal refusal) {
            return new Completed.Failed(refusal.description());
        }
        UUID userId = UUID.fromString(issued.subject()); // a code's tokens are about its user
        return QuarkusTransaction.requiringNew().call(() -> {
            UserEntity user = sessions.getEntityManager().find(UserEntity.class, userId);
            if (user == null || !isAdmin(user)) {
                return new Completed.NotAdmin(user == null ? userId.toString() : user.username);
            }
            String token = OpaqueTokens.newToken();
            ConsoleSessionEntity session = new ConsoleSessionEntity();
            session.idHash = OpaqueTokens.hash(token);
            session.userId = userId;
            session.createdAt = clock.instant();
            session.expiresAt = session.createdAt.plus(config.console().sessionLifetime());
            session.idToken = (String) issued.members().get("id_token");
            sessions.persist(session);
            return new Completed.SignedIn(token, user.username);
        });
    }

    /** The administrator of a live session: empty when there is none, or the user lost the role since. */
    public Optional<Admin> admin(String sessionToken) {
        if (sessionToken == null) {
            return Optional.empty();
        }
        return sessions.userOf(OpaqueTokens.hash(sessionToken), clock.instant()).filter(ConsoleFlow::isAdmin)
                .map(u -> new Admin(u.id, u.username));
    }

    /**
     * Ends the console session; the login session is the end-session endpoint's to end.
     *
     * @return the URL of the end-session endpoint (OpenID Connect RP-Initiated Logout 1.0 §2) that ends the
     * browser's login session too and comes back to {@code signedOutUri}
     */
    @Transactional
    public String signOut(String sessionToken, String endSessionEndpoint, String signedOutUri) {
        Map<String, String> query = new LinkedHashMap<>();
        if (sessionToken != null) {
            sessions.end(OpaqueTokens.hash(sessionToken)).ifPresent(hint -> query.put("id_token_hint", hint));
        }
        query.put("client_id", CLIENT_ID);
        query.put("post_logout_redirect_uri", signedOutUri);
        return url(endSessionEndpoint, query);
    }

    /** Whether some user may sign in to the console. */
    public boolean anyAdmin() {
        Boolean any = QuarkusTransaction.requiringNew().call(() -> (Boolean) sessions.getEntityManager()
                .createNativeQuery("select exists (select 1 from app_user where 'admin' = any(roles))")
                .getSingleResult());
        return Boolean.TRUE.equals(any);
    }

    public long sessionSeconds() {
        return config.console().sessionLifetime().getSeconds();
    }

    private static boolean isAdmin(UserEntity user) {
        return Arrays.asList(user.roles).contains(ADMIN);
    }
}
