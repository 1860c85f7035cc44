package dev.latchkey.policy;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/** Builder for client views in policy tests. */
final class TestClients {
    private String clientId = "client-1";
    private ClientType type = ClientType.CONFIDENTIAL;
    private List<String> redirectUris = List.of("https://app.example/cb");
    private Set<String> allowed = Set.of("read", "write");
    private Set<String> defaults = Set.of("read");
    private Set<String> grants = Set.of(CodeGrantPolicy.GRANT_TYPE, RefreshGrantPolicy.GRANT_TYPE,
            ClientCredentialsGrantPolicy.GRANT_TYPE);
    private boolean requirePkce = true;
    private boolean enabled = true;
    private Set<String> resources = Set.of();

    static TestClients confidential() {
        return new TestClients();
    }

    static TestClients publicClient() {
        TestClients c = new TestClients();
        c.type = ClientType.PUBLIC;
        c.grants = Set.of(CodeGrantPolicy.GRANT_TYPE, RefreshGrantPolicy.GRANT_TYPE);
        return c;
    }

    TestClients id(String id) {
        this.clientId = id;
        return this;
    }

    TestClients redirectUris(String... uris) {
        this.redirectUris = List.of(uris);
        return this;
    }

    TestClients defaults(String... scopes) {
        this.defaults = Set.of(scopes);
        return this;
    }

    TestClients grants(String... grants) {
        this.grants = Set.of(grants);
        return this;
    }

    TestClients pkceOptional() {
        this.requirePkce = false;
        return this;
    }

    TestClients resources(String... uris) {
        this.resources = Set.of(uris);
        return this;
    }

    private boolean requirePush;
    private boolean dpop;

    TestClients disabled() {
        this.enabled = false;
        return this;
    }

    ClientView build() {
        return new ClientView(clientId, "Test app", type, type == ClientType.CONFIDENTIAL ? new byte[32] : null,
                redirectUris, allowed, defaults, grants, requirePkce, enabled, Instant.EPOCH, Instant.EPOCH, List.of(),
                "RS256", resources, type == ClientType.CONFIDENTIAL ? "client_secret_basic" : "none", null, null,
                List.of(), null, null, dpop, requirePush);
    }

    TestClients requiringPush() {
        this.requirePush = true;
        return this;
    }

    TestClients requiringDpop() {
        this.dpop = true;
        return this;
    }
}
