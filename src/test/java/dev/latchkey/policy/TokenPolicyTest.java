package dev.latchkey.policy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Client authentication and the grant checks as a table: each row a situation and the reason it must give. */
class TokenPolicyTest {
    static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
    static final String VERIFIER = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
    static final String CHALLENGE = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";
    static final String SECRET = "s3cret-value-with-256-bits-of-entropy-000000";
    static final ClientView CLIENT = withSecret(TestClients.confidential().build());
    static final ClientView PUBLIC = TestClients.publicClient().build();
    static final UUID USER = UUID.randomUUID();

    /** A row: what is checked (may throw), and the reason expected, or null for success. */
    record Case(String name, Runnable check, Reason expected) {
        @Override
        public String toString() {
            return name;
        }
    }

    static ClientView withSecret(ClientView c) {
        return new ClientView(c.clientId(), c.name(), c.type(), Hashes.sha256(SECRET), c.redirectUris(),
                c.allowedScopes(), c.defaultScopes(), c.grantTypes(), c.requirePkce(), c.enabled(), c.createdAt(),
                c.updatedAt(), c.postLogoutRedirectUris(), c.idTokenSignedResponseAlg(), c.allowedResources(),
                c.tokenEndpointAuthMethod(), c.clientUri(), c.logoUri(), c.contacts(), c.registrationTokenHash(),
                c.firstTokenAt(), c.dpopBoundAccessTokens(), c.requirePushedAuthorizationRequests());
    }

    static TokenRequest req(String... pairs) {
        return reqWithAuth(null, pairs);
    }

