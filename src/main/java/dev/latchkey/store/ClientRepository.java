package dev.latchkey.store;

import dev.latchkey.policy.ClientType;
import dev.latchkey.policy.ClientView;
import dev.latchkey.policy.GrantType;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Registered clients with their redirect URIs, scopes and grant types. A client is read whole in one
 * statement (its lists as arrays); an edit replaces the lists' rows.
 */
@ApplicationScoped
public class ClientRepository {
    private static final String SELECT = """
            select c.client_id, c.name, c.client_type, c.secret_hash, c.require_pkce, c.enabled, c.created_at,
                   c.updated_at,
                   array(select u.uri from client_redirect_uri u where u.client_id = c.client_id order by u.position),
                   array(select s.scope_name from client_allowed_scope s where s.client_id = c.client_id),
                   array(select s.scope_name from client_default_scope s where s.client_id = c.client_id),
                   array(select g.grant_type from client_grant_type g where g.client_id = c.client_id)
            from client c
            """;

    private final Sql sql;

    public ClientRepository(Sql sql) {
        this.sql = sql;
    }

    public Optional<ClientView> find(String clientId) {
        return sql.first(SELECT + "where c.client_id = ?", ClientRepository::client, clientId);
    }

    /** Reads the client and locks its row until the transaction ends: concurrent edits take turns. */
    public Optional<ClientView> findForUpdate(String clientId) {
        return sql.first(SELECT + "where c.client_id = ? for update of c", ClientRepository::client, clientId);
    }

    /** One page ordered by client_id, after {@code after} (exclusive); {@code limit + 1} rows tell if there is more. */
    public List<ClientView> page(String after, int limit) {
        return sql.list(SELECT + "where c.client_id > ? order by c.client_id limit ?", ClientRepository::client,
                after == null ? "" : after, limit + 1);
    }

    public void insert(ClientView c) {
        sql.update("""
                        insert into client (client_id, name, client_type, secret_hash, require_pkce, enabled,
                                            created_at, updated_at)
                        values (?, ?, ?, ?, ?, ?, ?, ?)""",
                c.clientId(), c.name(), c.type().wireName(), c.secretHash(), c.requirePkce(), c.enabled(),
                c.createdAt(), c.updatedAt());
        insertLists(c);
    }

    /** Replaces the editable fields and the lists; the type and the secret stay. */
    public void update(ClientView c) {
        sql.update("update client set name = ?, require_pkce = ?, enabled = ?, updated_at = ? where client_id = ?",
                c.name(), c.requirePkce(), c.enabled(), c.updatedAt(), c.clientId());
        for (String table : List.of("client_redirect_uri", "client_default_scope", "client_allowed_scope",
                "client_grant_type")) {
            sql.update("delete from " + table + " where client_id = ?", c.clientId());
        }
        insertLists(c);
    }

    public void updateSecret(String clientId, byte[] secretHash, Instant now) {
        sql.update("update client set secret_hash = ?, updated_at = ? where client_id = ?", secretHash, now, clientId);
    }

    /** @return whether there was such a client (its lists, grants and tokens go with it: cascade) */
    public boolean delete(String clientId) {
        return sql.update("delete from client where client_id = ?", clientId) > 0;
    }

    private void insertLists(ClientView c) {
        sql.update("""
                        insert into client_redirect_uri (client_id, position, uri)
                        select ?, t.n - 1, t.uri from unnest(?) with ordinality as t(uri, n)""",
                c.clientId(), array(c.redirectUris()));
        sql.update("insert into client_allowed_scope (client_id, scope_name) select ?, unnest(?)",
                c.clientId(), array(c.allowedScopes()));
        sql.update("insert into client_default_scope (client_id, scope_name) select ?, unnest(?)",
                c.clientId(), array(c.defaultScopes()));
        sql.update("insert into client_grant_type (client_id, grant_type) select ?, unnest(?)",
                c.clientId(), array(c.grantTypes().stream().map(GrantType::wireName).toList()));
    }

    private static String[] array(Collection<String> values) {
        return values.toArray(String[]::new);
    }

    private static ClientView client(ResultSet rs) throws SQLException {
        Set<GrantType> grants = Arrays.stream(strings(rs, 12))
                .map(g -> GrantType.fromWire(g).orElseThrow())
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(GrantType.class)));
        return new ClientView(rs.getString(1), rs.getString(2), ClientType.fromWire(rs.getString(3)).orElseThrow(),
                rs.getBytes(4), List.of(strings(rs, 9)), sorted(strings(rs, 10)), sorted(strings(rs, 11)),
                Collections.unmodifiableSet(grants), rs.getBoolean(5), rs.getBoolean(6),
                Sql.instant(rs, 7), Sql.instant(rs, 8));
    }

    private static String[] strings(ResultSet rs, int column) throws SQLException {
        return (String[]) rs.getArray(column).getArray();
    }

    /** Sorted, so that every answer lists scopes in the same order. */
    private static Set<String> sorted(String[] names) {
        return Collections.unmodifiableSet(new TreeSet<>(Arrays.asList(names)));
    }
}
