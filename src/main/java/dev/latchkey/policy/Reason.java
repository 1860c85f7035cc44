package dev.latchkey.policy;

/**
 * Why a request is refused. Each endpoint and each grant declares its own reasons as an enum (its
 * table): the endpoint a reason belongs to, whether it may be sent to the client's redirect URI, a
 * client-safe description, and how {@link ErrorProfile} answers it on the wire. {@link Reasons#all()}
 * lists every table, in the order the endpoints check them.
 */
public interface Reason {
    String name();

    Endpoint endpoint();

    /** False for errors about the client or its redirect URI: sending them there could reach an attacker. */
    boolean redirectable();

    String description();

    /** The wire error in each profile. */
    ErrorProfile.Mapping mapping();
}
