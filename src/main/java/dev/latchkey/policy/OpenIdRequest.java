package dev.latchkey.policy;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * What an authorization request asks of the login itself (OpenID Connect Core 1.0 §3.1.2.1): {@code prompt},
 * {@code max_age}, {@code nonce} and {@code login_hint}, and what follows from them once the browser's login
 * and the user's consents are known (§3.1.2.3). Honoured for every request, with or without {@code openid}.
 *
 * @param maxAge null when the client set no limit on the age of the login
 * @param nonce  null when not sent; repeated in the id_token
 */
public record OpenIdRequest(Set<String> prompt, Duration maxAge, String nonce, String loginHint) {
    public static final String NONE = "none";
    public static final String LOGIN = "login";
    public static final String CONSENT = "consent";
    /** {@code prompt_values_supported}. */
    public static final Set<String> PROMPT_VALUES = Set.of(NONE, LOGIN, CONSENT);
    /** As stored with the code. */
    public static final int MAX_NONCE = 500;

    /** What the browser must do before a code is issued. */
    public enum Interaction { LOGIN, CONSENT, NONE }

    static OpenIdRequest parse(Parameters p) {
        Set<String> prompt = new LinkedHashSet<>();
        String value = p.get(AuthorizeRequest.PROMPT);
        if (value != null) {
            for (String v : value.split(" ", -1)) {
                if (!PROMPT_VALUES.contains(v)) {
                    throw new Refusal(AuthorizeReason.PROMPT_UNSUPPORTED, Quote.of(v));
                }
                prompt.add(v);
            }
            if (prompt.contains(NONE) && prompt.size() > 1) {
                throw new Refusal(AuthorizeReason.PROMPT_NONE_COMBINED);
            }
        }
        Duration maxAge = null;
        String age = p.get(AuthorizeRequest.MAX_AGE);
        if (age != null) {
            if (age.length() > 10 || !age.chars().allMatch(c -> c >= '0' && c <= '9')) {
                throw new Refusal(AuthorizeReason.MAX_AGE_MALFORMED, Quote.of(age));
            }
            maxAge = Duration.ofSeconds(Long.parseLong(age));
        }
        String nonce = p.get(AuthorizeRequest.NONCE);
        if (nonce != null && nonce.length() > MAX_NONCE) {
            throw new Refusal(AuthorizeReason.NONCE_TOO_LONG);
        }
        return new OpenIdRequest(Set.copyOf(prompt), maxAge, nonce, p.get(AuthorizeRequest.LOGIN_HINT));
    }

    /**
     * Step 7: a login is needed without one, with {@code prompt=login}, or when the login is older than
     * {@code max_age}; consent is asked without a covering consent or with {@code prompt=consent}. With
     * {@code prompt=none} either need is a refusal instead (§3.1.2.6).
     *
     * @param authTime       when the browser's user logged in, or null when nobody has
     * @param consentCovers  whether a remembered consent covers every requested scope
     */
    public Interaction interaction(Instant authTime, boolean consentCovers, Instant now) {
        boolean login = authTime == null || prompt.contains(LOGIN)
                || maxAge != null && now.isAfter(authTime.plus(maxAge));
        if (login) {
            if (prompt.contains(NONE)) {
                throw new Refusal(AuthorizeReason.LOGIN_REQUIRED);
            }
            return Interaction.LOGIN;
        }
        if (!consentCovers || prompt.contains(CONSENT)) {
            if (prompt.contains(NONE)) {
                throw new Refusal(AuthorizeReason.CONSENT_REQUIRED);
            }
            return Interaction.CONSENT;
        }
        return Interaction.NONE;
    }

    /**
     * The request's parameters to carry on after the user has just logged in: without {@code prompt=login}
     * and {@code max_age}, which that login has satisfied (else the next step would ask again, forever).
     */
    public static Map<String, String> afterLogin(Map<String, String> carried) {
        Map<String, String> next = new LinkedHashMap<>(carried);
        next.remove(AuthorizeRequest.MAX_AGE);
        String prompt = next.remove(AuthorizeRequest.PROMPT);
        if (prompt != null) {
            String rest = String.join(" ", java.util.Arrays.stream(prompt.split(" "))
                    .filter(v -> !v.equals(LOGIN)).toList());
            if (!rest.isEmpty()) {
                next.put(AuthorizeRequest.PROMPT, rest);
            }
        }
        return next;
    }
}
