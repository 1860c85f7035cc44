package dev.latchkey.policy;

import dev.latchkey.policy.DynamicRegistrationPolicy.Metadata;
import dev.latchkey.policy.DynamicRegistrationPolicy.Mode;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** RFC 7591 metadata to the management API's registration input, and what only self-registration refuses. */
class DynamicRegistrationPolicyTest {
    static final Set<String> OPEN = Set.of("openid", "mcp:tools");
    static final List<ResourceView> RESOURCES = List.of(AuthorizePolicyTest.resource("https://mcp.example/", "mcp:tools"),
            AuthorizePolicyTest.resource("https://admin.example/", "admin"));

    static Metadata metadata(String method, List<String> grants, List<String> responseTypes, String scope) {
        return new Metadata(List.of("http://127.0.0.1/cb"), method, grants, responseTypes, "App", scope, null, null,
                null, null, null, null, null);
    }

    static ClientRegistration.Input input(Metadata m, Mode mode) {
        return DynamicRegistrationPolicy.input(m, mode, OPEN, RESOURCES);
    }

    static Refusal refused(Metadata m, Mode mode) {
        return assertThrows(Refusal.class, () -> input(m, mode));
    }

    @Test
    void typeFollowsTheAuthenticationMethodAndPkceIsAlwaysRequired() {
        var pub = input(metadata("none", null, null, null), Mode.OPEN);
        assertEquals("public", pub.clientType());
        assertEquals(List.of("authorization_code"), pub.grantTypes(), "RFC 7591 §2 default");
        assertEquals(true, pub.requirePkce());
        assertEquals(Set.copyOf(OPEN), Set.copyOf(pub.allowedScopes()), "no scope: the open ones");
        assertEquals(List.of("https://mcp.example/"), pub.allowedResources(), "resources that accept its scopes");
        var confidential = input(metadata(null, null, null, "mcp:tools"), Mode.TOKEN);
        assertEquals("confidential", confidential.clientType());
        assertEquals("client_secret_basic", confidential.tokenEndpointAuthMethod());
    }

    @Test
    void openModeOffersOnlyTheOpenScopesTokenModeAny() {
        Refusal refusal = refused(metadata("none", null, null, "openid admin"), Mode.OPEN);
        assertEquals(RegistrationReason.METADATA_INVALID, refusal.reason());
        assertTrue(refusal.description().contains("'admin'"), refusal.description());
        assertEquals(List.of("openid", "admin"), input(metadata("none", null, null, "openid admin"), Mode.TOKEN)
                .allowedScopes());
    }

    @Test
    void responseTypesAgreeWithGrantTypes() {
        assertEquals(RegistrationReason.METADATA_INVALID,
                refused(metadata("none", null, List.of("code", "token"), null), Mode.OPEN).reason());
        assertEquals(RegistrationReason.METADATA_INVALID,
                refused(metadata("none", List.of("authorization_code"), List.of(), null), Mode.OPEN).reason());
        assertEquals(RegistrationReason.METADATA_INVALID, refused(metadata("client_secret_basic",
                List.of("client_credentials"), List.of("code"), null), Mode.OPEN).reason());
        assertEquals(List.of("client_credentials"), input(metadata("client_secret_basic",
                List.of("client_credentials"), null, null), Mode.OPEN).grantTypes());
        assertEquals(RegistrationReason.METADATA_INVALID,
                refused(metadata("private_key_jwt", null, null, null), Mode.OPEN).reason());
        assertEquals(RegistrationReason.METADATA_INVALID,
                refused(metadata("none", null, null, "a  b"), Mode.OPEN).reason());
    }

    @Test
    void redirectUriProblemsAreInvalidRedirectUriOthersInvalidMetadata() {
        assertEquals(RegistrationReason.REDIRECT_URI_INVALID, DynamicRegistrationPolicy.refusal(
                new InvalidInput(List.of("redirect_uris[0] must not contain a fragment", "client_name is required")))
                .reason());
        assertEquals(RegistrationReason.METADATA_INVALID, DynamicRegistrationPolicy.refusal(
                new InvalidInput(List.of("client_name is required"))).reason());
    }
}
