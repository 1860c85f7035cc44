package dev.latchkey.oauth;

import com.nimbusds.jwt.JWTClaimsSet;
import dev.latchkey.support.Admin;
import dev.latchkey.support.OAuth;
import dev.latchkey.support.Pkce;
import dev.latchkey.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static dev.latchkey.support.Admin.api;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Token exchange (RFC 8693) at the token endpoint, strict profile: a backend trades a user's token for the next API. */
@QuarkusTest
class TokenExchangeTest {
    static final String GRANT = "urn:ietf:params:oauth:grant-type:token-exchange";
    static final String AT = "urn:ietf:params:oauth:token-type:access_token";

    /** A user's token from a web app's code flow, with both of the app's scopes. */
    static String userToken(OAuth web) {
        Pkce pkce = Pkce.create();
        return Tokens.exchange(web, web.code(pkce), pkce).then().statusCode(200).extract().path("access_token");
    }

    /** A backend allowed the exchange grant, {@code scopes} and {@code resources}. */
    static OAuth backend(List<String> scopes, List<String> resources) {
        Map<String, Object> body = new HashMap<>(Admin.clientBody("confidential", scopes));
        body.put("grant_types", List.of(GRANT, "client_credentials"));
        body.put("redirect_uris", List.of());
        body.put("allowed_resources", resources);
        var created = Admin.createClient(body).then().statusCode(201).extract().jsonPath();
        return OAuth.existing(created.getString("client_id"), created.getString("client_secret"), scopes.get(0),
                null, null);
    }

    static Response trade(OAuth backend, String subjectToken, String... more) {
        Map<String, String> form = Tokens.form("grant_type", GRANT, "subject_token", subjectToken,
                "subject_token_type", AT);
        form.putAll(Tokens.form(more));
        return Tokens.token(backend, form);
    }

    @Test
    void whenBackendTradesAUsersTokenThenTheNextApiGetsOneForTheSameUser() throws Exception {
        OAuth web = OAuth.confidential();
        String user = userToken(web);
        String api = ResourcesTest.resource(List.of(web.scopeA), null);
        OAuth backend = backend(List.of(web.scopeA, web.scopeB), List.of(api));

        Response traded = trade(backend, user, "audience", api, "scope", web.scopeA);
        traded.then().statusCode(200).header("Cache-Control", containsString("no-store"))
                .body("issued_token_type", equalTo(AT)).body("token_type", equalTo("Bearer"))
                .body("scope", equalTo(web.scopeA)).body("refresh_token", equalTo(null));
        JWTClaimsSet original = Tokens.verify(user);
        JWTClaimsSet next = Tokens.verify(traded.path("access_token"));
        assertEquals(original.getSubject(), next.getSubject(), "on the same user's behalf");
        assertEquals(backend.clientId, next.getStringClaim("client_id"));
        assertEquals(List.of(api), next.getAudience());
        assertTrue(!next.getExpirationTime().after(original.getExpirationTime()), "lives no longer than the subject");
        int expiresIn = traded.path("expires_in");
        assertTrue(expiresIn > 0 && expiresIn <= 600, String.valueOf(expiresIn));
        assertNull(next.getClaim("act"), "no actor token, no act");
        Tokens.introspect(backend, traded.path("access_token")).then().body("active", equalTo(true))
                .body("sub", equalTo(original.getSubject()));
        // audited with both: the backend that traded, the user it traded for (the trail is written in the background)
        long deadline = System.currentTimeMillis() + 10_000;
        List<String> subjects = List.of();
        while (subjects.isEmpty() && System.currentTimeMillis() < deadline) {
            subjects = api().queryParam("client_id", backend.clientId).queryParam("type", "TOKEN_ISSUED")
                    .get("/api/v1/audit").path("subject");
        }
        assertEquals(List.of(original.getSubject()), subjects);

        // withdrawing the user's grant ends the traded token too
        api().delete("/api/v1/users/" + web.username + "/grants/" + web.clientId).then().statusCode(204);
        Tokens.introspect(backend, traded.path("access_token")).then().body("active", equalTo(false));
        trade(backend, user).then().statusCode(400).body("error", equalTo("invalid_request"))
                .body("error_description", containsString("subject_token was revoked"));
    }

