package dev.latchkey.policy;

/** A client as a list shows it: who it is and whether it may be used; the rest is on its own page. */
public record ClientSummary(String clientId, String name, String clientType, boolean enabled,
                            boolean selfRegistered) {
}
