package dev.latchkey.it;

import com.nimbusds.oauth2.sdk.AccessTokenResponse;
import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.AuthorizationCodeGrant;
import com.nimbusds.oauth2.sdk.AuthorizationErrorResponse;
import com.nimbusds.oauth2.sdk.AuthorizationRequest;
import com.nimbusds.oauth2.sdk.AuthorizationResponse;
import com.nimbusds.oauth2.sdk.AuthorizationSuccessResponse;
import com.nimbusds.oauth2.sdk.ClientCredentialsGrant;
import com.nimbusds.oauth2.sdk.RefreshTokenGrant;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenErrorResponse;
import com.nimbusds.oauth2.sdk.TokenIntrospectionRequest;
import com.nimbusds.oauth2.sdk.TokenIntrospectionResponse;
import com.nimbusds.oauth2.sdk.TokenIntrospectionSuccessResponse;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.TokenRevocationRequest;
import com.nimbusds.oauth2.sdk.as.AuthorizationServerMetadata;
import com.nimbusds.oauth2.sdk.auth.ClientAuthentication;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.ClientSecretPost;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.oauth2.sdk.token.AccessToken;
import com.nimbusds.oauth2.sdk.device.DeviceAuthorizationGrantError;
import com.nimbusds.oauth2.sdk.device.DeviceAuthorizationRequest;
import com.nimbusds.oauth2.sdk.device.DeviceAuthorizationResponse;
import com.nimbusds.oauth2.sdk.device.DeviceAuthorizationSuccessResponse;
import com.nimbusds.oauth2.sdk.device.DeviceCodeGrant;
import com.nimbusds.oauth2.sdk.token.RefreshToken;
import com.nimbusds.oauth2.sdk.token.TokenTypeURI;
import com.nimbusds.oauth2.sdk.tokenexchange.TokenExchangeGrant;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Nimbus OAuth 2.0 SDK, unmodified, completes every flow against the packaged server, and its error
 * parsing sees the documented codes.
 */
class NimbusClientIT {
    static final URI REDIRECT = URI.create("https://app.example/cb");
    static PackagedApp app;
    static AuthorizationServerMetadata metadata;

    @BeforeAll
    static void discover() throws Exception {
        app = PackagedApp.shared();
        metadata = AuthorizationServerMetadata.resolve(new Issuer(app.baseUrl()));
    }

    @Test
    void metadataDiscoveryFindsEveryEndpoint() {
        assertEquals(app.baseUrl(), metadata.getIssuer().getValue());
        assertEquals(URI.create(app.baseUrl() + "/oauth2/token"), metadata.getTokenEndpointURI());
        assertNotNull(metadata.getAuthorizationEndpointURI());
        assertNotNull(metadata.getRevocationEndpointURI());
        assertNotNull(metadata.getIntrospectionEndpointURI());
        assertNotNull(metadata.getJWKSetURI());
        assertEquals(List.of(CodeChallengeMethod.S256), metadata.getCodeChallengeMethods());
        assertTrue(metadata.supportsAuthorizationResponseIssuerParam());
    }

