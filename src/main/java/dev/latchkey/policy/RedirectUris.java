package dev.latchkey.policy;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/** Registration rules and matching for redirect URIs (RFC 6749 §3.1.2, RFC 8252 §7.3, RFC 9700 §4.1). */
public final class RedirectUris {
    public static final int MAX_LENGTH = 2000;

    private RedirectUris() {
    }

    /** What every URI a client or resource registers must be: present, at most 2,000 characters, no fragment. */
    static Optional<String> shapeProblem(String uri) {
        if (uri == null || uri.isEmpty()) {
            return Optional.of("is empty");
        }
        if (uri.length() > MAX_LENGTH) {
            return Optional.of("is longer than " + MAX_LENGTH + " characters");
        }
        if (uri.indexOf('#') >= 0) {
            return Optional.of("must not contain a fragment");
        }
        return Optional.empty();
    }

    /** Why {@code uri} cannot be registered, or empty when it can. */
    public static Optional<String> problem(String uri) {
        Optional<String> shape = shapeProblem(uri);
        if (shape.isPresent()) {
            return shape;
        }
        URI parsed;
        try {
            parsed = new URI(uri);
        } catch (URISyntaxException e) {
            return Optional.of("is not a valid URI");
        }
        if (!parsed.isAbsolute() || parsed.isOpaque() || parsed.getHost() == null) {
            return Optional.of("must be an absolute URI with a host");
        }
        if (parsed.getRawUserInfo() != null) {
            return Optional.of("must not contain user information");
        }
        if (!validPort(parsed)) {
            return Optional.of("has a port outside 1 to 65535 (or written with a leading zero)");
        }
        String scheme = parsed.getScheme().toLowerCase(Locale.ROOT);
        if (scheme.equals("https")) {
            return Optional.empty();
        }
        if (scheme.equals("http")) {
            return isLoopbackHost(parsed.getHost()) ? Optional.empty()
                    : Optional.of("may use http only on a loopback host (127.0.0.1, [::1], localhost); use https");
        }
        return Optional.of("must use https (or http on a loopback host)");
    }

    /**
     * Whether {@code requested} is one of {@code registered}: string equality, except that for a native app
     * a loopback http URI may differ in port only (RFC 8252 §7.3: it listens on an ephemeral port). Only
     * public clients are native apps (RFC 9700 §2.1): a confidential client's URIs match exactly.
     *
     * @param portMayVary whether the client is a native app (a public client)
     */
    public static boolean matches(Collection<String> registered, String requested, boolean portMayVary) {
        if (registered.contains(requested)) {
            return true;
        }
        URI request = portMayVary ? loopbackOrNull(requested) : null;
        if (request == null || !validPort(request)) {
            return false;
        }
        for (String candidate : registered) {
            URI registeredUri = loopbackOrNull(candidate);
            if (registeredUri != null
                    && registeredUri.getScheme().equals(request.getScheme())
                    && registeredUri.getHost().equals(request.getHost())
                    && equalsNullable(registeredUri.getRawPath(), request.getRawPath())
                    && equalsNullable(registeredUri.getRawQuery(), request.getRawQuery())) {
                return true;
            }
        }
        return false;
    }

    private static URI loopbackOrNull(String uri) {
        try {
            URI parsed = new URI(uri);
            if ("http".equals(parsed.getScheme()) && parsed.getHost() != null
                    && parsed.getRawUserInfo() == null && parsed.getRawFragment() == null
                    && isLoopbackHost(parsed.getHost())) {
                return parsed;
            }
        } catch (URISyntaxException e) {
            // not a loopback URI
        }
        return null;
    }

    /** No port, or one of 1 to 65535 written without a leading zero. */
    private static boolean validPort(URI uri) {
        String authority = uri.getRawAuthority();
        if (authority == null) {
            return true;
        }
        int colon = authority.lastIndexOf(':');
        if (colon < 0 || colon < authority.lastIndexOf(']')) {
            return true;
        }
        String port = authority.substring(colon + 1);
        return port.matches("[1-9][0-9]{0,4}") && Integer.parseInt(port) <= 65535;
    }

    static boolean isLoopbackHost(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        return h.equals("localhost") || h.equals("[::1]") || h.matches("127(\\.(25[0-5]|2[0-4]\\d|1?\\d?\\d)){3}");
    }

    private static boolean equalsNullable(String a, String b) {
        return a == null ? b == null : a.equals(b);
    }
}
