package dev.latchkey.policy;

import static dev.latchkey.policy.ErrorProfile.INVALID_TARGET;

/** The token endpoint's reasons about {@code resource} (RFC 8707 §2.2), for every grant, in check order. */
public enum ResourceReason implements TokenEndpointReason {
    RESOURCE_MALFORMED("resource must be an absolute URI without a fragment (RFC 8707 section 2)"),
    RESOURCE_NOT_GRANTED("resource names a resource server the grant was not made for"),
    RESOURCE_UNKNOWN("resource names no resource server registered here"),
    RESOURCE_NOT_ALLOWED("resource names a resource server this client may not ask for"),
    RESOURCE_NO_SCOPE("the requested resource accepts none of the token's scopes");

    public static final ResourcePolicy.Reasons TABLE = new ResourcePolicy.Reasons(RESOURCE_MALFORMED,
            RESOURCE_NOT_GRANTED, RESOURCE_UNKNOWN, RESOURCE_NOT_ALLOWED, RESOURCE_NO_SCOPE);

    private final String description;

    ResourceReason(String description) {
        this.description = description;
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public ErrorProfile.Mapping mapping() {
        return INVALID_TARGET;
    }
}
