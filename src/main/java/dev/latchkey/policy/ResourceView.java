package dev.latchkey.policy;

import java.time.Instant;
import java.util.Set;

/**
 * A registered resource server (RFC 8707): the URI a client names with {@code resource}, the scopes a token
 * for it may carry, and the access token {@code typ} it accepts ({@code at+jwt} or {@code JWT}).
 */
public record ResourceView(String id, String uri, String name, Set<String> scopes, String accessTokenTyp,
                           Instant createdAt, Instant updatedAt) {
}
