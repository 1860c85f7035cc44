package dev.latchkey.it;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.AuthorizationCodeGrant;
import com.nimbusds.oauth2.sdk.AuthorizationRequest;
import com.nimbusds.oauth2.sdk.AuthorizationResponse;
import com.nimbusds.oauth2.sdk.PushedAuthorizationRequest;
import com.nimbusds.oauth2.sdk.PushedAuthorizationResponse;
import com.nimbusds.oauth2.sdk.RefreshTokenGrant;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenErrorResponse;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.dpop.DPoPProofFactory;
import com.nimbusds.oauth2.sdk.dpop.DefaultDPoPProofFactory;
import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.oauth2.sdk.token.AccessTokenType;
import com.nimbusds.oauth2.sdk.token.BearerAccessToken;
import com.nimbusds.oauth2.sdk.token.DPoPAccessToken;
import com.nimbusds.oauth2.sdk.token.RefreshToken;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponse;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponseParser;
import com.nimbusds.openid.connect.sdk.UserInfoRequest;
import com.nimbusds.openid.connect.sdk.UserInfoResponse;
import com.nimbusds.openid.connect.sdk.op.OIDCProviderMetadata;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Nimbus OAuth SDK, unmodified, against the packaged server: a public client that must push its requests
 * and bind its tokens pushes with {@code PushedAuthorizationRequest}, signs in through the real pages, redeems
 * the code with a {@code DPoPProofFactory} proof, refreshes with its bound refresh token, and reads userinfo with
 * a proof; a thief holding the tokens but not the key gets nothing.
 */
class NimbusDpopParIT {
    static final URI REDIRECT = URI.create("https://app.example/cb");
    static PackagedApp app;
    static OIDCProviderMetadata provider;

    @BeforeAll
    static void discover() throws Exception {
        app = PackagedApp.shared();
        provider = OIDCProviderMetadata.resolve(new Issuer(app.baseUrl()));
    }

    @Test
    void publicClientCompletesAPushedDpopBoundCodeFlowAndAThiefWithoutTheKeyIsRefused() throws Exception {
        assertEquals(URI.create(app.baseUrl() + "/oauth2/par"), provider.getPushedAuthorizationRequestEndpointURI());
        assertTrue(provider.getDPoPJWSAlgs().contains(JWSAlgorithm.ES256));
        var reg = ItClients.registerOpenId(app, "public", List.of(REDIRECT.toString()),
                Map.of("dpop_bound_access_tokens", true, "require_pushed_authorization_requests", true));
        ClientID clientId = new ClientID(reg.clientId());
        ECKey key = new ECKeyGenerator(Curve.P_256).generate();
        DPoPProofFactory proofs = new DefaultDPoPProofFactory(key, JWSAlgorithm.ES256);

        // push: the parameters go server to server; the browser gets only the reference
        CodeVerifier verifier = new CodeVerifier();
        AuthorizationRequest request = new AuthorizationRequest.Builder(new ResponseType(ResponseType.Value.CODE),
                clientId).redirectionURI(REDIRECT).scope(new Scope("openid", "profile")).state(new State())
                .codeChallenge(verifier, CodeChallengeMethod.S256).build();
        HTTPResponse pushed = new PushedAuthorizationRequest(provider.getPushedAuthorizationRequestEndpointURI(),
                request).toHTTPRequest().send();
        assertEquals(201, pushed.getStatusCode(), pushed.getBody());
        URI requestUri = PushedAuthorizationResponse.parse(pushed).toSuccessResponse().getRequestURI();
        URI byReference = new AuthorizationRequest.Builder(requestUri, clientId)
                .endpointURI(provider.getAuthorizationEndpointURI()).build().toURI();
        assertFalse(byReference.toString().contains("code_challenge"), byReference.toString());
        AuthorizationCode code = AuthorizationResponse.parse(new ItBrowser().authorize(byReference, reg))
                .toSuccessResponse().getAuthorizationCode();

        // the code, redeemed with a proof: DPoP-bound tokens
        HTTPRequest redeem = new TokenRequest(provider.getTokenEndpointURI(), clientId,
                new AuthorizationCodeGrant(code, REDIRECT, verifier)).toHTTPRequest();
        redeem.setDPoP(proofs.createDPoPJWT(redeem.getMethod().name(), redeem.getURI()));
        OIDCTokenResponse tokens = assertInstanceOf(OIDCTokenResponse.class,
                OIDCTokenResponseParser.parse(redeem.send()));
        assertEquals(AccessTokenType.DPOP, tokens.getOIDCTokens().getAccessToken().getType());
        DPoPAccessToken accessToken = (DPoPAccessToken) tokens.getOIDCTokens().getAccessToken();
        RefreshToken refreshToken = tokens.getOIDCTokens().getRefreshToken();

        // userinfo with a proof for this token (ath)
        HTTPRequest userInfo = new UserInfoRequest(provider.getUserInfoEndpointURI(), accessToken).toHTTPRequest();
        userInfo.setDPoP(proofs.createDPoPJWT("GET", provider.getUserInfoEndpointURI(), accessToken));
        UserInfoResponse user = UserInfoResponse.parse(userInfo.send());
        assertEquals("Ada Lovelace", user.toSuccessResponse().getUserInfo().getName());

        // a thief with both tokens and no key: the access token as a bearer token, the refresh token without a proof
        HTTPResponse stolen = new UserInfoRequest(provider.getUserInfoEndpointURI(),
                new BearerAccessToken(accessToken.getValue())).toHTTPRequest().send();
        assertEquals(401, stolen.getStatusCode());
        assertTrue(stolen.getHeaderValue("WWW-Authenticate").startsWith("DPoP "), stolen.getHeaderValue("WWW-Authenticate"));
        TokenResponse thief = TokenResponse.parse(new TokenRequest(provider.getTokenEndpointURI(), clientId,
                new RefreshTokenGrant(refreshToken)).toHTTPRequest().send());
        assertEquals("invalid_request", assertInstanceOf(TokenErrorResponse.class, thief).getErrorObject().getCode());
        HTTPRequest otherKey = new TokenRequest(provider.getTokenEndpointURI(), clientId,
                new RefreshTokenGrant(refreshToken)).toHTTPRequest();
        otherKey.setDPoP(new DefaultDPoPProofFactory(new ECKeyGenerator(Curve.P_256).generate(), JWSAlgorithm.ES256)
                .createDPoPJWT("POST", provider.getTokenEndpointURI()));
        assertFalse(TokenResponse.parse(otherKey.send()).indicatesSuccess());

        // the owner refreshes with its key: the refresh token was not spent by the thief's tries
        HTTPRequest refresh = new TokenRequest(provider.getTokenEndpointURI(), clientId,
                new RefreshTokenGrant(refreshToken)).toHTTPRequest();
        refresh.setDPoP(proofs.createDPoPJWT("POST", provider.getTokenEndpointURI()));
        OIDCTokenResponse refreshed = assertInstanceOf(OIDCTokenResponse.class,
                OIDCTokenResponseParser.parse(refresh.send()));
        assertEquals(AccessTokenType.DPOP, refreshed.getOIDCTokens().getAccessToken().getType());
    }
}
