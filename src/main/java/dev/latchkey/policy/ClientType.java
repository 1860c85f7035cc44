package dev.latchkey.policy;

import java.util.Optional;

/** RFC 6749 §2.1: a confidential client holds a secret; a public one cannot, and proves itself with PKCE. */
public enum ClientType {
    CONFIDENTIAL("confidential"),
    PUBLIC("public");

    private final String wireName;

    ClientType(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static Optional<ClientType> fromWire(String name) {
        for (ClientType type : values()) {
            if (type.wireName.equals(name)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }
}
