package dev.latchkey.flow.grant;

import dev.latchkey.config.LatchkeyConfig;
import dev.latchkey.policy.ClientCredentialsGrantPolicy;
import dev.latchkey.policy.ClientView;
import dev.latchkey.policy.GrantRule;
import dev.latchkey.policy.ResourcePolicy.Audience;
import dev.latchkey.policy.Scopes;
import dev.latchkey.policy.TokenRequest;
import dev.latchkey.token.AccessTokens;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Optional;
import java.util.Set;

/** RFC 6749 §4.4: a confidential client's token for itself. Stores nothing, so it is answered from memory. */
@ApplicationScoped
public class ClientCredentialsGrant implements GrantHandler {
    private final AccessTokens accessTokens;
    private final Audiences audiences;
    private final long lifetimeSeconds;

    public ClientCredentialsGrant(AccessTokens accessTokens, Audiences audiences, LatchkeyConfig config) {
        this.accessTokens = accessTokens;
        this.audiences = audiences;
        this.lifetimeSeconds = config.token().accessLifetime().getSeconds();
    }

    @Override
    public GrantRule rule() {
        return ClientCredentialsGrantPolicy.RULE;
    }

    @Override
    public int order() {
        return 30;
    }

    @Override
    public Set<String> parameters() {
        return ClientCredentialsGrantPolicy.PARAMETERS;
    }

    @Override
    public Optional<IssuedTokens> fromMemory(TokenRequest request, ClientView client) {
        return audiences.fromMemory(request, client, ClientCredentialsGrantPolicy.scopes(request, client))
                .map(audience -> issue(client, audience, request.dpopJkt()));
    }

    @Override
    public IssuedTokens issue(TokenRequest request, ClientView client, String address) {
        return issue(client, audiences.of(request, client, null, ClientCredentialsGrantPolicy.scopes(request, client)),
                request.dpopJkt());
    }

    private IssuedTokens issue(ClientView client, Audience audience, String jkt) {
        String scope = Scopes.format(audience.scopes());
        AccessTokens.Issued issued = accessTokens.issue(client.clientId(), client.clientId(), scope, null,
                audience.uris(), audience.typ(), jkt);
        return new IssuedTokens(issued.jwt(), lifetimeSeconds, scope, null, client.clientId(), null, null, scope);
    }
}
