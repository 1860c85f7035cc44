package dev.latchkey.policy;

import java.util.EnumSet;
import java.util.Set;

/** Reasons decided outside a policy table, each with the test that reaches it. */
final class PolicyRows {
    private PolicyRows() {
    }

    static Set<Reason> extraCovered() {
        // USER_DENIED: AuthorizeEndpointTest.whenUserDeniesThenAccessDenied (the consent form's Deny button)
        // REQUEST_CONTENT_TYPE, REQUEST_MALFORMED: the HTTP form reader, TokenEndpointTest.whenRequestMalformed...
        // REQUEST_THROTTLED: TokenEndpointTest.whenTooManyFailedAuthenticationsThen429WithRetryAfter
        // TOKEN_MISSING: RefreshRevokeIntrospectTest.whenIntrospectionUnauthenticatedOrPublicThenInvalidClient
        return EnumSet.of(Reason.USER_DENIED, Reason.REQUEST_CONTENT_TYPE, Reason.REQUEST_MALFORMED,
                Reason.REQUEST_THROTTLED, Reason.TOKEN_MISSING);
    }
}
