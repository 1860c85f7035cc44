package dev.latchkey.store;

import dev.latchkey.policy.ClientType;
import dev.latchkey.policy.ClientView;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.Table;
import org.hibernate.annotations.Fetch;
import org.hibernate.annotations.FetchMode;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * A registered client with its redirect URIs (in order), allowed and default scopes and grant types. A
 * public client has no secret; a confidential one has only its hash. The lists are read with the client
 * (one statement each, for a whole page at once), so that a view can be made after the session ends.
 */
@Entity
@Table(name = "client")
public class ClientEntity {
    @Id
    @Column(name = "client_id")
    public String clientId;

    public String name;

    @Column(name = "client_type")
    public String clientType;

    @Column(name = "secret_hash")
    public byte[] secretHash;

    @Column(name = "require_pkce")
    public boolean requirePkce;

    public boolean enabled;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "updated_at")
    public Instant updatedAt;

    /** OpenID Connect Registration §2: how its id_tokens are signed (RS256 or ES256). */
    @Column(name = "id_token_signed_response_alg")
    public String idTokenSignedResponseAlg = "RS256";

    /** RFC 7591 §2 metadata. */
    @Column(name = "client_uri")
    public String clientUri;

    @Column(name = "logo_uri")
    public String logoUri;

    public String[] contacts = new String[0];

    @Column(name = "token_endpoint_auth_method")
    public String tokenEndpointAuthMethod;

    /** The hash of its registration access token (RFC 7592), for a client that registered itself; else null. */
    @Column(name = "registration_token_hash")
    public byte[] registrationTokenHash;

    /** RFC 9449 §5.2: every token request must carry a DPoP proof. */
    @Column(name = "dpop_bound_access_tokens")
    public boolean dpopBoundAccessTokens;

    /** RFC 9126 §6: every authorization request must be pushed first. */
    @Column(name = "require_pushed_authorization_requests")
    public boolean requirePushedAuthorizationRequests;

    /** When it was first issued a token: a self-registered client that never is gets purged. */
    @Column(name = "first_token_at")
    public Instant firstTokenAt;

    @ElementCollection(fetch = FetchType.EAGER)
    @Fetch(FetchMode.SUBSELECT)
    @CollectionTable(name = "client_allowed_resource", joinColumns = @JoinColumn(name = "client_id"))
    @Column(name = "resource_uri")
    public Set<String> allowedResources = new HashSet<>();

    @ElementCollection(fetch = FetchType.EAGER)
    @Fetch(FetchMode.SUBSELECT)
    @CollectionTable(name = "client_redirect_uri", joinColumns = @JoinColumn(name = "client_id"))
    @OrderColumn(name = "position")
    @Column(name = "uri")
    public List<String> redirectUris = new ArrayList<>();

    @ElementCollection(fetch = FetchType.EAGER)
    @Fetch(FetchMode.SUBSELECT)
    @CollectionTable(name = "client_post_logout_redirect_uri", joinColumns = @JoinColumn(name = "client_id"))
    @OrderColumn(name = "position")
    @Column(name = "uri")
    public List<String> postLogoutRedirectUris = new ArrayList<>();

    @ElementCollection(fetch = FetchType.EAGER)
    @Fetch(FetchMode.SUBSELECT)
    @CollectionTable(name = "client_allowed_scope", joinColumns = @JoinColumn(name = "client_id"))
    @Column(name = "scope_name")
    public Set<String> allowedScopes = new HashSet<>();

    @ElementCollection(fetch = FetchType.EAGER)
    @Fetch(FetchMode.SUBSELECT)
    @CollectionTable(name = "client_default_scope", joinColumns = @JoinColumn(name = "client_id"))
    @Column(name = "scope_name")
    public Set<String> defaultScopes = new HashSet<>();

    @ElementCollection(fetch = FetchType.EAGER)
    @Fetch(FetchMode.SUBSELECT)
    @CollectionTable(name = "client_grant_type", joinColumns = @JoinColumn(name = "client_id"))
    @Column(name = "grant_type")
    public Set<String> grantTypes = new HashSet<>();

    /**
     * Replaces the lists with new collections, so that Hibernate deletes the old rows and inserts the new
     * ones instead of updating rows in place (reordering redirect URIs in place would collide with their
     * uniqueness constraint halfway).
     */
    public void setLists(List<String> redirectUris, List<String> postLogoutRedirectUris, Set<String> allowedScopes,
                         Set<String> defaultScopes, Set<String> grantTypes, Set<String> allowedResources) {
        this.allowedResources = new HashSet<>(allowedResources);
        this.redirectUris = new ArrayList<>(redirectUris);
        this.postLogoutRedirectUris = new ArrayList<>(postLogoutRedirectUris);
        this.allowedScopes = new HashSet<>(allowedScopes);
        this.defaultScopes = new HashSet<>(defaultScopes);
        this.grantTypes = new HashSet<>(grantTypes);
    }

    /** The client as the policy sees it: immutable, sets sorted so that every answer lists them alike. */
    public ClientView view() {
        return new ClientView(clientId, name, ClientType.fromWire(clientType).orElseThrow(), secretHash,
                List.copyOf(redirectUris), sorted(allowedScopes), sorted(defaultScopes), sorted(grantTypes),
                requirePkce, enabled, createdAt, updatedAt, List.copyOf(postLogoutRedirectUris),
                idTokenSignedResponseAlg, sorted(allowedResources), tokenEndpointAuthMethod, clientUri, logoUri,
                List.of(contacts), registrationTokenHash, firstTokenAt, dpopBoundAccessTokens,
                requirePushedAuthorizationRequests);
    }

    private static Set<String> sorted(Set<String> values) {
        return Collections.unmodifiableSet(new TreeSet<>(values));
    }
}
