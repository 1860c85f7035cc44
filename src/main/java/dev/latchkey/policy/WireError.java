package dev.latchkey.policy;

/** What a reason becomes on the wire: the OAuth {@code error} code and the HTTP status. */
public record WireError(String code, int status) {
}
