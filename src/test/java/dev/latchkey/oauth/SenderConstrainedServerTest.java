package dev.latchkey.oauth;

import dev.latchkey.support.Browser;
import dev.latchkey.support.Dpop;
import dev.latchkey.support.OAuth;
import dev.latchkey.support.Pkce;
import dev.latchkey.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * A server that asks for DPoP nonces (RFC 9449 §8) and pushed requests from every client (RFC 9126 §5), with the
 * {@code rfc6749} error profile: {@code invalid_dpop_proof} and {@code use_dpop_nonce} as the RFC names them.
 */
@QuarkusTest
@TestProfile(SenderConstrainedServerTest.Profile.class)
class SenderConstrainedServerTest {

    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("latchkey.errors.profile", "rfc6749", "latchkey.dpop.nonce", "true",
                    "latchkey.par.required", "true");
        }
    }

    @Test
    void whenTheServerAsksForANonceThenAProofWithoutOneGetsUseDpopNonceAndTheNonceToUse() {
        OAuth app = OAuth.confidential();
        Dpop key = Dpop.newKey();
        Response first = DpopTest.clientCredentials(app, key.proof("POST", Dpop.TOKEN));
        first.then().statusCode(400).body("error", equalTo("use_dpop_nonce"))
                .body("error_description", containsString("nonce")).header("DPoP-Nonce", notNullValue());
        String nonce = first.header("DPoP-Nonce");
        DpopTest.clientCredentials(app, key.proof("POST", Dpop.TOKEN, nonce)).then().statusCode(200)
                .body("token_type", equalTo("DPoP")).header("DPoP-Nonce", equalTo(nonce));
        DpopTest.clientCredentials(app, key.proof("POST", Dpop.TOKEN, "made-up")).then().statusCode(400)
                .body("error", equalTo("use_dpop_nonce"));
        // a bad proof is invalid_dpop_proof in this profile
        DpopTest.clientCredentials(app, key.proof("GET", Dpop.TOKEN, nonce)).then().statusCode(400)
                .body("error", equalTo("invalid_dpop_proof")).body("error_description", containsString("htm"));
        DpopTest.clientCredentials(app, "x.y.z").then().statusCode(400).body("error", equalTo("invalid_dpop_proof"));
    }

    @Test
    void whenEveryClientMustPushThenOnlyPushedRequestsGetCodesAndUserinfoAsksForTheNonceToo() {
        OAuth app = OAuth.openId("confidential", Map.of());
        Pkce pkce = Pkce.create();
        Response refused = new Browser().get(OAuth.authorizeUrl(app.params(pkce)));
        assertEquals(302, refused.statusCode(), refused.asString());
        assertEquals("invalid_request", Browser.query(refused.header("Location")).get("error"));
        given().get("/.well-known/openid-configuration").then().body("require_pushed_authorization_requests",
                equalTo(true));
        // the admin console's own sign-in still shows the login page
        Browser console = new Browser();
        Response toLogin = console.get("/console/clients");
        assertEquals(303, toLogin.statusCode(), toLogin.asString());
        console.get(toLogin.header("Location").replaceFirst("^https?://[^/]+", "")).then().statusCode(200)
                .body(containsString("password"));

        String uri = PushedRequestTest.pushed(app, app.params(pkce));
        String code = app.authorize(new Browser(), PushedRequestTest.byReference(app, uri)).get("code");
        assertNotNull(code);
        Dpop key = Dpop.newKey();
        Map<String, String> form = Tokens.form("grant_type", "authorization_code", "code", code, "redirect_uri",
                OAuth.REDIRECT, "code_verifier", pkce.verifier());
        String nonce = DpopTest.token(app, form, key.proof("POST", Dpop.TOKEN)).then().statusCode(400)
                .body("error", equalTo("use_dpop_nonce")).extract().header("DPoP-Nonce");
        // the nonce refusal did not spend the code
        String token = DpopTest.token(app, form, key.proof("POST", Dpop.TOKEN, nonce)).then().statusCode(200)
                .extract().path("access_token");
        Response userinfo = given().header("Authorization", "DPoP " + token)
                .header("DPoP", key.proofFor("GET", Dpop.USERINFO, token)).get("/oauth2/userinfo");
        userinfo.then().statusCode(401).header("WWW-Authenticate", containsString("DPoP error=\"use_dpop_nonce\""))
                .header("DPoP-Nonce", notNullValue());
        given().header("Authorization", "DPoP " + token)
                .header("DPoP", key.proofFor("GET", Dpop.USERINFO, token, userinfo.header("DPoP-Nonce")))
                .get("/oauth2/userinfo").then().statusCode(200).body("sub", notNullValue());
    }
}
