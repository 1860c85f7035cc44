package dev.latchkey.policy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The authorization request checks (docs/errors.md) as a table: each row a request, a client, and the expected outcome. */
class AuthorizePolicyTest {
    static final String CHALLENGE = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";
    static final Set<String> EXISTING = Set.of("read", "write", "admin");

    /** A row: request parameters, the client the flow found (null: none), the expectation. */
    record Case(String name, Req params, ClientView client, Reason expected,
                String expectedRedirect) {
        @Override
        public String toString() {
            return name;
        }
    }

    /** Request parameters, starting from a valid request. */
    static final class Req {
        final Map<String, List<String>> map = new LinkedHashMap<>();

        Req() {
            set("client_id", "client-1").set("response_type", "code").set("redirect_uri", "https://app.example/cb")
                    .set("scope", "read").set("state", "s1").set("code_challenge", CHALLENGE)
                    .set("code_challenge_method", "S256");
        }

        Req set(String name, String... values) {
            map.put(name, List.of(values));
            return this;
        }

        Req drop(String... names) {
            for (String n : names) {
                map.remove(n);
            }
            return this;
        }
    }

    static Req valid() {
        return new Req();
    }

    static Req with(String name, String... values) {
        return new Req().set(name, values);
    }

    static Req without(String... names) {
        return new Req().drop(names);
    }

    static final ClientView CLIENT = TestClients.confidential().resources("https://api.example/",
            "https://write-only.example/").build();
    /** The registered resources: one accepting read, one accepting write only, one the client may not use. */
    static final Map<String, ResourceView> RESOURCES = Map.of(
            "https://api.example/", resource("https://api.example/", "read"),
            "https://write-only.example/", resource("https://write-only.example/", "write"),
            "https://other.example/", resource("https://other.example/", "read"));

    static ResourceView resource(String uri, String... scopes) {
        return new ResourceView(uri, uri, uri, Set.of(scopes), "at+jwt", java.time.Instant.EPOCH,
                java.time.Instant.EPOCH);
    }
    static final String CB = "https://app.example/cb";