    @Test
    void authorizationCodeWithPkceThenRefreshRevokeIntrospect() throws Exception {
        var reg = ItClients.register(app, "confidential", List.of(REDIRECT.toString()),
                List.of("authorization_code", "refresh_token"));
        ClientAuthentication auth = new ClientSecretBasic(new ClientID(reg.clientId()), new Secret(reg.clientSecret()));
        CodeVerifier verifier = new CodeVerifier();
        State state = new State();
        AuthorizationRequest request = new AuthorizationRequest.Builder(new ResponseType(ResponseType.Value.CODE),
                new ClientID(reg.clientId()))
                .endpointURI(metadata.getAuthorizationEndpointURI())
                .redirectionURI(REDIRECT)
                .scope(new Scope(reg.scope()))
                .state(state)
                .codeChallenge(verifier, CodeChallengeMethod.S256)
                .build();

        AuthorizationResponse response = AuthorizationResponse.parse(new ItBrowser().authorize(request.toURI(), reg));
        AuthorizationSuccessResponse success = assertInstanceOf(AuthorizationSuccessResponse.class, response);
        assertEquals(state, success.getState());
        assertEquals(new Issuer(app.baseUrl()), success.getIssuer());
        AuthorizationCode code = success.getAuthorizationCode();

        TokenResponse tokens = TokenResponse.parse(new TokenRequest(metadata.getTokenEndpointURI(), auth,
                new AuthorizationCodeGrant(code, REDIRECT, verifier)).toHTTPRequest().send());
        AccessTokenResponse ok = assertInstanceOf(AccessTokenResponse.class, tokens, () -> error(tokens));
        AccessToken access = ok.getTokens().getAccessToken();
        RefreshToken refresh = ok.getTokens().getRefreshToken();
        assertNotNull(refresh);
        assertEquals(new Scope(reg.scope()), access.getScope());

        // the code is single-use
        TokenResponse replay = TokenResponse.parse(new TokenRequest(metadata.getTokenEndpointURI(), auth,
                new AuthorizationCodeGrant(code, REDIRECT, verifier)).toHTTPRequest().send());
        assertEquals("invalid_request", assertInstanceOf(TokenErrorResponse.class, replay).getErrorObject().getCode());

        // a fresh grant for the refresh, revoke and introspect steps
        AccessTokenResponse second = fullFlow(reg, auth);
        TokenResponse refreshed = TokenResponse.parse(new TokenRequest(metadata.getTokenEndpointURI(), auth,
                new RefreshTokenGrant(second.getTokens().getRefreshToken())).toHTTPRequest().send());
        AccessTokenResponse rotated = assertInstanceOf(AccessTokenResponse.class, refreshed, () -> error(refreshed));
        assertFalse(rotated.getTokens().getRefreshToken().equals(second.getTokens().getRefreshToken()));

        TokenIntrospectionSuccessResponse live = introspect(auth, rotated.getTokens().getAccessToken());
        assertTrue(live.isActive());
        assertEquals(new ClientID(reg.clientId()), live.getClientID());
        assertEquals(new Scope(reg.scope()), live.getScope());

        HTTPResponse revoked = new TokenRevocationRequest(metadata.getRevocationEndpointURI(), auth,
                rotated.getTokens().getRefreshToken()).toHTTPRequest().send();
        assertEquals(200, revoked.getStatusCode());
        TokenResponse afterRevoke = TokenResponse.parse(new TokenRequest(metadata.getTokenEndpointURI(), auth,
                new RefreshTokenGrant(rotated.getTokens().getRefreshToken())).toHTTPRequest().send());
        assertInstanceOf(TokenErrorResponse.class, afterRevoke);
        assertFalse(introspect(auth, rotated.getTokens().getAccessToken()).isActive());
    }

    @Test
    void tokenExchangeWithAnActorToken() throws Exception {
        var web = ItClients.register(app, "confidential", List.of(REDIRECT.toString()),
                List.of("authorization_code", "refresh_token"));
        AccessToken userToken = fullFlow(web, new ClientSecretBasic(new ClientID(web.clientId()),
                new Secret(web.clientSecret()))).getTokens().getAccessToken();
        var backend = ItClients.register(app, "confidential", List.of(),
                List.of(TokenExchangeGrant.GRANT_TYPE.getValue(), "client_credentials"), web.scope());
        ClientAuthentication auth = new ClientSecretBasic(new ClientID(backend.clientId()),
                new Secret(backend.clientSecret()));
        AccessToken actor = assertInstanceOf(AccessTokenResponse.class, TokenResponse.parse(new TokenRequest(
                metadata.getTokenEndpointURI(), auth, new ClientCredentialsGrant()).toHTTPRequest().send()))
                .getTokens().getAccessToken();

        TokenResponse response = TokenResponse.parse(new TokenRequest(metadata.getTokenEndpointURI(), auth,
                new TokenExchangeGrant(userToken, TokenTypeURI.ACCESS_TOKEN, actor, TokenTypeURI.ACCESS_TOKEN,
                        TokenTypeURI.ACCESS_TOKEN, null)).toHTTPRequest().send());
        AccessTokenResponse ok = assertInstanceOf(AccessTokenResponse.class, response, () -> error(response));
        assertEquals(TokenTypeURI.ACCESS_TOKEN, ok.getTokens().getAccessToken().getIssuedTokenType());
        assertEquals(new Scope(web.scope()), ok.getTokens().getAccessToken().getScope());
        assertNull(ok.getTokens().getRefreshToken());
        var claims = com.nimbusds.jwt.SignedJWT.parse(ok.getTokens().getAccessToken().getValue()).getJWTClaimsSet();
        assertEquals(backend.clientId(), claims.getJSONObjectClaim("act").get("sub"));
        assertTrue(metadata.getGrantTypes().contains(TokenExchangeGrant.GRANT_TYPE));

        // a token the server did not issue is refused with the documented code
        TokenResponse refused = TokenResponse.parse(new TokenRequest(metadata.getTokenEndpointURI(), auth,
                new TokenExchangeGrant(new com.nimbusds.oauth2.sdk.token.BearerAccessToken("not.issued.here"),
                        TokenTypeURI.ACCESS_TOKEN)).toHTTPRequest().send());
        assertEquals("invalid_request", assertInstanceOf(TokenErrorResponse.class, refused).getErrorObject().getCode());
    }

