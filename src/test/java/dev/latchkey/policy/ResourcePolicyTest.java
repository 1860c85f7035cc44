package dev.latchkey.policy;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** RFC 8707 at the token endpoint: narrowing, never widening, and what the token carries. */
class ResourcePolicyTest {
    static final String API = "https://api.example/";
    static final String OTHER = "https://other.example/";
    static final Map<String, ResourceView> KNOWN = Map.of(
            API, AuthorizePolicyTest.resource(API, "read"),
            OTHER, new ResourceView(OTHER, OTHER, "Other", Set.of("write"), "JWT", null, null));
    static final ClientView CLIENT = TestClients.confidential().resources(API, OTHER).build();

    static Reason refusal(List<String> sent, List<String> granted, ClientView client) {
        return assertThrows(Refusal.class, () -> ResourcePolicy.resolve(sent, granted, client, KNOWN,
                ResourceReason.TABLE)).reason();
    }

    @Test
    void grantsResourcesNarrowButNeverWiden() {
        assertEquals(List.of(API), ResourcePolicy.resolve(List.of(API), List.of(API, OTHER), CLIENT, KNOWN,
                ResourceReason.TABLE).stream().map(ResourceView::uri).toList());
        assertEquals(List.of(API, OTHER), ResourcePolicy.resolve(List.of(), List.of(API, OTHER), CLIENT, KNOWN,
                ResourceReason.TABLE).stream().map(ResourceView::uri).toList(), "none sent: all of the grant's");
        assertEquals(ResourceReason.RESOURCE_NOT_GRANTED, refusal(List.of(OTHER), List.of(API), CLIENT));
        assertEquals(ResourceReason.RESOURCE_NOT_GRANTED, refusal(List.of(API), List.of(), CLIENT),
                "a grant made without resources is not widened to one");
    }

    @Test
    void reasonsInOrder() {
        assertEquals(ResourceReason.RESOURCE_MALFORMED, refusal(List.of("urn:ok", "rel/ative"), null, CLIENT));
        assertEquals(ResourceReason.RESOURCE_MALFORMED, refusal(List.of(API + "#f"), List.of(API), CLIENT),
                "malformed outranks not granted");
        assertEquals(ResourceReason.RESOURCE_UNKNOWN, refusal(List.of("https://nope.example/"), null, CLIENT));
        assertEquals(ResourceReason.RESOURCE_NOT_ALLOWED, refusal(List.of(API), null,
                TestClients.confidential().build()));
        assertEquals(ResourceReason.RESOURCE_MALFORMED, refusal(java.util.Collections.nCopies(11, API), null, CLIENT));
        // a grant's resource no longer allowed to the client is refused at its next refresh
        assertEquals(ResourceReason.RESOURCE_NOT_ALLOWED, refusal(List.of(), List.of(API),
                TestClients.confidential().resources(OTHER).build()));
    }

    @Test
    void audienceScopesAndTyp() {
        var none = ResourcePolicy.audience(List.of(), Set.of("read", "write"), ResourceReason.TABLE);
        assertTrue(none.uris().isEmpty());
        assertNull(none.typ(), "the configured typ");
        var one = ResourcePolicy.audience(List.of(KNOWN.get(OTHER)), Set.of("read", "write"), ResourceReason.TABLE);
        assertEquals(Set.of("write"), one.scopes());
        assertEquals("JWT", one.typ());
        var both = ResourcePolicy.audience(List.of(KNOWN.get(API), KNOWN.get(OTHER)), Set.of("read", "write"),
                ResourceReason.TABLE);
        assertEquals(List.of(API, OTHER), both.uris());
        assertEquals("at+jwt", both.typ(), "JWT only when every resource asks for it");
        assertEquals(ResourceReason.RESOURCE_NO_SCOPE, assertThrows(Refusal.class, () -> ResourcePolicy.audience(
                List.of(KNOWN.get(OTHER)), Set.of("read"), ResourceReason.TABLE)).reason());
    }
}
