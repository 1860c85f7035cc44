package dev.latchkey.policy;

import java.util.List;
import java.util.Set;

/** What {@link AuthorizePolicy} decided about an authorization request. */
public sealed interface AuthorizeDecision {

    /**
     * Refused. {@code redirectUri} is where the error may be sent, or null when it must not be
     * redirected (an error page instead); {@code state} is echoed when it was sent once.
     */
    record Refused(Refusal refusal, String redirectUri, String state) implements AuthorizeDecision {
        public Reason reason() {
            return refusal.reason();
        }
    }

    /**
     * Valid so far (steps 1 to 6): the user's login and consent come next.
     *
     * @param request           the request as sent, to be carried through the login and consent forms
     * @param redirectUri       where the answer goes
     * @param redirectUriSent   the redirect_uri parameter as sent, or null (the token request must repeat it)
     * @param codeChallenge     the S256 challenge, or null when PKCE is optional for the client and unused
     * @param openId            prompt, max_age, nonce and login_hint
     * @param resources         the resources the tokens are for (RFC 8707), none for the default audience
     */
    record Accepted(AuthorizeRequest request, ClientView client, String redirectUri, String redirectUriSent,
                    Set<String> scopes, String state, String codeChallenge, OpenIdRequest openId,
                    List<String> resources)
            implements AuthorizeDecision {

        /** The pushed request accepted, carried through the forms by {@code sent} (client_id and request_uri). */
        Accepted pushedAs(AuthorizeRequest sent) {
            return new Accepted(sent, client, redirectUri, redirectUriSent, scopes, state, codeChallenge, openId,
                    resources);
        }

        /** The pushed request's request_uri (RFC 9126) the forms carry, or null when it was not pushed. */
        public String requestUri() {
            return request.requestUri();
        }
    }
}
