package dev.latchkey.support;

import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;

/** Fixtures made through the management API, with random names so tests never share data. */
public final class Admin {
    public static final String KEY = "test-admin-key";

    private Admin() {
    }

    public static RequestSpecification api() {
        return given().header("Authorization", "Bearer " + KEY).contentType("application/json");
    }

    public static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 12);
    }

    /** Creates a scope with a random name and returns the name. */
    public static String scope() {
        String name = unique("scope") + ":read";
        api().body(Map.of("name", name, "description", "Read " + name)).post("/api/v1/scopes")
                .then().statusCode(201);
        return name;
    }

    /** A client registration body, editable before it is sent. */
    public static Map<String, Object> clientBody(String type, List<String> scopes) {
        Map<String, Object> body = new HashMap<>();
        body.put("name", unique("app"));
        body.put("client_type", type);
        body.put("redirect_uris", List.of("https://app.example/cb", "http://127.0.0.1/cb"));
        body.put("allowed_scopes", scopes);
        body.put("default_scopes", scopes.isEmpty() ? List.of() : List.of(scopes.get(0)));
        body.put("grant_types", type.equals("public")
                ? List.of("authorization_code", "refresh_token")
                : List.of("authorization_code", "refresh_token", "client_credentials"));
        return body;
    }

    public static Response createClient(Map<String, Object> body) {
        return api().body(body).post("/api/v1/clients");
    }

    /** Creates a confidential client allowed two fresh scopes; returns the whole 201 body. */
    public static Map<String, Object> confidentialClient() {
        return createClient(clientBody("confidential", List.of(scope(), scope())))
                .then().statusCode(201).extract().jsonPath().getMap("");
    }

    public static String user(String password) {
        String username = unique("user");
        api().body(Map.of("username", username, "password", password)).post("/api/v1/users")
                .then().statusCode(201);
        return username;
    }
}
