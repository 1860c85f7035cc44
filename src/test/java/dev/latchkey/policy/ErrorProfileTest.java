package dev.latchkey.policy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The profile tables are complete and only emit each endpoint's documented codes (SPEC §3). */
class ErrorProfileTest {

    @ParameterizedTest(name = "{0}")
    @EnumSource(ErrorProfile.class)
    void everyReasonMapsToADocumentedCode(ErrorProfile profile) {
        for (Reason reason : Reason.values()) {
            WireError wire = profile.wire(reason);
            assertNotNull(wire, reason + " has no row in " + profile);
            assertTrue(reason.endpoint().documentedCodes(profile).contains(wire.code()),
                    reason + " -> " + wire.code() + " is not documented for " + reason.endpoint() + " in " + profile);
            assertTrue(wire.status() >= 400 && wire.status() < 600, reason + " status " + wire.status());
        }
    }

    @Test
    void strictProfileUsesOnlyTheStrictCodes() {
        Set<String> rfcOnly = Set.of("invalid_grant", "unauthorized_client");
        for (Reason reason : Reason.values()) {
            assertTrue(!rfcOnly.contains(ErrorProfile.STRICT.wire(reason).code()), reason.name());
        }
    }

    @Test
    void profilesDifferWhereSpecSaysSo() {
        assertEquals("forbidden_scope", ErrorProfile.STRICT.wire(Reason.SCOPE_NOT_ALLOWED).code());
        assertEquals("invalid_scope", ErrorProfile.RFC6749.wire(Reason.SCOPE_NOT_ALLOWED).code());
        assertEquals("access_denied", ErrorProfile.STRICT.wire(Reason.CLIENT_CODE_GRANT_NOT_ALLOWED).code());
        assertEquals("unauthorized_client", ErrorProfile.RFC6749.wire(Reason.CLIENT_CODE_GRANT_NOT_ALLOWED).code());
    }

    /** Every reason is reached by some row of the policy tables (USER_DENIED comes from the consent form). */
    @Test
    void everyReasonAppearsInSomePolicyTestRow() {
        Set<Reason> covered = EnumSet.noneOf(Reason.class);
        AuthorizePolicyTest.cases().forEach(c -> {
            if (c.expected() != null) {
                covered.add(c.expected());
            }
        });
        TokenPolicyTest.cases().forEach(c -> {
            if (c.expected() != null) {
                covered.add(c.expected());
            }
        });
        covered.addAll(PolicyRows.extraCovered());
        Set<Reason> missing = EnumSet.complementOf(EnumSet.copyOf(covered));
        assertTrue(missing.isEmpty(), "reasons no test row reaches: "
                + missing.stream().map(Enum::name).collect(Collectors.joining(", ")));
    }
}