    @Test
    void deviceFlowForAPublicClient() throws Exception {
        var tv = ItClients.register(app, "public", List.of(),
                List.of(DeviceCodeGrant.GRANT_TYPE.getValue(), "refresh_token"));
        ClientID id = new ClientID(tv.clientId());
        assertNotNull(metadata.getDeviceAuthorizationEndpointURI());
        DeviceAuthorizationResponse response = DeviceAuthorizationResponse.parse(new DeviceAuthorizationRequest
                .Builder(id).endpointURI(metadata.getDeviceAuthorizationEndpointURI()).scope(new Scope(tv.scope()))
                .build().toHTTPRequest().send());
        assertTrue(response.indicatesSuccess());
        DeviceAuthorizationSuccessResponse codes = response.toSuccessResponse();
        assertEquals(URI.create(app.baseUrl() + "/oauth2/device"), codes.getVerificationURI());

        TokenResponse pending = TokenResponse.parse(new TokenRequest(metadata.getTokenEndpointURI(), id,
                new DeviceCodeGrant(codes.getDeviceCode())).toHTTPRequest().send());
        assertEquals(DeviceAuthorizationGrantError.AUTHORIZATION_PENDING,
                assertInstanceOf(TokenErrorResponse.class, pending).getErrorObject());

        new ItBrowser().answerDevice(app, codes.getUserCode().getValue(), tv.username(), true);
        Thread.sleep(codes.getInterval() * 1000L + 100);
        TokenResponse tokens = TokenResponse.parse(new TokenRequest(metadata.getTokenEndpointURI(), id,
                new DeviceCodeGrant(codes.getDeviceCode())).toHTTPRequest().send());
        AccessTokenResponse ok = assertInstanceOf(AccessTokenResponse.class, tokens, () -> error(tokens));
        assertEquals(new Scope(tv.scope()), ok.getTokens().getAccessToken().getScope());
        assertNotNull(ok.getTokens().getRefreshToken());
        assertTrue(metadata.getGrantTypes().contains(DeviceCodeGrant.GRANT_TYPE));

        // declined: the device is told access_denied, which ends its polling
        DeviceAuthorizationSuccessResponse second = DeviceAuthorizationResponse.parse(new DeviceAuthorizationRequest
                .Builder(id).endpointURI(metadata.getDeviceAuthorizationEndpointURI()).build().toHTTPRequest().send())
                .toSuccessResponse();
        new ItBrowser().answerDevice(app, second.getUserCode().getValue(), tv.username(), false);
        TokenResponse denied = TokenResponse.parse(new TokenRequest(metadata.getTokenEndpointURI(), id,
                new DeviceCodeGrant(second.getDeviceCode())).toHTTPRequest().send());
        assertEquals(com.nimbusds.oauth2.sdk.OAuth2Error.ACCESS_DENIED,
                assertInstanceOf(TokenErrorResponse.class, denied).getErrorObject());
    }

    @Test
    void clientCredentialsWithSecretPost() throws Exception {
        var reg = ItClients.register(app, "confidential", List.of(REDIRECT.toString()), List.of("client_credentials"));
        ClientAuthentication auth = new ClientSecretPost(new ClientID(reg.clientId()), new Secret(reg.clientSecret()));
        TokenResponse response = TokenResponse.parse(new TokenRequest(metadata.getTokenEndpointURI(), auth,
                new ClientCredentialsGrant(), new Scope(reg.scope())).toHTTPRequest().send());
        AccessTokenResponse ok = assertInstanceOf(AccessTokenResponse.class, response, () -> error(response));
        assertNull(ok.getTokens().getRefreshToken());
        assertEquals(600, ok.getTokens().getAccessToken().getLifetime());
        assertTrue(introspect(auth, ok.getTokens().getAccessToken()).isActive());
    }

