package dev.latchkey.policy;

import static dev.latchkey.policy.ErrorProfile.ACCESS_DENIED;
import static dev.latchkey.policy.ErrorProfile.AUTHORIZATION_PENDING;
import static dev.latchkey.policy.ErrorProfile.EXPIRED_TOKEN;
import static dev.latchkey.policy.ErrorProfile.GRANT_TYPE_NOT_ENABLED;
import static dev.latchkey.policy.ErrorProfile.INVALID_GRANT;
import static dev.latchkey.policy.ErrorProfile.INVALID_REQUEST;
import static dev.latchkey.policy.ErrorProfile.INVALID_TOKEN_SCOPE;
import static dev.latchkey.policy.ErrorProfile.SLOW_DOWN;

/**
 * The device flow's reasons (RFC 8628), in the order they are checked: the device authorization request
 * ({@code /oauth2/device_authorization}), then the polling at the token endpoint.
 */
public enum DeviceReason implements TokenEndpointReason {
    DEVICE_GRANT_NOT_ENABLED(GRANT_TYPE_NOT_ENABLED, "this client may not use the device flow ("
            + DevicePolicy.GRANT_TYPE + " is not among its grant_types)"),
    DEVICE_RESOURCE_UNSUPPORTED(INVALID_REQUEST, "resource is not supported on device authorization requests"),
    DEVICE_SCOPE_NOT_ALLOWED(INVALID_TOKEN_SCOPE, "scope names a scope this client may not use"),
    DEVICE_SCOPE_NONE(INVALID_TOKEN_SCOPE, "scope is missing and the client has no default scopes"),
    DEVICE_CODE_MISSING(INVALID_REQUEST, "device_code is missing"),
    DEVICE_CODE_UNKNOWN(INVALID_GRANT, "device_code is not valid, or was already used"),
    DEVICE_CODE_OTHER_CLIENT(INVALID_GRANT, "device_code was issued to another client"),
    DEVICE_CODE_EXPIRED(EXPIRED_TOKEN, "device_code has expired; start again with a new device authorization request"),
    DEVICE_DENIED(ACCESS_DENIED, "the user declined; start again with a new device authorization request"),
    DEVICE_SLOW_DOWN(SLOW_DOWN, "polled too often: wait the interval, now 5 seconds longer"),
    DEVICE_PENDING(AUTHORIZATION_PENDING, "the user has not answered yet");

    private final ErrorProfile.Mapping mapping;
    private final String description;

    DeviceReason(ErrorProfile.Mapping mapping, String description) {
        this.mapping = mapping;
        this.description = description;
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public ErrorProfile.Mapping mapping() {
        return mapping;
    }
}
