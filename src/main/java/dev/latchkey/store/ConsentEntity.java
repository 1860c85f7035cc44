package dev.latchkey.store;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.time.Instant;
import java.util.UUID;

/** The scopes a user allowed a client, so that a later request within them skips the consent page. */
@Entity
@Table(name = "consent")
public class ConsentEntity {

    @Embeddable
    public record Key(@Column(name = "user_id") UUID userId, @Column(name = "client_id") String clientId)
            implements Serializable {
    }

    @EmbeddedId
    public Key id;

    public String[] scopes;

    @Column(name = "granted_at")
    public Instant grantedAt;

    @Column(name = "updated_at")
    public Instant updatedAt;

    /** Whether the consent may be used without asking again (a public client's user may decline that). */
    public boolean remembered;
}
