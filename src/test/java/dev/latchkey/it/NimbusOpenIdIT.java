package dev.latchkey.it;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.AuthorizationCodeGrant;
import com.nimbusds.oauth2.sdk.AuthorizationResponse;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.oauth2.sdk.token.BearerAccessToken;
import com.nimbusds.openid.connect.sdk.AuthenticationRequest;
import com.nimbusds.openid.connect.sdk.Nonce;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponse;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponseParser;
import com.nimbusds.openid.connect.sdk.UserInfoErrorResponse;
import com.nimbusds.openid.connect.sdk.UserInfoRequest;
import com.nimbusds.openid.connect.sdk.UserInfoResponse;
import com.nimbusds.openid.connect.sdk.claims.IDTokenClaimsSet;
import com.nimbusds.openid.connect.sdk.claims.UserInfo;
import com.nimbusds.openid.connect.sdk.op.OIDCProviderMetadata;
import com.nimbusds.openid.connect.sdk.validators.AccessTokenValidator;
import com.nimbusds.openid.connect.sdk.validators.IDTokenValidator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Nimbus OpenID Connect SDK, unmodified, against the packaged server: provider discovery, the code flow
 * with a nonce, {@code IDTokenValidator} for both algorithms, and the UserInfo endpoint.
 */
class NimbusOpenIdIT {
    static final URI REDIRECT = URI.create("https://app.example/cb");
    static PackagedApp app;
    static OIDCProviderMetadata provider;

    @BeforeAll
    static void discover() throws Exception {
        app = PackagedApp.shared();
        provider = OIDCProviderMetadata.resolve(new Issuer(app.baseUrl()));
    }

    @Test
    void providerMetadataNamesTheOpenIdEndpoints() {
        assertEquals(URI.create(app.baseUrl() + "/oauth2/userinfo"), provider.getUserInfoEndpointURI());
        assertEquals(URI.create(app.baseUrl() + "/oauth2/logout"), provider.getEndSessionEndpointURI());
        assertTrue(provider.getIDTokenJWSAlgs().contains(JWSAlgorithm.RS256));
        assertTrue(provider.getScopes().contains("openid"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"RS256", "ES256"})
    void idTokenValidatesAndUserInfoNamesTheUser(String algorithm) throws Exception {
        var reg = ItClients.registerOpenId(app, "confidential", List.of(REDIRECT.toString()),
                Map.of("id_token_signed_response_alg", algorithm));
        ClientID clientId = new ClientID(reg.clientId());
        Nonce nonce = new Nonce();
        CodeVerifier verifier = new CodeVerifier();
        AuthenticationRequest request = new AuthenticationRequest.Builder(new ResponseType(ResponseType.Value.CODE),
                new Scope("openid", "profile", "email"), clientId, REDIRECT)
                .endpointURI(provider.getAuthorizationEndpointURI())
                .state(new State()).nonce(nonce).codeChallenge(verifier, CodeChallengeMethod.S256).build();
        AuthorizationCode code = AuthorizationResponse.parse(new ItBrowser().authorize(request.toURI(), reg))
                .toSuccessResponse().getAuthorizationCode();

        OIDCTokenResponse tokens = assertInstanceOf(OIDCTokenResponse.class, OIDCTokenResponseParser.parse(
                new TokenRequest(provider.getTokenEndpointURI(), new ClientSecretBasic(clientId,
                        new Secret(reg.clientSecret())), new AuthorizationCodeGrant(code, REDIRECT, verifier))
                        .toHTTPRequest().send()));
        IDTokenValidator validator = new IDTokenValidator(provider.getIssuer(), clientId,
                JWSAlgorithm.parse(algorithm), provider.getJWKSetURI().toURL());
        IDTokenClaimsSet claims = validator.validate(tokens.getOIDCTokens().getIDToken(), nonce);
        AccessTokenValidator.validate(tokens.getOIDCTokens().getAccessToken(), JWSAlgorithm.parse(algorithm),
                claims.getAccessTokenHash());
        assertEquals("Ada Lovelace", claims.getStringClaim("name"));

        UserInfoResponse userInfo = UserInfoResponse.parse(new UserInfoRequest(provider.getUserInfoEndpointURI(),
                (BearerAccessToken) tokens.getOIDCTokens().getAccessToken()).toHTTPRequest().send());
        UserInfo user = userInfo.toSuccessResponse().getUserInfo();
        assertEquals(claims.getSubject(), user.getSubject());
        assertEquals("Ada Lovelace", user.getName());
        assertEquals(reg.username() + "@example.com", user.getEmailAddress());
        assertEquals(Boolean.TRUE, user.getEmailVerified());
        assertEquals(reg.username(), user.getPreferredUsername());
    }

    @Test
    void userInfoErrorsParseAsRfc6750() throws Exception {
        UserInfoResponse response = UserInfoResponse.parse(new UserInfoRequest(provider.getUserInfoEndpointURI(),
                new BearerAccessToken("not-a-token")).toHTTPRequest().send());
        UserInfoErrorResponse error = assertInstanceOf(UserInfoErrorResponse.class, response);
        assertEquals("invalid_token", error.getErrorObject().getCode());
        assertEquals(401, error.getErrorObject().getHTTPStatusCode());
    }
}
