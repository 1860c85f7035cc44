package dev.latchkey.jobs;

/**
 * One event for the audit trail, built by name so that no two fields can be swapped unnoticed:
 * {@code AuditEvent.of(Type.TOKEN_ISSUED).client(id).subject(user).address(ip).detail(what)}. Any field
 * but the type may stay unset. Never a secret, code or token.
 */
public final class AuditEvent {

    /** The kinds of event. */
    public enum Type {
        LOGIN_SUCCEEDED, LOGIN_FAILED, LOGIN_THROTTLED, CONSENT_GIVEN, CONSENT_DENIED, CONSENT_REVOKED, CODE_ISSUED,
        TOKEN_ISSUED, CODE_REPLAYED, REFRESH_TOKEN_REUSED, TOKEN_REVOKED, CLIENT_AUTH_FAILED, MANAGEMENT_CHANGE,
        LOGOUT, CLIENT_REGISTERED, CLIENT_REGISTRATION_CHANGED, CLIENT_REGISTRATION_DELETED, DEVICE_CODE_ISSUED,
        DEVICE_CODE_FAILED
    }

    final Type type;
    String actor;
    String clientId;
    String subject;
    String address;
    String detail;

    private AuditEvent(Type type) {
        this.type = type;
    }

    public static AuditEvent of(Type type) {
        return new AuditEvent(type);
    }

    /** Who acted: a username, a client id, or "admin". */
    public AuditEvent actor(String actor) {
        this.actor = actor;
        return this;
    }

    /** The client the event is about. */
    public AuditEvent client(String clientId) {
        this.clientId = clientId;
        return this;
    }

    /** Whom the event is about: a user id, or a client id for a client's own token. */
    public AuditEvent subject(String subject) {
        this.subject = subject;
        return this;
    }

    /** The address the request came from. */
    public AuditEvent address(String address) {
        this.address = address;
        return this;
    }

    public AuditEvent detail(String detail) {
        this.detail = detail;
        return this;
    }
}
