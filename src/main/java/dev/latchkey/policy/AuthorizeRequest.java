package dev.latchkey.policy;

import java.util.List;
import java.util.Set;

/** An authorization request (RFC 6749 §4.1.1 with RFC 7636 §4.3), as its parameters arrived. */
public record AuthorizeRequest(Parameters params) {
    public static final String CLIENT_ID = "client_id";
    public static final String REDIRECT_URI = "redirect_uri";
    public static final String RESPONSE_TYPE = "response_type";
    public static final String SCOPE = "scope";
    public static final String STATE = "state";
    public static final String CODE_CHALLENGE = "code_challenge";
    public static final String CODE_CHALLENGE_METHOD = "code_challenge_method";
    // OpenID Connect Core 1.0 §3.1.2.1
    public static final String PROMPT = "prompt";
    public static final String MAX_AGE = "max_age";
    public static final String NONCE = "nonce";
    public static final String LOGIN_HINT = "login_hint";
    /** RFC 8707 §2: may repeat. */
    public static final String RESOURCE = ResourcePolicy.PARAMETER;
    /** RFC 9126 §4: names a pushed request; then nothing else but {@link #CLIENT_ID} may be sent. */
    public static final String REQUEST_URI = "request_uri";

    /** The parameters of a request (pushed or not); any other is ignored (RFC 6749 §3.1), except {@link #RESOURCE}. */
    public static final List<String> REQUEST = List.of(CLIENT_ID, REDIRECT_URI, RESPONSE_TYPE, SCOPE, STATE,
            CODE_CHALLENGE, CODE_CHALLENGE_METHOD, PROMPT, MAX_AGE, NONCE, LOGIN_HINT);
    /** The parameters this server reads once, carried through the login and consent forms. */
    public static final List<String> KNOWN = java.util.stream.Stream.concat(REQUEST.stream(),
            java.util.stream.Stream.of(REQUEST_URI)).toList();
    static final Set<String> CHECKED_FOR_REPEATS = Set.of(RESPONSE_TYPE, SCOPE, STATE, CODE_CHALLENGE,
            CODE_CHALLENGE_METHOD, PROMPT, MAX_AGE, NONCE, LOGIN_HINT);

    public String clientId() {
        return params.get(CLIENT_ID);
    }

    public String state() {
        return params.get(STATE);
    }

    /** The pushed request it names (RFC 9126 §4), or null. */
    public String requestUri() {
        return params.get(REQUEST_URI);
    }

    public List<String> resources() {
        return params.all(RESOURCE);
    }
}
