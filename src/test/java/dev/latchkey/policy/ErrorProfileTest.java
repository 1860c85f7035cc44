package dev.latchkey.policy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The profile tables are complete and only emit each endpoint's documented codes (docs/errors.md). */
class ErrorProfileTest {

    @ParameterizedTest(name = "{0}")
    @EnumSource(ErrorProfile.class)
    void everyReasonMapsToADocumentedCode(ErrorProfile profile) {
        for (Reason reason : Reasons.all()) {
            WireError wire = profile.wire(reason);
            assertNotNull(wire, reason + " has no row in " + profile);
            assertTrue(reason.endpoint().documentedCodes(profile).contains(wire.code()),
                    reason + " -> " + wire.code() + " is not documented for " + reason.endpoint() + " in " + profile);
            assertTrue(wire.status() >= 400 && wire.status() < 600, reason + " status " + wire.status());
        }
    }

    /** RFC 6749 §4.1.2.1, §5.2: error_description is %x20-21 / %x23-5B / %x5D-7E only. */
    @Test
    void everyDescriptionUsesOnlyTheCharactersAnErrorDescriptionMayCarry() {
        for (Reason reason : Reasons.all()) {
            assertTrue(reason.description().chars().allMatch(Quote::allowed), reason + ": " + reason.description());
        }
    }

    @Test
    void strictProfileUsesOnlyTheStrictCodes() {
        Set<String> rfcOnly = Set.of("invalid_grant", "unauthorized_client");
        for (Reason reason : Reasons.all()) {
            assertTrue(!rfcOnly.contains(ErrorProfile.STRICT.wire(reason).code()), reason.name());
        }
    }

    @Test
    void profilesDifferWhereSpecSaysSo() {
        assertEquals("forbidden_scope", ErrorProfile.STRICT.wire(AuthorizeReason.SCOPE_NOT_ALLOWED).code());
        assertEquals("invalid_scope", ErrorProfile.RFC6749.wire(AuthorizeReason.SCOPE_NOT_ALLOWED).code());
        assertEquals("access_denied", ErrorProfile.STRICT.wire(AuthorizeReason.CLIENT_CODE_GRANT_NOT_ALLOWED).code());
        assertEquals("unauthorized_client", ErrorProfile.RFC6749.wire(AuthorizeReason.CLIENT_CODE_GRANT_NOT_ALLOWED).code());
    }

    /** Every reason is reached by some row of the policy tables (USER_DENIED comes from the consent form). */
    @Test
    void everyReasonAppearsInSomePolicyTestRow() {
        Set<Reason> covered = new HashSet<>();
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
        DevicePolicyTest.cases().forEach(c -> {
            if (c.expected() != null) {
                covered.add(c.expected());
            }
        });
        TokenExchangePolicyTest.cases().forEach(c -> {
            if (c.expected() != null) {
                covered.add(c.expected());
            }
        });
        DpopPolicyTest.cases().forEach(c -> covered.add(c.expected()));
        covered.addAll(PolicyRows.extraCovered());
        List<Reason> missing = Reasons.all().stream().filter(r -> !covered.contains(r)).toList();
        assertTrue(missing.isEmpty(), "reasons no test row reaches: "
                + missing.stream().map(Reason::name).collect(Collectors.joining(", ")));
    }
}
