package dev.latchkey.flow.grant;

import dev.latchkey.policy.GrantRule;
import dev.latchkey.policy.TokenRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;

import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Every grant handler the server has, by grant type, in their order. */
@ApplicationScoped
public class Grants {
    private final Map<String, GrantHandler> byType = new LinkedHashMap<>();
    private final Set<String> parameters;

    public Grants(@Any Instance<GrantHandler> handlers) {
        handlers.stream().sorted(Comparator.comparingInt(GrantHandler::order))
                .forEach(h -> byType.put(h.grantType(), h));
        Set<String> known = new HashSet<>(TokenRequest.COMMON);
        byType.values().forEach(h -> known.addAll(h.parameters()));
        this.parameters = Set.copyOf(known);
    }

    public Optional<GrantHandler> find(String grantType) {
        return Optional.ofNullable(byType.get(grantType));
    }

    /** The grant types, in order: {@code grant_types_supported} (RFC 8414 §2). */
    public List<String> types() {
        return List.copyOf(byType.keySet());
    }

    /** What client registration checks a client's {@code grant_types} against. */
    public List<GrantRule> rules() {
        return byType.values().stream().map(GrantHandler::rule).toList();
    }

    /** Every parameter the token endpoint knows: none may appear twice in a request. */
    public Set<String> parameters() {
        return parameters;
    }
}
