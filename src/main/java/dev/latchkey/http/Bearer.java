package dev.latchkey.http;

/** RFC 6750 §2.1 and RFC 9449 §7.1: the token of an {@code Authorization: Bearer} (or {@code DPoP}) header. */
public final class Bearer {
    public static final String SCHEME = "Bearer";
    public static final String DPOP = "DPoP";

    private Bearer() {
    }

    /** The bearer token of an {@code Authorization} header, or null when there is none. */
    public static String token(String authorization) {
        return token(authorization, SCHEME);
    }

    /** The token of an {@code Authorization} header of this scheme (case-insensitive), or null. */
    public static String token(String authorization, String scheme) {
        if (authorization == null || authorization.length() <= scheme.length() + 1
                || !authorization.regionMatches(true, 0, scheme + " ", 0, scheme.length() + 1)) {
            return null;
        }
        String token = authorization.substring(scheme.length() + 1).trim();
        return token.isEmpty() ? null : token;
    }
}
