package dev.latchkey.policy;

/** A reason of the token, revocation or introspection endpoint: a JSON error, never a redirect. */
public interface TokenEndpointReason extends Reason {
    @Override
    default Endpoint endpoint() {
        return Endpoint.TOKEN;
    }

    @Override
    default boolean redirectable() {
        return false;
    }
}
