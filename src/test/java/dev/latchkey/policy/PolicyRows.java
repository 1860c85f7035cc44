package dev.latchkey.policy;

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
        // REQUEST_TOO_LARGE: the HTTP form reader, HardeningIT.whenAFormIsOverItsLimitsThen413InTheEndpointsFormat
        // LOGIN_REQUIRED, CONSENT_REQUIRED: OpenIdRequestTest (the login and consent found, not the request)
        // ResourceReason: ResourcePolicyTest (the token endpoint's resource checks, for every grant)
        // RegistrationReason: METADATA_INVALID and REDIRECT_URI_INVALID in DynamicRegistrationPolicyTest; the
        //   tokens, the body and the address limit in RegistrationTest and Rfc6749ProfileTest (HTTP)
        // DpopReason: the claim checks in DpopPolicyTest; the form, key and signature (which need a signed proof),
        //   a replay and a client that requires DPoP in DpopTest (HTTP)
        // REQUEST_URI_PUSHED, REQUEST_URI_UNKNOWN, REQUEST_URI_MIXED: PushedRequestTest (HTTP)
        Set<Reason> covered = new java.util.HashSet<>(Set.of(AuthorizeReason.REQUEST_URI_PUSHED,
                AuthorizeReason.REQUEST_URI_UNKNOWN, AuthorizeReason.REQUEST_URI_MIXED, DpopReason.PROOF_REPEATED,
                DpopReason.PROOF_MALFORMED, DpopReason.PROOF_TYP, DpopReason.PROOF_ALG, DpopReason.PROOF_JWK,
                DpopReason.PROOF_SIGNATURE, DpopReason.PROOF_REPLAYED, DpopReason.PROOF_REQUIRED,AuthorizeReason.LOGIN_REQUIRED,
                AuthorizeReason.CONSENT_REQUIRED, TokenReason.REQUEST_TOO_LARGE, AuthorizeReason.USER_DENIED,
                TokenReason.REQUEST_CONTENT_TYPE, TokenReason.REQUEST_MALFORMED, TokenReason.REQUEST_THROTTLED,
                TokenReason.TOKEN_MISSING));
        covered.addAll(Set.of(ResourceReason.values()));
        covered.addAll(Set.of(RegistrationReason.values()));
        return covered;
    }
}
