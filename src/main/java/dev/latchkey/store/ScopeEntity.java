package dev.latchkey.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** A scope the server knows (RFC 6749 §3.3 scope-token). */
@Entity
@Table(name = "scope")
public class ScopeEntity {
    @Id
    public String name;

    public String description;

    @Column(name = "created_at")
    public Instant createdAt;
}
