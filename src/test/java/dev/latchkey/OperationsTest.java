package dev.latchkey;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;

@QuarkusTest
class OperationsTest {

    @Test
    void readinessReportsTheDatabase() {
        given().get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItem(containsString("Database")));
        given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void metricsInPrometheusFormat() {
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("# TYPE jvm_memory_used_bytes gauge"));
    }

    @Test
    void openApiDescribesTheManagementApiAndItsErrors() {
        given().accept("application/json").get("/q/openapi").then().statusCode(200)
                .body("paths.'/api/v1/clients'.post.responses.'201'", notNullValue())
                .body("paths.'/api/v1/clients'.post.responses.'400'.content.'application/json'.schema.'$ref'",
                        equalTo("#/components/schemas/ApiError"))
                .body("paths.'/api/v1/clients/{clientId}'.get.responses.'404'", notNullValue())
                .body("paths.'/api/v1/users'.post.responses.'401'", notNullValue())
                .body("components.schemas.ApiError.required", hasItem("description"));
    }
}
