package dev.latchkey.flow.oidc;

import dev.latchkey.flow.ClientLookup;
import dev.latchkey.flow.SigningKeyFlow;
import dev.latchkey.jobs.AuditEvent;
import dev.latchkey.jobs.AuditLog;
import dev.latchkey.policy.ClientView;
import dev.latchkey.policy.InvalidInput;
import dev.latchkey.policy.LogoutPolicy;
import dev.latchkey.policy.Parameters;
import dev.latchkey.store.LoginSessionRepository;
import dev.latchkey.token.IdTokens;
import dev.latchkey.token.OpaqueTokens;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.util.Optional;
import java.util.UUID;

/**
 * RP-initiated logout (OpenID Connect RP-Initiated Logout 1.0): checks the request ({@link LogoutPolicy}),
 * asks the user when the request does not prove it comes from their app, ends the browser's session, and
 * says where the browser goes next.
 */
@ApplicationScoped
public class LogoutFlow {

    public sealed interface Outcome {
        /** The session is over; {@code redirectUri} (with {@code state}) or, when null, a signed-out page. */
        record SignedOut(String redirectUri, String state, String clientName) implements Outcome {
        }

        /** Ask the signed-in user before signing them out. */
        record Confirm(String clientName) implements Outcome {
        }

        /** Not done, and not redirected: an error page (400) naming the problem. */
        record Refused(String description) implements Outcome {
        }
    }

    private final IdTokens idTokens;
    private final SigningKeyFlow keys;
    private final ClientLookup clients;
    private final LoginSessionRepository sessions;
    private final AuditLog audit;
    private final Clock clock;

    public LogoutFlow(IdTokens idTokens, SigningKeyFlow keys, ClientLookup clients, LoginSessionRepository sessions,
                      AuditLog audit, Clock clock) {
        this.idTokens = idTokens;
        this.keys = keys;
        this.clients = clients;
        this.sessions = sessions;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * @param sessionToken the browser's session cookie, or null
     * @param confirmed    whether the user confirmed on the form this server showed (its CSRF token checked)
     */
    @Transactional
    public Outcome logout(Parameters p, String sessionToken, boolean confirmed, String address) {
        try {
            String hint = p.repeated(LogoutPolicy.ID_TOKEN_HINT) ? null : p.get(LogoutPolicy.ID_TOKEN_HINT);
            Optional<IdTokens.Hint> verified = hint == null ? Optional.empty()
                    : idTokens.readHint(hint, keys::reloadForUnknownKid);
            if (hint != null && verified.isEmpty()) {
                throw new InvalidInput("id_token_hint is not an id_token this server issued");
            }
            String clientId = LogoutPolicy.clientId(p, verified.map(IdTokens.Hint::audience).orElse(null));
            ClientView client = clientId == null ? null : clients.find(clientId).orElse(null);
            if (clientId != null && client == null && p.has(LogoutPolicy.POST_LOGOUT_REDIRECT_URI)) {
                throw new InvalidInput("client_id does not name a registered client");
            }
            String redirect = LogoutPolicy.redirect(p, client);
            String clientName = client == null ? null : client.name();
            byte[] session = sessionToken == null ? null : OpaqueTokens.hash(sessionToken);
            UUID user = session == null ? null
                    : sessions.loginOf(session, clock.instant()).map(LoginSessionRepository.Login::userId).orElse(null);
            if (!confirmed && LogoutPolicy.needsConfirmation(verified.map(IdTokens.Hint::subject).orElse(null), user)) {
                return new Outcome.Confirm(clientName);
            }
            if (user != null) {
                sessions.end(session);
                audit.record(AuditEvent.of(AuditEvent.Type.LOGOUT).actor(user.toString()).subject(user.toString())
                        .client(clientId).address(address)
                        .detail(redirect == null ? "signed-out page" : "redirected to " + redirect));
            }
            return new Outcome.SignedOut(redirect, p.get(LogoutPolicy.STATE), clientName);
        } catch (InvalidInput problem) {
            return new Outcome.Refused(problem.getMessage());
        }
    }
}
