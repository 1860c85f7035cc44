package dev.latchkey.admin;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static dev.latchkey.support.Admin.api;
import static dev.latchkey.support.ApiErrors.assertError;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

/** docs/errors.md, management API: every failure of the management API in its JSON format, with the right status and headers. */
@QuarkusTest
class ApiErrorsTest {

    @Test
    void whenNoKeyThen401WithChallenge() {
        assertError(given().get("/api/v1/clients"), 401, "Unauthorized", "Authorization")
                .then().header("WWW-Authenticate", startsWith("Bearer"));
    }

    @Test
    void whenWrongKeyThen401() {
        assertError(given().header("Authorization", "Bearer not-the-key").get("/api/v1/scopes"),
                401, "Unauthorized", "not valid");
        assertError(given().header("Authorization", "Basic dGVzdC1hZG1pbi1rZXk6").get("/api/v1/scopes"),
                401, "Unauthorized", "Bearer");
    }

    @Test
    void whenNoKeyOnWriteThenNothingHappens() {
        assertError(given().contentType("application/json").body("{\"name\":\"sneaky\"}").post("/api/v1/scopes"),
                401, "Unauthorized", "Authorization");
        assertError(api().delete("/api/v1/scopes/sneaky"), 404, "Not Found", "sneaky");
    }

    @Test
    void whenUnknownPathThen404InApiFormat() {
        assertError(api().get("/api/v1/nothing-here"), 404, "Not Found", "/api/v1/nothing-here");
        assertError(given().get("/no/such/page"), 404, "Not Found", "/no/such/page");
        assertError(given().accept("text/html").get("/no/such/page"), 404, "Not Found", "/no/such/page");
    }

    @Test
    void whenWrongMethodThen405WithAllow() {
        assertError(api().patch("/api/v1/clients"), 405, "Method Not Allowed", "PATCH")
                .then().header("Allow", equalTo("GET, HEAD, POST"));
        assertError(api().post("/api/v1/users/someone"), 405, "Method Not Allowed", "POST")
                .then().header("Allow", equalTo("DELETE, GET, HEAD, PUT"));
    }

    @Test
    void whenBodyNotJsonThen415() {
        assertError(api().contentType("text/plain").body("name=x").post("/api/v1/scopes"),
                415, "Unsupported Media Type", "application/json");
        assertError(api().contentType("application/x-www-form-urlencoded").body("name=x").post("/api/v1/clients"),
                415, "Unsupported Media Type", "application/json");
    }

    @Test
    void whenJsonMalformedThen400() {
        assertError(api().body("{\"name\": ").post("/api/v1/scopes"), 400, "Bad Request", "not valid JSON");
        assertError(api().body("[1,2]").post("/api/v1/scopes"), 400, "Bad Request", "JSON object");
        assertError(api().body("").post("/api/v1/scopes"), 400, "Bad Request", "body is required");
        assertError(api().body("null").post("/api/v1/users"), 400, "Bad Request", "body is required");
        assertError(api().body("{\"name\":\"a\",\"name\":\"b\"}").post("/api/v1/scopes"), 400, "Bad Request",
                "'name' appears twice");
        assertError(api().body("{\"name\":\"a\"} trailing").post("/api/v1/scopes"), 400, "Bad Request", "JSON");
    }

    @Test
    void whenAcceptAsksForHtmlThenJsonAnyway() {
        api().accept("text/html").get("/api/v1/scopes").then().statusCode(200).contentType(startsWith("application/json"));
    }
}
