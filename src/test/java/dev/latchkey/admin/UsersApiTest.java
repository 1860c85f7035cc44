package dev.latchkey.admin;

import dev.latchkey.support.Admin;
import dev.latchkey.support.Db;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Map;

import static dev.latchkey.support.Admin.api;
import static dev.latchkey.support.ApiErrors.assertError;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
class UsersApiTest {

    @Test
    void whenUserCreatedThen201AndPasswordStoredAsBcrypt() {
        String username = Admin.unique("alice");
        String password = "correct horse battery";
        api().body(Map.of("username", username, "password", password)).post("/api/v1/users")
                .then().statusCode(201)
                .header("Location", endsWith("/api/v1/users/" + username))
                .body("username", equalTo(username))
                .body("created_at", notNullValue())
                .body("$", not(hasKey("password")));
        String hash = (String) Db.row("select password_hash from app_user where username = ?", username).get("password_hash");
        assertTrue(hash.matches("\\$2[aby]\\$\\d\\d\\$.{53}"), "bcrypt hash: " + hash);
        assertFalse(hash.contains(password));

        api().get("/api/v1/users/" + username).then().statusCode(200)
                .body("username", equalTo(username)).body("$", not(hasKey("password_hash")));
    }

    @Test
    void whenRolesGivenThenStoredShownAndReplacedByPut() {
        String username = Admin.unique("admin");
        api().body(Map.of("username", username, "password", "correct horse battery", "roles", java.util.List.of("admin")))
                .post("/api/v1/users").then().statusCode(201).body("roles", equalTo(java.util.List.of("admin")));
        api().get("/api/v1/users/" + username).then().body("roles", equalTo(java.util.List.of("admin")));
        api().body(Map.of("name", "Was Admin")).put("/api/v1/users/" + username).then().statusCode(200)
                .body("roles", equalTo(java.util.List.of()));
        assertError(api().body(Map.of("roles", java.util.List.of("root"))).put("/api/v1/users/" + username), 400,
                "Bad Request", "'root' is not a role");
        String plain = Admin.user("correct horse battery");
        api().get("/api/v1/users/" + plain).then().body("roles", equalTo(java.util.List.of()));
    }

    @Test
    void whenDeletedThen204And404After() {
        String username = Admin.user("password-123");
        api().delete("/api/v1/users/" + username).then().statusCode(204);
        assertError(api().get("/api/v1/users/" + username), 404, "Not Found", username);
        assertError(api().delete("/api/v1/users/" + username), 404, "Not Found", username);
        assertEquals(0, Db.count("select count(*) from app_user where username = ?", username));
    }

    @Test
    void whenUsernameTakenThen400() {
        String username = Admin.user("password-123");
        assertError(api().body(Map.of("username", username, "password", "another-password")).post("/api/v1/users"),
                400, "Bad Request", "already exists");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "short password|ok-name|short|at least 8",
            "missing password|ok-name||password is required",
            "space in username|bad name|password-123|username must be",
            "slash in username|a/b|password-123|username must be",
            "empty username||password-123|username is required",
    })
    void whenUserInvalidThen400(String name, String username, String password, String expected) {
        var body = new java.util.HashMap<String, Object>();
        if (username != null) {
            body.put("username", username.equals("ok-name") ? Admin.unique("u") : username);
        }
        if (password != null) {
            body.put("password", password);
        }
        assertError(api().body(body).post("/api/v1/users"), 400, "Bad Request", expected);
    }

    @Test
    void whenPasswordOver72BytesThen400() {
        assertError(api().body(Map.of("username", Admin.unique("u"), "password", "é".repeat(37))).post("/api/v1/users"),
                400, "Bad Request", "72 bytes");
    }

    @Test
    void whenListedThenPagedWithoutPasswords() {
        Admin.user("password-123");
        Admin.user("password-123");
        var page = api().queryParam("limit", 1).get("/api/v1/users");
        page.then().statusCode(200).body("size()", equalTo(1)).body("[0]", not(hasKey("password_hash")));
        assertTrue(page.header("Link").contains("after="));
    }
}
