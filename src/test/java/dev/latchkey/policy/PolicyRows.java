package dev.latchkey.policy;

import java.util.EnumSet;
import java.util.Set;

/** Reasons decided outside a policy table, each with the test that reaches it. */
final class PolicyRows {
    private PolicyRows() {
    }

    static Set<Reason> extraCovered() {
        // USER_DENIED: AuthorizeEndpointTest.whenUserDeniesThenAccessDenied (the consent form's Deny button)
        return EnumSet.of(Reason.USER_DENIED);
    }
}
