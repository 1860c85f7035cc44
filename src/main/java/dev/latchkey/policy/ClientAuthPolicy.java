package dev.latchkey.policy;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Client authentication at the token, revocation and introspection endpoints (RFC 6749 §2.3). */
public final class ClientAuthPolicy {

    public enum Method { CLIENT_SECRET_BASIC, CLIENT_SECRET_POST, NONE }

    /** Who the client says it is; {@code secret} is null for {@link Method#NONE}. */
    public record Credentials(String clientId, String secret, Method method) {
    }

    private ClientAuthPolicy() {
    }

    /**
     * Reads the credentials from the Authorization header or the body, refusing two methods at once.
     * With Basic, both parts are form-urlencoded before base64 (§2.3.1), so both are decoded.
     */
    public static Credentials credentials(String authorization, Parameters form) {
        String formId = form.get("client_id");
        String formSecret = form.get("client_secret");
        if (authorization != null) {
            Credentials basic = basic(authorization);
            if (formSecret != null) {
                throw new Refusal(TokenReason.CLIENT_AUTH_MULTIPLE, "HTTP Basic and client_secret in the body");
            }
            if (formId != null && !formId.equals(basic.clientId())) {
                throw new Refusal(TokenReason.CLIENT_AUTH_MULTIPLE, "client_id in the body differs from HTTP Basic");
            }
            return basic;
        }
        if (formId == null) {
            throw new Refusal(TokenReason.CLIENT_AUTH_MISSING);
        }
        return formSecret != null ? new Credentials(formId, formSecret, Method.CLIENT_SECRET_POST)
                : new Credentials(formId, null, Method.NONE);
    }

    /** @param client the client named by the credentials, or null when there is none */
    public static ClientView authenticate(Credentials credentials, ClientView client) {
        if (client == null || !client.enabled()) {
            throw new Refusal(TokenReason.CLIENT_AUTH_FAILED);
        }
        if (client.isConfidential()) {
            if (credentials.method() == Method.NONE) {
                throw new Refusal(TokenReason.CLIENT_AUTH_MISSING, "a confidential client must send its secret");
            }
            // The secret carries 256 random bits, so SHA-256 compared in constant time is a safe check
            // and keeps bcrypt/PBKDF2 (milliseconds per call) off the token endpoint's hot path.
            if (!Hashes.matches(client.secretHash(), credentials.secret())) {
                throw new Refusal(TokenReason.CLIENT_AUTH_FAILED);
            }
        } else if (credentials.method() != Method.NONE) {
            throw new Refusal(TokenReason.CLIENT_AUTH_FAILED, "a public client has no secret");
        }
        return client;
    }

    static Credentials basic(String authorization) {
        int space = authorization.indexOf(' ');
        if (space < 0 || !authorization.substring(0, space).equalsIgnoreCase("Basic")) {
            throw new Refusal(TokenReason.CLIENT_AUTH_MALFORMED);
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(authorization.substring(space + 1).trim()),
                    StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new Refusal(TokenReason.CLIENT_AUTH_MALFORMED, "not base64");
        }
        int colon = decoded.indexOf(':');
        if (colon < 0) {
            throw new Refusal(TokenReason.CLIENT_AUTH_MALFORMED, "no ':' between client id and secret");
        }
        try {
            String id = URLDecoder.decode(decoded.substring(0, colon), StandardCharsets.UTF_8);
            String secret = URLDecoder.decode(decoded.substring(colon + 1), StandardCharsets.UTF_8);
            if (id.isEmpty()) {
                throw new Refusal(TokenReason.CLIENT_AUTH_MALFORMED, "empty client id");
            }
            return new Credentials(id, secret, Method.CLIENT_SECRET_BASIC);
        } catch (IllegalArgumentException e) {
            throw new Refusal(TokenReason.CLIENT_AUTH_MALFORMED, "bad percent-encoding");
        }
    }
}
