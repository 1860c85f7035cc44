package dev.latchkey.console;

import dev.latchkey.config.Issuer;
import dev.latchkey.flow.ConsoleFlow;
import dev.latchkey.http.Paths;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/** At start: the console's built-in client exists, with this issuer's redirect URI. */
@ApplicationScoped
public class ConsoleStartup {
    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(ConsoleStartup.class);

    private final ConsoleFlow console;
    private final Issuer issuer;

    public ConsoleStartup(ConsoleFlow console, Issuer issuer) {
        this.console = console;
        this.issuer = issuer;
    }

    static String redirectUri(Issuer issuer) {
        return issuer.value() + Paths.CONSOLE + "/callback";
    }

    /** Where the end-session endpoint sends a browser signed out of the console. */
    static String signedOutUri(Issuer issuer) {
        return issuer.value() + Paths.CONSOLE + "/signed-out";
    }

    void onStart(@Observes @Priority(20) StartupEvent event) {
        console.ensureClient(redirectUri(issuer), signedOutUri(issuer));
        if (!console.anyAdmin()) {
            LOG.infof("Admin console: %s%s (no user has the admin role yet; make the first admin with: curl -X POST "
                            + "%s%s/users -H \"Authorization: Bearer $KEY\" -H 'Content-Type: application/json' "
                            + "-d '{\"username\": \"admin\", \"password\": \"<at least 8 characters>\", "
                            + "\"roles\": [\"admin\"]}')", issuer.value(), Paths.CONSOLE, issuer.value(),
                    Paths.MANAGEMENT);
        }
    }
}
