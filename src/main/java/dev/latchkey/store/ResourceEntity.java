package dev.latchkey.store;

import dev.latchkey.policy.ResourceView;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Table;
import org.hibernate.annotations.Fetch;
import org.hibernate.annotations.FetchMode;

import java.time.Instant;
import java.util.Collections;
import java.util.HashSet;
import java.util.Set;
import java.util.TreeSet;

/** A resource server (RFC 8707) with the scopes it accepts. */
@Entity
@Table(name = "resource")
public class ResourceEntity {
    @Id
    public String id;

    public String uri;

    public String name;

    @Column(name = "access_token_typ")
    public String accessTokenTyp;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "updated_at")
    public Instant updatedAt;

    @ElementCollection(fetch = FetchType.EAGER)
    @Fetch(FetchMode.SUBSELECT)
    @CollectionTable(name = "resource_scope", joinColumns = @JoinColumn(name = "resource_id"))
    @Column(name = "scope_name")
    public Set<String> scopes = new HashSet<>();

    public ResourceView view() {
        return new ResourceView(id, uri, name, Collections.unmodifiableSet(new TreeSet<>(scopes)), accessTokenTyp,
                createdAt, updatedAt);
    }
}
