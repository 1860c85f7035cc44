package dev.latchkey.policy;

import java.util.List;
import java.util.stream.Stream;

/**
 * Every reason table, in the order the endpoints check them: the authorization endpoint, what the token
 * endpoint checks before any grant, then each grant. A new grant adds its table here; the error
 * documentation (docs/errors.md) and the profile tests read this list.
 */
public final class Reasons {
    private static final List<Reason> ALL = Stream.of(AuthorizeReason.values(), TokenReason.values(),
                    DpopReason.values(), ResourceReason.values(), CodeGrantReason.values(), RefreshGrantReason.values(),
                    ClientCredentialsReason.values(), TokenExchangeReason.values(), DeviceReason.values(),
                    RegistrationReason.values())
            .flatMap(Stream::of)
            .map(Reason.class::cast)
            .toList();

    private Reasons() {
    }

    public static List<Reason> all() {
        return ALL;
    }
}
