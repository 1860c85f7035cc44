package dev.latchkey.ui;

import dev.latchkey.config.Issuer;
import dev.latchkey.config.LatchkeyConfig;
import dev.latchkey.token.OpaqueTokens;
import jakarta.inject.Singleton;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;

/**
 * The browser's cookie at the authorization endpoint, and the CSRF token bound to it. The cookie holds
 * 256 random bits (HttpOnly, SameSite=Lax); before login it only anchors the login form's token, after
 * login a fresh value names the server-side session. The token is a hash of the cookie value, so only
 * a page that could read the cookie could forge it, and it is judged alone (an {@code Origin: null}
 * post is fine when its token matches).
 */
@Singleton
public class BrowserSession {
    public static final String COOKIE = "latchkey_session";
    public static final String CSRF_FIELD = "lk_csrf";
    private static final String PATH = "/oauth2/authorize";

    private final boolean secure;
    private final long maxAgeSeconds;

    public BrowserSession(LatchkeyConfig config, Issuer issuer) {
        this.secure = config.session().secureCookie().orElseGet(issuer::isHttps);
        this.maxAgeSeconds = config.session().lifetime().getSeconds();
    }

    public static String newValue() {
        return OpaqueTokens.newToken();
    }

    /** The {@code Set-Cookie} header value (written by hand: no legacy {@code Version=1} attribute). */
    public String setCookie(String value) {
        return COOKIE + "=" + value + "; Path=" + PATH + "; Max-Age=" + maxAgeSeconds + "; HttpOnly; SameSite=Lax"
                + (secure ? "; Secure" : "");
    }

    public static String csrfToken(String cookieValue) {
        byte[] digest = OpaqueTokens.hash("csrf:" + cookieValue);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
    }

    /** The form's token matches the cookie it was issued for (constant-time). */
    public static boolean csrfValid(String cookieValue, String token) {
        if (cookieValue == null || token == null) {
            return false;
        }
        return MessageDigest.isEqual(csrfToken(cookieValue).getBytes(StandardCharsets.US_ASCII),
                token.getBytes(StandardCharsets.US_ASCII));
    }
}
