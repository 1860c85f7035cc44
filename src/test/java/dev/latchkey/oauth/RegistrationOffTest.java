package dev.latchkey.oauth;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;

/** {@code latchkey.registration.mode=off}: no registration endpoint, and the metadata says none. */
@QuarkusTest
@TestProfile(RegistrationOffTest.Off.class)
class RegistrationOffTest {

    public static class Off implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("latchkey.registration.mode", "off");
        }
    }

    @Test
    void whenOffThenNotFoundInTheOAuthFormatAndNotInTheMetadata() {
        given().contentType("application/json").body(Map.of("client_name", "x")).post("/oauth2/register").then()
                .statusCode(404).body("error", equalTo("invalid_request"))
                .body("error_description", containsString("off"));
        given().header("Authorization", "Bearer x").get("/oauth2/register/some-client").then().statusCode(404);
        for (String path : new String[] {"/.well-known/oauth-authorization-server", "/.well-known/openid-configuration"}) {
            given().get(path).then().statusCode(200).body("$", not(hasKey("registration_endpoint")));
        }
    }
}
