package dev.latchkey.flow.oidc;

import dev.latchkey.flow.grant.IssuedTokens;
import dev.latchkey.flow.grant.TokenResponseContributor;
import dev.latchkey.policy.ClientView;
import dev.latchkey.policy.OpenIdSubject;
import dev.latchkey.policy.Scopes;
import dev.latchkey.policy.TokenRequest;
import dev.latchkey.token.IdTokens;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Map;
import java.util.Set;

/**
 * The {@code id_token} beside the tokens of a user's grant that includes {@code openid} (OpenID Connect Core
 * §3.1.3.3, and §12.2 for a refresh): whatever grant issued them, from what it read with the code or refresh
 * token, with no query of its own.
 */
@ApplicationScoped
public class IdTokenContributor implements TokenResponseContributor {
    private final IdTokens idTokens;

    public IdTokenContributor(IdTokens idTokens) {
        this.idTokens = idTokens;
    }

    @Override
    public void contribute(String grantType, TokenRequest request, ClientView client, IssuedTokens issued,
                           Map<String, Object> members) {
        if (issued.openId() == null) {
            return;
        }
        Set<String> scopes = Scopes.parse(issued.grantedScope()).orElse(Set.of());
        if (!scopes.contains(OpenIdSubject.OPENID)) {
            return;
        }
        members.put("id_token", idTokens.issue(client.idTokenSignedResponseAlg(), issued.subject(), client.clientId(),
                issued.openId(), issued.accessToken(), issued.openId().released(scopes)));
    }
}
