package dev.latchkey.flow.grant;

import dev.latchkey.policy.ClientView;
import dev.latchkey.policy.TokenRequest;

import java.util.Map;

/**
 * Adds members to a successful token response beside what the grant issued (an id_token for a grant
 * that asked for {@code openid}, a token binding): a seam of its own, so such a feature is added beside
 * the grants, not inside one.
 */
public interface TokenResponseContributor {
    /**
     * @param members the response's extra members so far; add to it
     */
    void contribute(String grantType, TokenRequest request, ClientView client, IssuedTokens issued,
                    Map<String, Object> members);
}
