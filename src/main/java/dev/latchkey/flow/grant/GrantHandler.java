package dev.latchkey.flow.grant;

import dev.latchkey.policy.ClientView;
import dev.latchkey.policy.GrantRule;
import dev.latchkey.policy.TokenRequest;

import java.util.Optional;
import java.util.Set;

/**
 * One grant of the token endpoint (RFC 6749 §4): which {@code grant_type} it answers, what it reads, its
 * rules for client registration, and how it checks and issues. The token endpoint dispatches over every
 * handler it is given and knows none by name; adding a grant adds a handler (docs/architecture.md).
 */
public interface GrantHandler {

    /** Its grant type and the rules a client registration must follow to use it. */
    GrantRule rule();

    default String grantType() {
        return rule().grantType();
    }

    /** Where it is listed (metadata, messages): lower first. */
    int order();

    /** The form parameters it reads beside the common ones; none may appear twice (RFC 6749 §3.2). */
    Set<String> parameters();

    /**
     * The answer from memory alone, on the event loop: present only when this grant can answer without the
     * database, reading nothing but caches; empty to be handled by {@link #issue} on a worker thread.
     */
    default Optional<IssuedTokens> fromMemory(TokenRequest request, ClientView client) {
        return Optional.empty();
    }

    /**
     * Runs the grant's checks (its policy in {@code policy/}) and issues, storing what it must in one
     * transaction; throws a {@link dev.latchkey.policy.Refusal} naming the reason when refused.
     */
    IssuedTokens issue(TokenRequest request, ClientView client, String address);
}