    static TokenRequest reqWithAuth(String authorization, String... pairs) {
        Map<String, List<String>> p = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            p.computeIfAbsent(pairs[i], k -> new ArrayList<>()).add(pairs[i + 1]);
        }
        return new TokenRequest(Parameters.of(p), authorization);
    }

    /** The grant types of this server, and every parameter its token endpoint knows. */
    static final List<String> SUPPORTED = List.of(CodeGrantPolicy.GRANT_TYPE, RefreshGrantPolicy.GRANT_TYPE,
            ClientCredentialsGrantPolicy.GRANT_TYPE);
    static final Set<String> KNOWN = java.util.stream.Stream.of(TokenRequest.COMMON, CodeGrantPolicy.PARAMETERS,
            RefreshGrantPolicy.PARAMETERS, ClientCredentialsGrantPolicy.PARAMETERS)
            .flatMap(Set::stream).collect(java.util.stream.Collectors.toSet());

    static String basic(String raw) {
        return "Basic " + Base64.getEncoder().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    static StoredCode code(String clientId, String redirectUri, String challenge, Instant expires, boolean before,
                           boolean now) {
        return new StoredCode(clientId, USER, redirectUri, "read", challenge, expires, consumption(before, now), null, null);
    }

    static final StoredCode GOOD_CODE = code("client-1", "https://app.example/cb", CHALLENGE, NOW.plusSeconds(30),
            false, true);

    static StoredRefreshToken refresh(String clientId, Instant expires, boolean rotatedBefore, boolean revoked,
                                      boolean rotatedNow) {
        return new StoredRefreshToken(UUID.randomUUID(), clientId, USER, "read write", expires, revoked,
                consumption(rotatedBefore, rotatedNow), null, null, null);
    }

    static Consumption consumption(boolean before, boolean now) {
        return before ? Consumption.USED_BEFORE : now ? Consumption.CONSUMED_NOW : Consumption.NOT_CONSUMED;
    }

    static void authenticate(TokenRequest r, ClientView client) {
        ClientAuthPolicy.authenticate(ClientAuthPolicy.credentials(r.authorization(), r.params()), client);
    }

    static void checkCode(TokenRequest r, StoredCode stored) {
        CodeGrantPolicy.code(r);
        CodeGrantPolicy.check(r, CLIENT, stored, NOW);
    }

    static List<Case> cases() {
        TokenRequest codeReq = req("grant_type", "authorization_code", "code", "c", "redirect_uri",
                "https://app.example/cb", "code_verifier", VERIFIER);
        List<Case> c = new ArrayList<>();
        // the request
        c.add(new Case("parameter repeated", () -> req("grant_type", "a", "grant_type", "b").checkNoRepeats(KNOWN),
                TokenReason.REQUEST_PARAMETER_REPEATED));
        c.add(new Case("unknown parameter repeated is fine", () -> req("x", "1", "x", "2").checkNoRepeats(KNOWN), null));
        // client authentication
        c.add(new Case("basic ok", () -> authenticate(reqWithAuth(basic("client-1:" + SECRET)), CLIENT), null));
        c.add(new Case("basic with encoded id", () -> authenticate(reqWithAuth(basic("client%2D1:" + SECRET)), CLIENT), null));
        c.add(new Case("post ok", () -> authenticate(req("client_id", "client-1", "client_secret", SECRET), CLIENT), null));
        c.add(new Case("public none ok", () -> authenticate(req("client_id", "client-1"), PUBLIC), null));
        c.add(new Case("no credentials", () -> authenticate(req(), CLIENT), TokenReason.CLIENT_AUTH_MISSING));
        c.add(new Case("confidential without secret", () -> authenticate(req("client_id", "client-1"), CLIENT),
                TokenReason.CLIENT_AUTH_MISSING));
        c.add(new Case("basic and post secret", () -> authenticate(reqWithAuth(basic("client-1:" + SECRET),
                "client_secret", SECRET), CLIENT), TokenReason.CLIENT_AUTH_MULTIPLE));
        c.add(new Case("basic and other client_id", () -> authenticate(reqWithAuth(basic("client-1:" + SECRET),
                "client_id", "client-2"), CLIENT), TokenReason.CLIENT_AUTH_MULTIPLE));
        c.add(new Case("basic not base64", () -> authenticate(reqWithAuth("Basic ***"), CLIENT), TokenReason.CLIENT_AUTH_MALFORMED));
        c.add(new Case("basic without colon", () -> authenticate(reqWithAuth(basic("client-1")), CLIENT),
                TokenReason.CLIENT_AUTH_MALFORMED));
        c.add(new Case("bearer scheme", () -> authenticate(reqWithAuth("Bearer x"), CLIENT), TokenReason.CLIENT_AUTH_MALFORMED));
        c.add(new Case("wrong secret", () -> authenticate(reqWithAuth(basic("client-1:nope")), CLIENT),
                TokenReason.CLIENT_AUTH_FAILED));
        c.add(new Case("unknown client", () -> authenticate(reqWithAuth(basic("client-1:" + SECRET)), null),
                TokenReason.CLIENT_AUTH_FAILED));
        c.add(new Case("disabled client", () -> authenticate(reqWithAuth(basic("client-1:" + SECRET)),
                withSecret(TestClients.confidential().disabled().build())), TokenReason.CLIENT_AUTH_FAILED));
        c.add(new Case("public client with a secret", () -> authenticate(req("client_id", "client-1",
                "client_secret", "x"), PUBLIC), TokenReason.CLIENT_AUTH_FAILED));
        // grant type
        c.add(new Case("grant_type missing", () -> TokenPolicy.grantType(req(), CLIENT, SUPPORTED), TokenReason.GRANT_TYPE_MISSING));
        c.add(new Case("grant_type password", () -> TokenPolicy.grantType(req("grant_type", "password"), CLIENT, SUPPORTED),
                TokenReason.GRANT_TYPE_UNSUPPORTED));
        c.add(new Case("grant not enabled", () -> TokenPolicy.grantType(req("grant_type", "client_credentials"), PUBLIC, SUPPORTED),
                TokenReason.GRANT_TYPE_NOT_ALLOWED));
        // authorization_code
        c.add(new Case("code ok", () -> checkCode(codeReq, GOOD_CODE), null));
        c.add(new Case("code missing", () -> CodeGrantPolicy.code(req("grant_type", "authorization_code")), CodeGrantReason.CODE_MISSING));
        c.add(new Case("verifier malformed", () -> CodeGrantPolicy.code(req("code", "c", "code_verifier", "short")),
                CodeGrantReason.PKCE_VERIFIER_MALFORMED));
        c.add(new Case("code unknown", () -> checkCode(codeReq, null), CodeGrantReason.CODE_UNKNOWN));
        c.add(new Case("code reused", () -> checkCode(codeReq, code("client-1", null, CHALLENGE, NOW.plusSeconds(30),
                true, false)), CodeGrantReason.CODE_REUSED));
        // another client's used code: it learns only that the code is not its own, and revokes nothing
        c.add(new Case("used code of another client", () -> checkCode(codeReq, code("client-2", null, CHALLENGE,
                NOW.plusSeconds(30), true, false)), CodeGrantReason.CODE_OTHER_CLIENT));
        c.add(new Case("code of another client", () -> checkCode(codeReq, code("client-2", null, CHALLENGE,
                NOW.plusSeconds(30), false, false)), CodeGrantReason.CODE_OTHER_CLIENT));
        c.add(new Case("code expired", () -> checkCode(codeReq, code("client-1", null, CHALLENGE, NOW, false, false)),
                CodeGrantReason.CODE_EXPIRED));
        c.add(new Case("redirect_uri differs", () -> checkCode(req("code", "c", "redirect_uri", "https://app.example/x",
                "code_verifier", VERIFIER), GOOD_CODE), CodeGrantReason.REDIRECT_URI_MISMATCH));
        c.add(new Case("redirect_uri missing though sent at authorize", () -> checkCode(req("code", "c",
                "code_verifier", VERIFIER), GOOD_CODE), CodeGrantReason.REDIRECT_URI_MISMATCH));
        c.add(new Case("redirect_uri not needed when not sent at authorize", () -> checkCode(req("code", "c",
                "code_verifier", VERIFIER), code("client-1", null, CHALLENGE, NOW.plusSeconds(1), false, true)), null));
        c.add(new Case("verifier missing", () -> checkCode(req("code", "c", "redirect_uri", "https://app.example/cb"),
                GOOD_CODE), CodeGrantReason.PKCE_VERIFIER_MISSING));
        c.add(new Case("verifier wrong", () -> checkCode(req("code", "c", "redirect_uri", "https://app.example/cb",
                "code_verifier", VERIFIER.replace('d', 'e')), GOOD_CODE), CodeGrantReason.PKCE_VERIFIER_MISMATCH));
        c.add(new Case("verifier without challenge (downgrade)", () -> checkCode(codeReq, code("client-1",
                "https://app.example/cb", null, NOW.plusSeconds(30), false, true)), CodeGrantReason.PKCE_VERIFIER_UNEXPECTED));
        // refresh_token
        Set<String> none = null;
        c.add(new Case("refresh ok", () -> RefreshGrantPolicy.check(none, CLIENT,
                refresh("client-1", NOW.plusSeconds(60), false, false, true), NOW), null));
        c.add(new Case("refresh missing", () -> RefreshGrantPolicy.requested(req("grant_type", "refresh_token")),
                RefreshGrantReason.REFRESH_TOKEN_MISSING));
        c.add(new Case("refresh scope malformed", () -> RefreshGrantPolicy.requested(req("refresh_token", "r", "scope", " x")),
                TokenReason.TOKEN_SCOPE_MALFORMED));
        c.add(new Case("refresh unknown", () -> RefreshGrantPolicy.check(none, CLIENT, null, NOW),
                RefreshGrantReason.REFRESH_TOKEN_UNKNOWN));
        c.add(new Case("refresh reused", () -> RefreshGrantPolicy.check(none, CLIENT,
                refresh("client-1", NOW.plusSeconds(60), true, false, false), NOW), RefreshGrantReason.REFRESH_TOKEN_REUSED));
        c.add(new Case("rotated refresh token of another client", () -> RefreshGrantPolicy.check(none, CLIENT,
                refresh("client-2", NOW.plusSeconds(60), true, false, false), NOW), RefreshGrantReason.REFRESH_TOKEN_OTHER_CLIENT));
        c.add(new Case("refresh of another client", () -> RefreshGrantPolicy.check(none, CLIENT,
                refresh("client-2", NOW.plusSeconds(60), false, false, false), NOW), RefreshGrantReason.REFRESH_TOKEN_OTHER_CLIENT));
        c.add(new Case("refresh family revoked", () -> RefreshGrantPolicy.check(none, CLIENT,
                refresh("client-1", NOW.plusSeconds(60), false, true, false), NOW), RefreshGrantReason.REFRESH_TOKEN_REVOKED));
        c.add(new Case("refresh expired", () -> RefreshGrantPolicy.check(none, CLIENT,
                refresh("client-1", NOW, false, false, false), NOW), RefreshGrantReason.REFRESH_TOKEN_EXPIRED));
        c.add(new Case("refresh narrower", () -> RefreshGrantPolicy.check(Set.of("read"), CLIENT,
                refresh("client-1", NOW.plusSeconds(60), false, false, true), NOW), null));
        c.add(new Case("refresh broader", () -> RefreshGrantPolicy.check(Set.of("read", "admin"), CLIENT,
                refresh("client-1", NOW.plusSeconds(60), false, false, true), NOW), RefreshGrantReason.TOKEN_SCOPE_BROADER));
        // client_credentials
        c.add(new Case("cc default scopes", () -> ClientCredentialsGrantPolicy.scopes(req(), CLIENT), null));
        c.add(new Case("cc scope not allowed", () -> ClientCredentialsGrantPolicy.scopes(req("scope", "admin"), CLIENT),
                ClientCredentialsReason.TOKEN_SCOPE_NOT_ALLOWED));
        c.add(new Case("cc no scope, no defaults", () -> ClientCredentialsGrantPolicy.scopes(req(),
                withSecret(TestClients.confidential().defaults().build())), ClientCredentialsReason.TOKEN_SCOPE_NONE));
        return c;
    }

    static Stream<Arguments> rows() {
        return cases().stream().map(Arguments::of);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void decides(Case c) {
        if (c.expected() == null) {
            c.check().run();
            return;
        }
        Refusal refusal = assertThrows(Refusal.class, () -> c.check().run());
        assertEquals(c.expected(), refusal.reason());
    }
}
