package dev.latchkey.policy;

import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * RP-initiated logout (OpenID Connect RP-Initiated Logout 1.0 §2, §3): who asks, and where the browser may be
 * sent afterwards. Nothing is ever redirected to a URI the client did not register for it, exactly.
 */
public final class LogoutPolicy {
    public static final String ID_TOKEN_HINT = "id_token_hint";
    public static final String POST_LOGOUT_REDIRECT_URI = "post_logout_redirect_uri";
    public static final String STATE = "state";
    public static final String CLIENT_ID = "client_id";
    /** The request's parameters, carried through the confirmation form. */
    public static final List<String> KNOWN = List.of(ID_TOKEN_HINT, POST_LOGOUT_REDIRECT_URI, STATE, CLIENT_ID);

    private LogoutPolicy() {
    }

    /**
     * The client the request names, by {@code client_id} or by the hint's audience, or null when neither.
     *
     * @param hintAudience the audience of a verified {@code id_token_hint}, or null when none was sent
     * @throws InvalidInput for a repeated parameter or a client_id the hint was not issued to
     */
    public static String clientId(Parameters p, List<String> hintAudience) {
        Set<String> repeated = p.repeatedAmong(Set.copyOf(KNOWN));
        if (!repeated.isEmpty()) {
            throw new InvalidInput(String.join(", ", repeated) + " is repeated");
        }
        String clientId = p.get(CLIENT_ID);
        if (hintAudience == null) {
            return clientId;
        }
        if (clientId != null && !hintAudience.contains(clientId)) {
            throw new InvalidInput("client_id is not the client the id_token_hint was issued to");
        }
        return clientId != null ? clientId : hintAudience.isEmpty() ? null : hintAudience.get(0);
    }

    /**
     * Where to send the browser: the {@code post_logout_redirect_uri} when it is exactly one the client
     * registered, or null (a signed-out page) when none was asked for.
     *
     * @param client the client named, or null when none was
     * @throws InvalidInput when a URI was asked for but cannot be trusted
     */
    public static String redirect(Parameters p, ClientView client) {
        String uri = p.get(POST_LOGOUT_REDIRECT_URI);
        if (uri == null) {
            return null;
        }
        if (client == null) {
            throw new InvalidInput("post_logout_redirect_uri needs id_token_hint or client_id to name the client "
                    + "it is registered for");
        }
        if (!client.postLogoutRedirectUris().contains(uri)) {
            throw new InvalidInput("post_logout_redirect_uri is not one of the client's registered "
                    + "post_logout_redirect_uris");
        }
        return uri;
    }

    /**
     * §2: without proof that the request comes from the user's own app (an id_token_hint for the signed-in
     * user), the user is asked first, so that a link on any page cannot sign them out.
     */
    public static boolean needsConfirmation(String hintSubject, UUID sessionUser) {
        return sessionUser != null && (hintSubject == null || !hintSubject.equals(sessionUser.toString()));
    }
}
