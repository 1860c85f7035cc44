package dev.latchkey.config;

import jakarta.inject.Singleton;

import java.net.URI;
import java.util.Locale;
import java.util.Optional;

/** The issuer identifier, checked once: metadata {@code issuer}, {@code iss} of responses and JWTs. */
@Singleton
public class Issuer {
    private final String value;

    public Issuer(LatchkeyConfig config) {
        this.value = config.issuer().map(Issuer::normalize).orElse(null);
    }

    /** The issuer, without a trailing slash. */
    public String value() {
        if (value == null) {
            throw new IllegalStateException("LATCHKEY_ISSUER is not set");
        }
        return value;
    }

    public boolean isHttps() {
        return value().startsWith("https://");
    }

    /** Why {@code issuer} is not usable, or empty when it is (RFC 8414 §2). */
    public static Optional<String> problem(String issuer) {
        URI uri;
        try {
            uri = new URI(issuer);
        } catch (Exception e) {
            return Optional.of("is not a valid URL");
        }
        if (uri.getHost() == null || uri.getScheme() == null) {
            return Optional.of("must be an absolute URL");
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            return Optional.of("must have no query or fragment");
        }
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        boolean loopback = host.equals("localhost") || host.equals("[::1]") || host.startsWith("127.");
        if (!scheme.equals("https") && !(scheme.equals("http") && loopback)) {
            return Optional.of("must be https (http only on a loopback host)");
        }
        return Optional.empty();
    }

    private static String normalize(String issuer) {
        return issuer.endsWith("/") ? issuer.substring(0, issuer.length() - 1) : issuer;
    }
}
