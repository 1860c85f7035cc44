package dev.latchkey.flow;

import dev.latchkey.policy.ClientType;
import dev.latchkey.policy.ClientView;
import dev.latchkey.policy.GrantType;
import dev.latchkey.store.ClientEntity;

import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/** Turns a stored client into the policy's read-only view. */
final class ClientStoreViews {
    private ClientStoreViews() {
    }

    static ClientView of(ClientEntity e) {
        Set<GrantType> grants = e.grantTypes.stream()
                .map(g -> GrantType.fromWire(g).orElseThrow())
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(GrantType.class)));
        return new ClientView(e.clientId, e.name, ClientType.fromWire(e.clientType).orElseThrow(), e.secretHash,
                List.copyOf(e.redirectUris), sorted(e.allowedScopes), sorted(e.defaultScopes),
                Collections.unmodifiableSet(grants), e.requirePkce, e.enabled,
                e.createdAt, e.updatedAt);
    }

    /** Sorted, so that every answer lists scopes in the same order. */
    private static Set<String> sorted(Set<String> names) {
        return Collections.unmodifiableSet(new TreeSet<>(names));
    }
}
