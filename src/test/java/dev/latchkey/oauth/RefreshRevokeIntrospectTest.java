package dev.latchkey.oauth;

import dev.latchkey.support.Admin;
import dev.latchkey.support.Db;
import dev.latchkey.support.OAuth;
import dev.latchkey.support.Pkce;
import dev.latchkey.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

import static dev.latchkey.oauth.TokenEndpointTest.assertInvalidClient;
import static dev.latchkey.oauth.TokenEndpointTest.assertOAuthError;
import static dev.latchkey.support.Admin.api;
import static dev.latchkey.support.Tokens.form;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/** Refresh rotation (RFC 6749 §6), revocation (RFC 7009), introspection (RFC 7662), and grant withdrawal. */
@QuarkusTest
class RefreshRevokeIntrospectTest {

    static Response tokens(OAuth app, String scope) {
        Pkce pkce = Pkce.create();
        var params = app.params(pkce);
        params.put("scope", scope);
        String code = app.authorize(new dev.latchkey.support.Browser(), params).get("code");
        return Tokens.exchange(app, code, pkce).then().statusCode(200).extract().response();
    }

    @Test
    void whenRefreshedThenRotatedAndOldTokenReuseRevokesFamily() {
        OAuth app = OAuth.confidential();
        Response first = tokens(app, app.scopeA);
        String r1 = first.path("refresh_token");
        Response second = Tokens.refresh(app, r1);
        second.then().statusCode(200).header("Cache-Control", "no-store").body("refresh_token", notNullValue())
                .body("scope", equalTo(app.scopeA));
        String r2 = second.path("refresh_token");
        assertNotEquals(r1, r2);
        // presenting the rotated token again: refused, and the whole family ends
        assertOAuthError(Tokens.refresh(app, r1), 400, "invalid_request")
                .then().body("error_description", containsString("already used"));
        assertOAuthError(Tokens.refresh(app, r2), 400, "invalid_request")
                .then().body("error_description", containsString("revoked"));
        Tokens.introspect(app, second.path("access_token")).then().body("active", equalTo(false));
    }

    @Test
    void whenNarrowerScopeAskedThenGrantedAndBroaderRefused() {
        OAuth app = OAuth.confidential();
        Response first = tokens(app, app.scopeA + " " + app.scopeB);
        String refresh = first.path("refresh_token");
        assertOAuthError(Tokens.token(app, form("grant_type", "refresh_token", "refresh_token", refresh,
                "scope", app.scopeA + " " + Admin.scope())), 400, "invalid_request")
                .then().body("error_description", containsString("more than the grant"));
        // the refusal did not use the token up, nor store a successor
        assertEquals(1, Db.count("""
                select count(*) from refresh_token where family_id =
                    (select family_id from refresh_token where token_hash = sha256(convert_to(?, 'UTF8')))""", refresh));
        Response narrow = Tokens.token(app, form("grant_type", "refresh_token", "refresh_token", refresh,
                "scope", app.scopeB));
        narrow.then().statusCode(200).body("scope", equalTo(app.scopeB));
        // the next refresh token still carries the whole grant
        Tokens.refresh(app, narrow.path("refresh_token")).then().statusCode(200)
                .body("scope", equalTo(app.scopeA + " " + app.scopeB));
    }

    @Test
    void whenRefreshTokenExpiredOrForeignThenRefused() throws Exception {
        OAuth app = OAuth.confidential();
        String refresh = tokens(app, app.scopeA).path("refresh_token");
        assertOAuthError(Tokens.refresh(OAuth.confidential(), refresh), 400, "invalid_request")
                .then().body("error_description", containsString("another client"));
        byte[] hash = MessageDigest.getInstance("SHA-256").digest(refresh.getBytes(StandardCharsets.UTF_8));
        Db.rows("update refresh_token set expires_at = now() - interval '1 second' where token_hash = ? returning 1", hash);
        assertOAuthError(Tokens.refresh(app, refresh), 400, "invalid_request")
                .then().body("error_description", containsString("expired"));
        assertOAuthError(Tokens.refresh(app, "unknown-token"), 400, "invalid_request");
        assertOAuthError(Tokens.token(app, form("grant_type", "refresh_token")), 400, "invalid_request")
                .then().body("error_description", containsString("refresh_token is missing"));
    }

