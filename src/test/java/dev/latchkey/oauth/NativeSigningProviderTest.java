package dev.latchkey.oauth;

import dev.latchkey.support.OAuth;
import dev.latchkey.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;

/** Where the native-backed provider loads (Linux x86_64, as here), it signs. See JdkSigningProviderTest. */
@QuarkusTest
class NativeSigningProviderTest {
    @Test
    void whenNativeProviderLoadsThenItSigns() throws Exception {
        given().get("/q/health/ready").then().statusCode(200)
                .body("checks.data.provider", hasItem(startsWith("AmazonCorrettoCryptoProvider (ES256)")));
        Tokens.verify(Tokens.clientCredentials(OAuth.confidential()));
    }
}
