package dev.latchkey.flow.oidc;

import dev.latchkey.config.Issuer;
import dev.latchkey.flow.ClientLookup;
import dev.latchkey.flow.DpopFlow;
import dev.latchkey.http.Paths;
import dev.latchkey.flow.SigningKeyFlow;
import dev.latchkey.jobs.Revocations;
import dev.latchkey.policy.ClientView;
import dev.latchkey.policy.DpopPolicy;
import dev.latchkey.policy.DpopReason;
import dev.latchkey.policy.ErrorProfile;
import dev.latchkey.policy.OpenIdSubject;
import dev.latchkey.policy.Refusal;
import dev.latchkey.policy.Scopes;
import dev.latchkey.store.GrantRepository;
import dev.latchkey.store.UserEntity;
import dev.latchkey.token.AccessTokens;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The UserInfo endpoint (OpenID Connect Core §5.3): the claims the access token's scopes release about its
 * user, for a live token of a user grant that includes {@code openid}. Errors per RFC 6750 §3.1.
 */
@ApplicationScoped
public class UserInfoFlow {

    /** What the endpoint answers. */
    public sealed interface Answer {
        record Claims(Map<String, Object> claims) implements Answer {
        }

        /**
         * 401: {@code error} is null when no token was sent (RFC 6750 §3.1), else {@code invalid_token}, or for a
         * DPoP-bound token {@code invalid_dpop_proof} or {@code use_dpop_nonce} (RFC 9449 §7.1); {@code dpop}
         * when the challenge is the DPoP scheme's.
         */
        record Unauthorized(String error, String description, boolean dpop) implements Answer {
        }

        /** 403 {@code insufficient_scope}. */
        record Forbidden(String description) implements Answer {
        }
    }

    static final String INVALID_TOKEN = "invalid_token";

    private final AccessTokens accessTokens;
    private final SigningKeyFlow keys;
    private final Revocations revocations;
    private final ClientLookup clients;
    private final GrantRepository grants;
    private final Clock clock;
    private final DpopFlow dpop;
    private final String userInfoUri;

    public UserInfoFlow(AccessTokens accessTokens, SigningKeyFlow keys, Revocations revocations, ClientLookup clients,
                        GrantRepository grants, Clock clock, DpopFlow dpop, Issuer issuer) {
        this.dpop = dpop;
        this.userInfoUri = issuer.value() + Paths.USERINFO;
        this.accessTokens = accessTokens;
        this.keys = keys;
        this.revocations = revocations;
        this.clients = clients;
        this.grants = grants;
        this.clock = clock;
    }

    /** The access token as sent and how: with the DPoP scheme and the request's proofs (RFC 9449 §7). */
    public record Presented(String token, boolean dpopScheme, List<String> proofs, String method) {
    }

    /** The nonce DPoP proofs must carry now, when the server asks for one (RFC 9449 §9). */
    public Optional<String> dpopNonce() {
        return dpop.nonce();
    }

    @Transactional
    public Answer userInfo(Presented presented) {
        String token = presented.token();
        if (token == null) {
            return new Answer.Unauthorized(null, "an access token is required (Authorization: Bearer, or DPoP)",
                    false);
        }
        Optional<AccessTokens.Claims> read = accessTokens.read(token, keys::reloadForUnknownKid);
        if (read.isEmpty()) {
            return invalid("the access token is not one this server issued, or its signature does not verify");
        }
        AccessTokens.Claims c = read.get();
        if (c.expiresAt() == null || !clock.instant().isBefore(c.expiresAt())) {
            return invalid("the access token has expired");
        }
        if (revocations.jtiRevoked(c.jti()) || revocations.familyEnded(c.grantId())) {
            return invalid("the access token has been revoked");
        }
        if (clients.find(c.clientId()).filter(ClientView::enabled).isEmpty()) {
            return invalid("the client the access token was issued to is deleted or disabled");
        }
        Answer unbound = checkBinding(presented, c.jkt());
        if (unbound != null) {
            return unbound;
        }
        Set<String> scopes = c.scope() == null ? Set.of() : Scopes.parse(c.scope()).orElse(Set.of());
        if (c.grantId() == null || !scopes.contains(OpenIdSubject.OPENID)) {
            return new Answer.Forbidden("the access token was not granted the openid scope");
        }
        Optional<UserEntity> user = grants.liveSubject(uuid(c.subject()), uuid(c.grantId()), c.jti());
        if (user.isEmpty()) {
            return invalid("the access token has been revoked, or its user deleted");
        }
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("sub", c.subject());
        claims.putAll(OpenIdSubject.released(scopes, user.get().username, user.get().claims()));
        return new Answer.Claims(claims);
    }

    /** RFC 9449 §7.1: a bound token only with the DPoP scheme and a proof by its key; an unbound one as Bearer. */
    private Answer checkBinding(Presented presented, String jkt) {
        if (jkt == null) {
            return presented.dpopScheme() ? new Answer.Unauthorized(INVALID_TOKEN,
                    "the access token is not bound to a DPoP key: send it with Authorization: Bearer", false) : null;
        }
        if (!presented.dpopScheme()) {
            return new Answer.Unauthorized(INVALID_TOKEN,
                    "the access token is bound to a DPoP key: send it with Authorization: DPoP and a proof", true);
        }
        try {
            String proofJkt = dpop.verify(presented.proofs(), presented.method(), userInfoUri, presented.token())
                    .orElseThrow(() -> new Refusal(DpopReason.KEY_NOT_BOUND));
            DpopPolicy.checkBinding(jkt, proofJkt);
            return null;
        } catch (Refusal refusal) {
            // RFC 9449 §7.1's codes are the rfc6749 profile's: invalid_dpop_proof, use_dpop_nonce
            return new Answer.Unauthorized(ErrorProfile.RFC6749.wire(refusal.reason()).code(), refusal.description(),
                    true);
        }
    }

    private static Answer invalid(String description) {
        return new Answer.Unauthorized(INVALID_TOKEN, description, false);
    }

    private static UUID uuid(String value) {
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            return new UUID(0, 0);
        }
    }
}
