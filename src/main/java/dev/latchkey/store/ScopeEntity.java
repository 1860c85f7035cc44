package dev.latchkey.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

@Entity
@Table(name = "scope")
public class ScopeEntity {
    @Id
    public String name;

    @Column(nullable = false)
    public String description;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
}
