package dev.latchkey.policy;

/**
 * Puts a user-sent value into an error description: cut short, so a huge input is not echoed back whole, and
 * only with the characters an OAuth {@code error_description} may carry (RFC 6749 §4.1.2.1, §5.2:
 * {@code %x20-21 / %x23-5B / %x5D-7E}); any other character is shown as {@code ?} and counted.
 */
public final class Quote {
    private static final int MAX = 80;

    private Quote() {
    }

    public static String of(String value) {
        if (value == null) {
            return "null";
        }
        boolean cut = value.length() > MAX;
        String shown = cut ? value.substring(0, MAX) : value;
        StringBuilder out = new StringBuilder(shown.length() + 40).append('\'');
        int hidden = 0;
        for (int i = 0; i < shown.length(); ) {
            int c = shown.codePointAt(i);
            if (allowed(c)) {
                out.append((char) c);
            } else {
                out.append('?');
                hidden++;
            }
            i += Character.charCount(c);
        }
        out.append(cut ? "...'" : "'");
        if (hidden > 0) {
            out.append(" (").append(hidden).append(hidden == 1 ? " character" : " characters")
                    .append(" outside printable ASCII or a quote or backslash, shown as ?)");
        }
        return out.toString();
    }

    /** Whether {@code c} may appear in an OAuth {@code error_description}. */
    public static boolean allowed(int c) {
        return c == 0x20 || c == 0x21 || c >= 0x23 && c <= 0x5B || c >= 0x5D && c <= 0x7E;
    }

    /** {@code text} with every character an {@code error_description} may not carry replaced by {@code ?}. */
    public static String safe(String text) {
        if (text == null) {
            return null;
        }
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!allowed(c)) {
                if (out == null) {
                    out = new StringBuilder(text);
                }
                out.setCharAt(i, '?');
            }
        }
        return out == null ? text : out.toString();
    }
}