    @Test
    void whenAnActorTokenIsSentThenTheTokenSaysWhoActs() throws Exception {
        OAuth web = OAuth.confidential();
        OAuth backend = backend(List.of(web.scopeA), List.of());
        String actor = Tokens.clientCredentials(backend);
        Response traded = trade(backend, userToken(web), "actor_token", actor, "actor_token_type", AT);
        traded.then().statusCode(200).body("scope", equalTo(web.scopeA));
        Map<String, Object> act = Tokens.verify(traded.path("access_token")).getJSONObjectClaim("act");
        assertEquals(Map.of("sub", backend.clientId, "client_id", backend.clientId), act);

        // traded again by another service: the first actor is nested under the new one
        OAuth second = backend(List.of(web.scopeA), List.of());
        Response again = trade(second, traded.path("access_token"), "actor_token", Tokens.clientCredentials(second),
                "actor_token_type", AT);
        Map<String, Object> chain = Tokens.verify(again.then().statusCode(200).extract().path("access_token"))
                .getJSONObjectClaim("act");
        assertEquals(second.clientId, chain.get("sub"));
        assertEquals(Map.of("sub", backend.clientId, "client_id", backend.clientId), chain.get("act"));
    }

    @Test
    void whenTheRequestOrItsTokensAreNotAcceptableThenEachRuleAnswersInvalidRequest() {
        OAuth web = OAuth.confidential();
        String user = userToken(web);
        OAuth backend = backend(List.of(web.scopeA, web.scopeB), List.of());
        trade(backend, user, "scope", web.scopeA + " " + Admin.scope()).then().statusCode(400)
                .body("error", equalTo("invalid_request")).body("error_description", containsString("subject_token holds"));
        trade(backend, "not.a.token").then().statusCode(400).body("error", equalTo("invalid_request"))
                .body("error_description", containsString("not an access token this server issued"));
        Tokens.token(backend, Tokens.form("grant_type", GRANT, "subject_token", user)).then().statusCode(400)
                .body("error_description", containsString("subject_token_type must be"));
        trade(backend, user, "actor_token", "x").then().statusCode(400)
                .body("error_description", containsString("actor_token_type is missing"));
        trade(backend, user, "requested_token_type", "urn:ietf:params:oauth:token-type:refresh_token").then()
                .statusCode(400).body("error_description", containsString("requested_token_type"));
        trade(backend, user, "audience", "https://unknown.example/").then().statusCode(400)
                .body("error", equalTo("invalid_request")).body("error_description", containsString("resource"));
        String idle = ResourcesTest.resource(List.of(web.scopeA), null);
        trade(backend, user, "resource", idle).then().statusCode(400)
                .body("error_description", containsString("may not ask for"));

        // revoked by its client: refused at once
        Tokens.revoke(web, user).then().statusCode(200);
        trade(backend, user).then().statusCode(400).body("error_description", containsString("revoked"));
        // an app without the grant
        Tokens.token(web, Tokens.form("grant_type", GRANT, "subject_token", userToken(web), "subject_token_type", AT))
                .then().statusCode(400).body("error", equalTo("unsupported_grant_type"));
    }

    @Test
    void whenPublicClientAsksForTheGrantThenRegistrationRefusesIt() {
        Map<String, Object> body = new HashMap<>(Admin.clientBody("public", List.of(Admin.scope())));
        body.put("grant_types", List.of("authorization_code", GRANT));
        Admin.createClient(body).then().statusCode(400).body("description", containsString(GRANT));
        given().get("/.well-known/oauth-authorization-server").then()
                .body("grant_types_supported", hasItem(GRANT));
    }
}
