package dev.latchkey;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;

@QuarkusTest
class SmokeTest {
    @Test
    void print() {
        for (String[] r : new String[][] {{"GET", "/nope"}, {"GET", "/api/v1/nope"}, {"PATCH", "/api/v1/scopes"}, {"GET", "/api/v1/scopes"}}) {
            var resp = given().header("Authorization", "Bearer test-admin-key").request(r[0], r[1]);
            System.out.println("### " + r[0] + " " + r[1] + " -> " + resp.statusCode() + " " + resp.headers() + "\n" + resp.body().asString());
        }
        var resp = given().header("Authorization", "Bearer test-admin-key").contentType("text/plain").body("x").post("/api/v1/scopes");
        System.out.println("### text -> " + resp.statusCode() + " " + resp.headers() + "\n" + resp.body().asString());
        resp = given().header("Authorization", "Bearer test-admin-key").contentType("application/json").body("{\"name\":5}").post("/api/v1/scopes");
        System.out.println("### int -> " + resp.statusCode() + " " + resp.headers() + "\n" + resp.body().asString());
        resp = given().header("Authorization", "Bearer test-admin-key").contentType("application/json").body("{\"name\":\"a\",\"name\":\"b\"}").post("/api/v1/scopes");
        System.out.println("### dup -> " + resp.statusCode() + " " + resp.headers() + "\n" + resp.body().asString());
        resp = given().header("Authorization", "Bearer test-admin-key").contentType("application/json").body("").post("/api/v1/scopes");
        System.out.println("### empty -> " + resp.statusCode() + " " + resp.headers() + "\n" + resp.body().asString());
        resp = given().header("Authorization", "Bearer test-admin-key").accept("text/html").get("/api/v1/scopes");
        System.out.println("### html -> " + resp.statusCode() + " " + resp.headers() + "\n" + resp.body().asString());
    }
}
