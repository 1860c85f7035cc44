package dev.latchkey.oauth;

import dev.latchkey.support.OAuth;
import dev.latchkey.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;

/** The fallback path: with the native provider off (or absent), the JDK's own provider signs. */
@QuarkusTest
@TestProfile(JdkSigningProviderTest.JdkOnly.class)
class JdkSigningProviderTest {

    public static class JdkOnly implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("latchkey.crypto.native-provider", "false");
        }
    }

    @Test
    void whenNativeProviderOffThenTheJdkSignsAndTokensStillVerify() throws Exception {
        given().get("/q/health/ready").then().statusCode(200)
                .body("checks.data.provider", hasItem(startsWith("SunEC (ES256)")));
        Tokens.verify(Tokens.clientCredentials(OAuth.confidential()));
    }
}
