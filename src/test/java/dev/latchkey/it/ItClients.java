package dev.latchkey.it;

import io.restassured.specification.RequestSpecification;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;

/** Registers scopes, clients and users on a packaged server through its management API. */
public final class ItClients {
    public static final String PASSWORD = "correct horse battery";

    /** What a registration returned. */
    public record Registered(String clientId, String clientSecret, String scope, String username) {
    }

    private ItClients() {
    }

    public static RequestSpecification admin(PackagedApp app) {
        return given().baseUri(app.baseUrl()).header("Authorization", "Bearer " + PackagedApp.ADMIN_KEY)
                .contentType("application/json");
    }

    public static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 10);
    }

    /** A client of {@code type} with one fresh scope (its default), the given redirect URIs, and a fresh user. */
    public static Registered register(PackagedApp app, String type, List<String> redirectUris, List<String> grants) {
        String scope = unique("it") + ":read";
        admin(app).body(Map.of("name", scope, "description", "Read the " + scope + " things"))
                .post("/api/v1/scopes").then().statusCode(201);
        return register(app, type, redirectUris, grants, scope);
    }

    /** The same with an existing {@code scope}. */
    public static Registered register(PackagedApp app, String type, List<String> redirectUris, List<String> grants,
                                      String scope) {
        var created = admin(app).body(Map.of("name", unique("it-app"), "client_type", type,
                        "redirect_uris", redirectUris, "allowed_scopes", List.of(scope),
                        "default_scopes", List.of(scope), "grant_types", grants))
                .post("/api/v1/clients").then().statusCode(201).extract().jsonPath();
        String username = unique("it-user");
        admin(app).body(Map.of("username", username, "password", PASSWORD)).post("/api/v1/users")
                .then().statusCode(201);
        return new Registered(created.getString("client_id"), created.getString("client_secret"), scope, username);
    }

    /**
     * An OpenID Connect app: allowed and defaulting to {@code openid profile email}, with {@code extra} fields
     * in its registration (post-logout URIs, id_token algorithm, PKCE), and a fresh user with a name and email.
     */
    public static Registered registerOpenId(PackagedApp app, String type, List<String> redirectUris,
                                            Map<String, Object> extra) {
        List<String> scopes = List.of("openid", "profile", "email");
        Map<String, Object> body = new java.util.HashMap<>(Map.of("name", unique("it-oidc-app"), "client_type", type,
                "redirect_uris", redirectUris, "allowed_scopes", scopes, "default_scopes", scopes,
                "grant_types", List.of("authorization_code", "refresh_token")));
        body.putAll(extra);
        var created = admin(app).body(body).post("/api/v1/clients").then().statusCode(201).extract().jsonPath();
        String username = unique("it-user");
        admin(app).body(Map.of("username", username, "password", PASSWORD, "name", "Ada Lovelace",
                        "given_name", "Ada", "family_name", "Lovelace", "email", username + "@example.com",
                        "email_verified", true))
                .post("/api/v1/users").then().statusCode(201);
        return new Registered(created.getString("client_id"), created.getString("client_secret"),
                String.join(" ", scopes), username);
    }
}