    static List<Case> cases() {
        List<Case> c = new ArrayList<>();
        c.add(new Case("valid request", valid(), CLIENT, null, CB));
        c.add(new Case("unknown parameters are ignored", with("ui_locales", "de"), CLIENT, null, CB));
        c.add(new Case("empty value counts as absent", with("state", ""), CLIENT, null, CB));
        // 1. client
        c.add(new Case("client_id missing", without("client_id"), null, AuthorizeReason.CLIENT_ID_MISSING, null));
        c.add(new Case("client_id repeated", with("client_id", "client-1", "client-1"), CLIENT, AuthorizeReason.CLIENT_ID_REPEATED, null));
        c.add(new Case("client unknown", valid(), null, AuthorizeReason.CLIENT_UNKNOWN, null));
        c.add(new Case("client disabled", valid(), TestClients.confidential().disabled().build(), AuthorizeReason.CLIENT_DISABLED, null));
        c.add(new Case("unknown client outranks bad response_type", with("response_type", "token"), null,
                AuthorizeReason.CLIENT_UNKNOWN, null));
        c.add(new Case("client must push its requests (RFC 9126)", valid(),
                TestClients.confidential().requiringPush().build(), AuthorizeReason.PUSH_REQUIRED, CB));
        c.add(new Case("a pushing client's bad redirect_uri is still no redirect", with("redirect_uri", "https://evil.example/cb"),
                TestClients.confidential().requiringPush().build(), AuthorizeReason.REDIRECT_URI_UNREGISTERED, null));
        // 2. redirect URI
        c.add(new Case("redirect_uri repeated", with("redirect_uri", CB, CB), CLIENT, AuthorizeReason.REDIRECT_URI_REPEATED, null));
        c.add(new Case("redirect_uri unregistered", with("redirect_uri", "https://evil.example/cb"), CLIENT,
                AuthorizeReason.REDIRECT_URI_UNREGISTERED, null));
        c.add(new Case("redirect_uri differs by trailing slash", with("redirect_uri", CB + "/"), CLIENT,
                AuthorizeReason.REDIRECT_URI_UNREGISTERED, null));
        c.add(new Case("redirect_uri differs by case", with("redirect_uri", "https://APP.example/cb"), CLIENT,
                AuthorizeReason.REDIRECT_URI_UNREGISTERED, null));
        c.add(new Case("redirect_uri with extra query", with("redirect_uri", CB + "?x=1"), CLIENT,
                AuthorizeReason.REDIRECT_URI_UNREGISTERED, null));
        c.add(new Case("bad redirect_uri outranks bad response_type", with("redirect_uri", "https://evil.example/")
                .set("response_type", "token"), CLIENT, AuthorizeReason.REDIRECT_URI_UNREGISTERED, null));
        c.add(new Case("redirect_uri missing, one registered", without("redirect_uri"), CLIENT, null, CB));
        c.add(new Case("redirect_uri missing, two registered", without("redirect_uri"),
                TestClients.confidential().redirectUris(CB, "https://app.example/other").build(),
                AuthorizeReason.REDIRECT_URI_AMBIGUOUS, null));
        c.add(new Case("redirect_uri missing, none registered", without("redirect_uri"),
                TestClients.confidential().redirectUris().build(), AuthorizeReason.REDIRECT_URI_AMBIGUOUS, null));
        c.add(new Case("loopback redirect may differ in port", with("redirect_uri", "http://127.0.0.1:51234/cb"),
                TestClients.publicClient().redirectUris("http://127.0.0.1/cb").build(), null, "http://127.0.0.1:51234/cb"));
        c.add(new Case("loopback redirect may not differ in path", with("redirect_uri", "http://127.0.0.1:51234/other"),
                TestClients.publicClient().redirectUris("http://127.0.0.1/cb").build(), AuthorizeReason.REDIRECT_URI_UNREGISTERED, null));
        // 3. repeats
        c.add(new Case("scope repeated", with("scope", "read", "write"), CLIENT, AuthorizeReason.PARAMETER_REPEATED, CB));
        c.add(new Case("state repeated", with("state", "a", "b"), CLIENT, AuthorizeReason.PARAMETER_REPEATED, CB));
        c.add(new Case("repeat outranks missing response_type", with("scope", "read", "write").drop("response_type"), CLIENT,
                AuthorizeReason.PARAMETER_REPEATED, CB));
        // 4. response type
        c.add(new Case("response_type missing", without("response_type"), CLIENT, AuthorizeReason.RESPONSE_TYPE_MISSING, CB));
        c.add(new Case("response_type token", with("response_type", "token"), CLIENT, AuthorizeReason.RESPONSE_TYPE_UNSUPPORTED, CB));
        c.add(new Case("response_type code id_token", with("response_type", "code id_token"), CLIENT,
                AuthorizeReason.RESPONSE_TYPE_UNSUPPORTED, CB));
        c.add(new Case("client without authorization_code", valid(),
                TestClients.confidential().grants(ClientCredentialsGrantPolicy.GRANT_TYPE).build(),
                AuthorizeReason.CLIENT_CODE_GRANT_NOT_ALLOWED, CB));
        c.add(new Case("bad response_type outranks bad scope", with("response_type", "token").set("scope", "nope"), CLIENT,
                AuthorizeReason.RESPONSE_TYPE_UNSUPPORTED, CB));
        // 5. scope
        c.add(new Case("scope malformed: double space", with("scope", "read  write"), CLIENT, AuthorizeReason.SCOPE_MALFORMED, CB));
        c.add(new Case("scope malformed: quote", with("scope", "re\"ad"), CLIENT, AuthorizeReason.SCOPE_MALFORMED, CB));
        c.add(new Case("scope unknown", with("scope", "read nope"), CLIENT, AuthorizeReason.SCOPE_UNKNOWN, CB));
        c.add(new Case("scope not allowed", with("scope", "read admin"), CLIENT, AuthorizeReason.SCOPE_NOT_ALLOWED, CB));
        c.add(new Case("unknown outranks forbidden", with("scope", "admin nope"), CLIENT, AuthorizeReason.SCOPE_UNKNOWN, CB));
        c.add(new Case("no scope, defaults used", without("scope"), CLIENT, null, CB));
        c.add(new Case("no scope, no defaults", without("scope"), TestClients.confidential().defaults().build(),
                AuthorizeReason.SCOPE_NONE, CB));
        c.add(new Case("bad scope outranks missing PKCE", with("scope", "nope").drop("code_challenge"), CLIENT,
                AuthorizeReason.SCOPE_UNKNOWN, CB));
        // 5b. resources (RFC 8707)
        c.add(new Case("resource registered and allowed", with("resource", "https://api.example/"), CLIENT, null, CB));
        c.add(new Case("two resources", with("resource", "https://api.example/", "https://write-only.example/")
                .set("scope", "read write"), CLIENT, null, CB));
        c.add(new Case("resource with fragment", with("resource", "https://api.example/#x"), CLIENT,
                AuthorizeReason.RESOURCE_MALFORMED, CB));
        c.add(new Case("resource relative", with("resource", "/api"), CLIENT, AuthorizeReason.RESOURCE_MALFORMED, CB));
        c.add(new Case("resource unknown", with("resource", "https://nope.example/"), CLIENT,
                AuthorizeReason.RESOURCE_UNKNOWN, CB));
        c.add(new Case("resource not the client's", with("resource", "https://other.example/"), CLIENT,
                AuthorizeReason.RESOURCE_NOT_ALLOWED, CB));
        c.add(new Case("resource accepts none of the scopes", with("resource", "https://write-only.example/"), CLIENT,
                AuthorizeReason.RESOURCE_NO_SCOPE, CB));
        c.add(new Case("bad scope outranks bad resource", with("scope", "nope").set("resource", "/x"), CLIENT,
                AuthorizeReason.SCOPE_UNKNOWN, CB));
        c.add(new Case("bad resource outranks missing PKCE", with("resource", "/x").drop("code_challenge"), CLIENT,
                AuthorizeReason.RESOURCE_MALFORMED, CB));
        // 6. PKCE
        c.add(new Case("challenge missing", without("code_challenge", "code_challenge_method"), CLIENT,
                AuthorizeReason.PKCE_CHALLENGE_MISSING, CB));
        c.add(new Case("challenge missing, method sent", without("code_challenge"),
                TestClients.confidential().pkceOptional().build(), AuthorizeReason.PKCE_CHALLENGE_MISSING, CB));
        c.add(new Case("public client without challenge", without("code_challenge", "code_challenge_method"),
                TestClients.publicClient().build(), AuthorizeReason.PKCE_CHALLENGE_MISSING, CB));
        c.add(new Case("PKCE optional for this confidential client", without("code_challenge", "code_challenge_method"),
                TestClients.confidential().pkceOptional().build(), null, CB));
        c.add(new Case("method plain", with("code_challenge_method", "plain"), CLIENT, AuthorizeReason.PKCE_METHOD_UNSUPPORTED, CB));
        c.add(new Case("method missing means plain", without("code_challenge_method"), CLIENT,
                AuthorizeReason.PKCE_METHOD_UNSUPPORTED, CB));
        c.add(new Case("challenge too short", with("code_challenge", "abc"), CLIENT, AuthorizeReason.PKCE_CHALLENGE_MALFORMED, CB));
        c.add(new Case("challenge with bad character", with("code_challenge", CHALLENGE.substring(1) + "="), CLIENT,
                AuthorizeReason.PKCE_CHALLENGE_MALFORMED, CB));
        // 7. what the login must be (OpenID Connect Core §3.1.2.1)
        c.add(new Case("prompt login consent", with("prompt", "login consent"), CLIENT, null, CB));
        c.add(new Case("prompt unknown", with("prompt", "select_account"), CLIENT, AuthorizeReason.PROMPT_UNSUPPORTED, CB));
        c.add(new Case("prompt with double space", with("prompt", "login  consent"), CLIENT,
                AuthorizeReason.PROMPT_UNSUPPORTED, CB));
        c.add(new Case("prompt none with login", with("prompt", "none login"), CLIENT,
                AuthorizeReason.PROMPT_NONE_COMBINED, CB));
        c.add(new Case("prompt repeated", with("prompt", "none", "login"), CLIENT, AuthorizeReason.PARAMETER_REPEATED, CB));
        c.add(new Case("max_age 0", with("max_age", "0"), CLIENT, null, CB));
        c.add(new Case("max_age negative", with("max_age", "-5"), CLIENT, AuthorizeReason.MAX_AGE_MALFORMED, CB));
        c.add(new Case("max_age too large", with("max_age", "99999999999"), CLIENT, AuthorizeReason.MAX_AGE_MALFORMED, CB));
        c.add(new Case("nonce of 500 characters", with("nonce", "n".repeat(500)), CLIENT, null, CB));
        c.add(new Case("nonce of 501 characters", with("nonce", "n".repeat(501)), CLIENT, AuthorizeReason.NONCE_TOO_LONG, CB));
        c.add(new Case("bad PKCE outranks bad prompt", with("code_challenge_method", "plain").set("prompt", "x"), CLIENT,
                AuthorizeReason.PKCE_METHOD_UNSUPPORTED, CB));
        return c;
    }

    static Stream<Arguments> rows() {
        return cases().stream().map(Arguments::of);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void decides(Case c) {
        AuthorizeDecision decision = AuthorizePolicy.check(new AuthorizeRequest(Parameters.of(c.params().map)),
                c.client(), EXISTING, RESOURCES, false, false);
        if (c.expected() == null) {
            var accepted = assertInstanceOf(AuthorizeDecision.Accepted.class, decision);
            assertEquals(c.expectedRedirect(), accepted.redirectUri());
            return;
        }
        var refused = assertInstanceOf(AuthorizeDecision.Refused.class, decision, () -> "accepted: " + decision);
        assertEquals(c.expected(), refused.reason());
        assertEquals(c.expectedRedirect(), refused.redirectUri());
        assertEquals(c.expectedRedirect() != null, c.expected().redirectable(),
                "a reason is redirected exactly when it is redirectable");
        if (refused.redirectUri() == null) {
            assertNull(refused.state());
        }
    }
}