    @Test
    void errorsParseToTheDocumentedCodes() throws Exception {
        var reg = ItClients.register(app, "confidential", List.of(REDIRECT.toString()), List.of("client_credentials"));
        ClientAuthentication wrong = new ClientSecretBasic(new ClientID(reg.clientId()), new Secret("wrong"));
        TokenErrorResponse invalidClient = assertInstanceOf(TokenErrorResponse.class, TokenResponse.parse(
                new TokenRequest(metadata.getTokenEndpointURI(), wrong, new ClientCredentialsGrant()).toHTTPRequest().send()));
        assertEquals("invalid_client", invalidClient.getErrorObject().getCode());
        assertEquals(401, invalidClient.getErrorObject().getHTTPStatusCode());

        ClientAuthentication auth = new ClientSecretBasic(new ClientID(reg.clientId()), new Secret(reg.clientSecret()));
        TokenErrorResponse notAllowed = assertInstanceOf(TokenErrorResponse.class, TokenResponse.parse(
                new TokenRequest(metadata.getTokenEndpointURI(), auth, new RefreshTokenGrant(new RefreshToken("x")))
                        .toHTTPRequest().send()));
        assertEquals("unsupported_grant_type", notAllowed.getErrorObject().getCode());

        TokenErrorResponse badScope = assertInstanceOf(TokenErrorResponse.class, TokenResponse.parse(
                new TokenRequest(metadata.getTokenEndpointURI(), auth, new ClientCredentialsGrant(), new Scope("nope"))
                        .toHTTPRequest().send()));
        assertEquals("invalid_request", badScope.getErrorObject().getCode());

        // on the redirect: a scope the client may not use
        var other = ItClients.register(app, "public", List.of(REDIRECT.toString()), List.of("authorization_code"));
        AuthorizationRequest forbidden = new AuthorizationRequest.Builder(new ResponseType(ResponseType.Value.CODE),
                new ClientID(other.clientId())).endpointURI(metadata.getAuthorizationEndpointURI())
                .redirectionURI(REDIRECT).scope(new Scope(reg.scope())).state(new State())
                .codeChallenge(new CodeVerifier(), CodeChallengeMethod.S256).build();
        HttpResponse<String> redirect = HttpClient.newHttpClient().send(HttpRequest.newBuilder(forbidden.toURI()).build(),
                HttpResponse.BodyHandlers.ofString());
        AuthorizationErrorResponse error = assertInstanceOf(AuthorizationErrorResponse.class,
                AuthorizationResponse.parse(URI.create(redirect.headers().firstValue("Location").orElseThrow())));
        assertEquals("forbidden_scope", error.getErrorObject().getCode());
        assertEquals(new Issuer(app.baseUrl()), error.getIssuer());
    }

    private AccessTokenResponse fullFlow(ItClients.Registered reg, ClientAuthentication auth) throws Exception {
        CodeVerifier verifier = new CodeVerifier();
        AuthorizationRequest request = new AuthorizationRequest.Builder(new ResponseType(ResponseType.Value.CODE),
                new ClientID(reg.clientId())).endpointURI(metadata.getAuthorizationEndpointURI())
                .redirectionURI(REDIRECT).state(new State()).codeChallenge(verifier, CodeChallengeMethod.S256).build();
        var success = AuthorizationResponse.parse(new ItBrowser().authorize(request.toURI(), reg))
                .toSuccessResponse();
        TokenResponse response = TokenResponse.parse(new TokenRequest(metadata.getTokenEndpointURI(), auth,
                new AuthorizationCodeGrant(success.getAuthorizationCode(), REDIRECT, verifier)).toHTTPRequest().send());
        return assertInstanceOf(AccessTokenResponse.class, response, () -> error(response));
    }

    private TokenIntrospectionSuccessResponse introspect(ClientAuthentication auth, AccessToken token) throws Exception {
        TokenIntrospectionResponse response = TokenIntrospectionResponse.parse(new TokenIntrospectionRequest(
                metadata.getIntrospectionEndpointURI(), auth, token).toHTTPRequest().send());
        return assertInstanceOf(TokenIntrospectionSuccessResponse.class, response);
    }

    private static String error(TokenResponse response) {
        return response.indicatesSuccess() ? "" : response.toErrorResponse().getErrorObject().toJSONObject().toString();
    }
}
