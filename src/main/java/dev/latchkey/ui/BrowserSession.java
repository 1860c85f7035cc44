package dev.latchkey.ui;

import dev.latchkey.config.Issuer;
import dev.latchkey.config.KeyEncryptionKey;
import dev.latchkey.config.LatchkeyConfig;
import dev.latchkey.token.OpaqueTokens;
import jakarta.inject.Singleton;
import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.HttpHeaders;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;

/**
 * The browser's cookie at the authorization endpoint, and the CSRF token bound to it. The cookie holds 256
 * random bits (HttpOnly, SameSite=Lax; with an https issuer a {@code __Host-} cookie, which no sibling
 * subdomain and no plain-http page can set); before login it only anchors the login form's token, after
 * login a fresh value names the server-side session. The token is an HMAC of the cookie value under a key
 * only the servers hold (derived from {@code LATCHKEY_KEY_ENCRYPTION_KEY}), so whoever plants a cookie value
 * still cannot make its token. A form post that names its origin must come from the issuer's own; one
 * with {@code Origin: null} (sent under {@code Referrer-Policy: no-referrer}) is judged by its token alone.
 */
@Singleton
public class BrowserSession {
    public static final String CSRF_FIELD = "lk_csrf";

    private final String cookieName;
    private final String cookiePath;
    private final boolean secure;
    private final long maxAgeSeconds;
    private final SecretKeySpec csrfKey;
    private final String origin;

    public BrowserSession(LatchkeyConfig config, Issuer issuer) {
        this.secure = config.session().secureCookie().orElseGet(issuer::isHttps);
        // RFC 6265bis §4.1.3.2: __Host- needs Secure and Path=/ and forbids Domain
        this.cookieName = secure ? "__Host-latchkey_session" : "latchkey_session";
        // the authorization endpoint and logout (OpenID Connect RP-Initiated Logout) both read it
        this.cookiePath = secure ? "/" : "/oauth2";
        this.maxAgeSeconds = config.session().lifetime().getSeconds();
        byte[] kek = config.keyEncryptionKey().flatMap(KeyEncryptionKey::decode)
                .orElseThrow(() -> new IllegalStateException("LATCHKEY_KEY_ENCRYPTION_KEY is not usable"));
        this.csrfKey = new SecretKeySpec(hmac(new SecretKeySpec(kek, "HmacSHA256"), "latchkey login csrf"),
                "HmacSHA256");
        URI uri = URI.create(issuer.value());
        this.origin = uri.getScheme() + "://" + uri.getRawAuthority();
    }

    public static String newValue() {
        return OpaqueTokens.newToken();
    }

    /** The session cookie's value in this request, or null. */
    public String value(HttpHeaders headers) {
        Cookie cookie = headers.getCookies().get(cookieName);
        return cookie == null ? null : cookie.getValue();
    }

    /** The {@code Set-Cookie} header value (written by hand: no legacy {@code Version=1} attribute). */
    public String setCookie(String value) {
        return cookieName + "=" + value + "; Path=" + cookiePath + "; Max-Age=" + maxAgeSeconds
                + "; HttpOnly; SameSite=Lax" + (secure ? "; Secure" : "");
    }

    /** Ends the cookie in the browser (logout). */
    public String clearCookie() {
        return cookieName + "=; Path=" + cookiePath + "; Max-Age=0; HttpOnly; SameSite=Lax" + (secure ? "; Secure" : "");
    }

    public String csrfToken(String cookieValue) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(hmac(csrfKey, cookieValue));
    }

    /**
     * The form's token matches the cookie it was issued for (constant-time), and the form was posted from
     * the issuer's own pages when the browser says where from.
     */
    public boolean formValid(HttpHeaders headers, String cookieValue, String token) {
        String sentFrom = headers.getHeaderString("Origin");
        if (sentFrom != null && !sentFrom.equals("null") && !sentFrom.equals(origin)) {
            return false;
        }
        if (cookieValue == null || token == null) {
            return false;
        }
        return MessageDigest.isEqual(csrfToken(cookieValue).getBytes(StandardCharsets.US_ASCII),
                token.getBytes(StandardCharsets.US_ASCII));
    }

    private static byte[] hmac(SecretKeySpec key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }
}
