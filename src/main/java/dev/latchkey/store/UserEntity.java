package dev.latchkey.store;

import dev.latchkey.policy.UserClaims;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** A resource owner who logs in at the authorization endpoint; the password only as a bcrypt hash, and their claims. */
@Entity
@Table(name = "app_user")
public class UserEntity {
    @Id
    public UUID id;

    public String username;

    @Column(name = "password_hash")
    public String passwordHash;

    @Column(name = "created_at")
    public Instant createdAt;

    /** Claims released by scope (OpenID Connect Core §5.1, §5.4); each may be null. */
    public String name;

    @Column(name = "given_name")
    public String givenName;

    @Column(name = "family_name")
    public String familyName;

    public String email;

    @Column(name = "email_verified")
    public boolean emailVerified;

    /** What the user may do beyond signing in ({@code admin}: the console). */
    public String[] roles = new String[0];

    public UserClaims claims() {
        return new UserClaims(name, givenName, familyName, email, emailVerified);
    }
}
