package dev.latchkey.http;

/**
 * The roots of the URL space, in one place: the resources' {@code @Path}s are built from them, and the few
 * rules that must hold for any URL under a root, matched or not (which error format a path gets, the
 * management API's JSON), read them here.
 */
public final class Paths {
    /** Every API that answers JSON only. */
    public static final String API = "/api";
    /** The management API (README, Management API). */
    public static final String MANAGEMENT = API + "/v1";
    /** The OAuth endpoints. */
    public static final String OAUTH = "/oauth2";
    /** The authorization endpoint and the pages below it: browsers are there. */
    public static final String AUTHORIZE = OAUTH + "/authorize";
    /** OpenID Connect: the user's claims, answered in the API's error format (RFC 6750 §3). */
    public static final String USERINFO = OAUTH + "/userinfo";
    /** OpenID Connect RP-initiated logout: browsers are there. */
    public static final String LOGOUT = OAUTH + "/logout";
    /** RFC 8628: where people type a device's user code: browsers are there. */
    public static final String DEVICE = OAUTH + "/device";
    /** RFC 8628 §3.1: where devices ask for their codes (the token endpoint's format). */
    public static final String DEVICE_AUTHORIZATION = OAUTH + "/device_authorization";
    /** The token endpoint (RFC 6749 §3.2): what a DPoP proof's htu names there. */
    public static final String TOKEN = OAUTH + "/token";
    /** Pushed authorization requests (RFC 9126 §2): the token endpoint's format. */
    public static final String PAR = OAUTH + "/par";
    /** Dynamic client registration (RFC 7591) and the registered clients' own URIs (RFC 7592). */
    public static final String REGISTER = OAUTH + "/register";

    /** The admin console: browsers are there. */
    public static final String CONSOLE = "/console";

    private Paths() {
    }

    /** Whether a browser is there: errors are HTML pages. */
    public static boolean isPage(String path) {
        return under(path, AUTHORIZE) || under(path, LOGOUT) || under(path, DEVICE) || under(path, CONSOLE);
    }

    /** Whether errors are OAuth JSON ({@code error}, {@code error_description}). */
    public static boolean isOAuthJson(String path) {
        return under(path, OAUTH) && !isPage(path) && !under(path, USERINFO);
    }

    /** Whether {@code path} is {@code root} or below it. */
    public static boolean under(String path, String root) {
        return path.startsWith(root) && (path.length() == root.length() || path.charAt(root.length()) == '/');
    }
}