    @Test
    void whenIntrospectedThenLiveTokensDescribedAndOthersInactive() {
        OAuth app = OAuth.confidential();
        Response t = tokens(app, app.scopeA);
        String userId = (String) Db.row("select id::text as id from app_user where username = ?", app.username).get("id");
        Tokens.introspect(app, t.path("access_token")).then().statusCode(200)
                .header("Cache-Control", "no-store")
                .body("active", equalTo(true)).body("scope", equalTo(app.scopeA))
                .body("client_id", equalTo(app.clientId)).body("sub", equalTo(userId))
                .body("username", equalTo(app.username))
                .body("token_type", equalTo("Bearer")).body("exp", notNullValue());
        Tokens.introspect(app, t.path("refresh_token")).then().statusCode(200)
                .body("active", equalTo(true)).body("token_type", equalTo("refresh_token"))
                .body("client_id", equalTo(app.clientId)).body("sub", equalTo(userId));
        Tokens.post("/oauth2/introspect", app.clientId, app.clientSecret,
                        form("token", t.path("refresh_token"), "token_type_hint", "refresh_token"))
                .then().body("active", equalTo(true));
        // another client's token, garbage, a tampered JWT: inactive
        OAuth other = OAuth.confidential();
        Tokens.introspect(other, t.path("access_token")).then().body("active", equalTo(false));
        Tokens.introspect(other, t.path("refresh_token")).then().body("active", equalTo(false));
        Tokens.introspect(app, "garbage").then().statusCode(200).body("active", equalTo(false));
        String jwt = t.path("access_token");
        Tokens.introspect(app, jwt.substring(0, jwt.length() - 4) + "AAAA").then().body("active", equalTo(false));
        // client_credentials tokens too
        Tokens.introspect(app, Tokens.clientCredentials(app)).then().body("active", equalTo(true))
                .body("sub", equalTo(app.clientId));
    }

    @Test
    void whenIntrospectionUnauthenticatedOrPublicThenInvalidClient() {
        OAuth app = OAuth.confidential();
        assertInvalidClient(Tokens.from().contentType("application/x-www-form-urlencoded").formParam("token", "x")
                .post("/oauth2/introspect"));
        OAuth pub = OAuth.publicClient();
        assertInvalidClient(Tokens.post("/oauth2/introspect", pub.clientId, null, form("token", "x")));
        assertOAuthError(Tokens.post("/oauth2/introspect", app.clientId, app.clientSecret, form()), 400, "invalid_request");
    }

    @Test
    void whenRefreshTokenRevokedThenItAndItsAccessTokensStop() {
        OAuth app = OAuth.confidential();
        Response t = tokens(app, app.scopeA);
        Tokens.revoke(app, t.path("refresh_token")).then().statusCode(200);
        assertOAuthError(Tokens.refresh(app, t.path("refresh_token")), 400, "invalid_request");
        Tokens.introspect(app, t.path("access_token")).then().body("active", equalTo(false));
    }

    @Test
    void whenAccessTokenRevokedThenInactiveButGrantLives() {
        OAuth app = OAuth.confidential();
        Response t = tokens(app, app.scopeA);
        Tokens.revoke(app, t.path("access_token")).then().statusCode(200);
        Tokens.introspect(app, t.path("access_token")).then().body("active", equalTo(false));
        Tokens.refresh(app, t.path("refresh_token")).then().statusCode(200);
        String cc = Tokens.clientCredentials(app);
        Tokens.revoke(app, cc).then().statusCode(200);
        Tokens.introspect(app, cc).then().body("active", equalTo(false));
    }

    @Test
    void whenRevokingUnknownOrForeignTokenThen200AndNothingChanges() {
        OAuth app = OAuth.confidential();
        Response t = tokens(app, app.scopeA);
        OAuth other = OAuth.confidential();
        Tokens.revoke(other, t.path("refresh_token")).then().statusCode(200);
        Tokens.revoke(other, t.path("access_token")).then().statusCode(200);
        Tokens.revoke(app, "never-issued").then().statusCode(200);
        Tokens.introspect(app, t.path("access_token")).then().body("active", equalTo(true));
        Tokens.refresh(app, t.path("refresh_token")).then().statusCode(200);
        assertInvalidClient(Tokens.post("/oauth2/revoke", app.clientId, "wrong", form("token", "x")));
    }

    @Test
    void whenClientDeletedThenItsTokensStop() {
        OAuth app = OAuth.confidential();
        Response t = tokens(app, app.scopeA);
        api().delete("/api/v1/clients/" + app.clientId).then().statusCode(204);
        // the client cannot even authenticate any more, and its grant is gone from the store
        assertInvalidClient(Tokens.refresh(app, t.path("refresh_token")));
        byte[] hash = sha(t.path("refresh_token"));
        org.junit.jupiter.api.Assertions.assertEquals(0,
                Db.count("select count(*) from refresh_token where token_hash = ?", hash));
    }

    @Test
    void whenUserGrantRevokedThenRefreshFailsAndIntrospectionInactive() {
        OAuth app = OAuth.confidential();
        Response t = tokens(app, app.scopeA);
        api().get("/api/v1/users/" + app.username + "/grants").then().statusCode(200)
                .body("[0].client_id", equalTo(app.clientId)).body("[0].scopes[0]", equalTo(app.scopeA));
        api().delete("/api/v1/users/" + app.username + "/grants/" + app.clientId).then().statusCode(204);
        assertOAuthError(Tokens.refresh(app, t.path("refresh_token")), 400, "invalid_request");
        Tokens.introspect(app, t.path("access_token")).then().body("active", equalTo(false));
        Tokens.introspect(app, t.path("refresh_token")).then().body("active", equalTo(false));
        api().get("/api/v1/users/" + app.username + "/grants").then().body("size()", equalTo(0));
        api().delete("/api/v1/users/" + app.username + "/grants/" + app.clientId).then().statusCode(404);
    }

    static byte[] sha(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
