package dev.latchkey.store;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A registered client. Collections are replaced wholesale on update (a new instance), so Hibernate
 * rewrites their rows instead of shuffling positions.
 */
@Entity
@Table(name = "client")
public class ClientEntity {
    @Id
    @Column(name = "client_id")
    public String clientId;

    @Column(nullable = false)
    public String name;

    @Column(name = "client_type", nullable = false)
    public String clientType;

    /** SHA-256 of the server-generated secret; null for public clients. */
    @Column(name = "secret_hash")
    public byte[] secretHash;

    @Column(name = "require_pkce", nullable = false)
    public boolean requirePkce;

    @Column(nullable = false)
    public boolean enabled;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    @ElementCollection
    @CollectionTable(name = "client_redirect_uri", joinColumns = @JoinColumn(name = "client_id"))
    @OrderColumn(name = "position")
    @Column(name = "uri", nullable = false)
    public List<String> redirectUris = new ArrayList<>();

    @ElementCollection
    @CollectionTable(name = "client_allowed_scope", joinColumns = @JoinColumn(name = "client_id"))
    @Column(name = "scope_name", nullable = false)
    public Set<String> allowedScopes = new LinkedHashSet<>();

    @ElementCollection
    @CollectionTable(name = "client_default_scope", joinColumns = @JoinColumn(name = "client_id"))
    @Column(name = "scope_name", nullable = false)
    public Set<String> defaultScopes = new LinkedHashSet<>();

    @ElementCollection
    @CollectionTable(name = "client_grant_type", joinColumns = @JoinColumn(name = "client_id"))
    @Column(name = "grant_type", nullable = false)
    public Set<String> grantTypes = new LinkedHashSet<>();
}
