package dev.latchkey.policy;

/** Puts a user-sent value into an error description, cut short so a huge input is not echoed back whole. */
public final class Quote {
    private static final int MAX = 80;

    private Quote() {
    }

    public static String of(String value) {
        if (value == null) {
            return "null";
        }
        return "'" + (value.length() <= MAX ? value : value.substring(0, MAX) + "...") + "'";
    }
}
