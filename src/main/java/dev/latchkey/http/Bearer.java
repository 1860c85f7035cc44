package dev.latchkey.http;

/** RFC 6750 §2.1: the token of an {@code Authorization: Bearer} header. */
public final class Bearer {
    private static final String SCHEME = "Bearer";

    private Bearer() {
    }

    /** The bearer token of an {@code Authorization} header, or null when there is none. */
    public static String token(String authorization) {
        if (authorization == null || authorization.length() <= SCHEME.length() + 1
                || !authorization.regionMatches(true, 0, SCHEME + " ", 0, SCHEME.length() + 1)) {
            return null;
        }
        String token = authorization.substring(SCHEME.length() + 1).trim();
        return token.isEmpty() ? null : token;
    }
}
