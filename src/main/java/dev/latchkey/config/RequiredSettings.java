package dev.latchkey.config;

import io.quarkus.runtime.configuration.ConfigUtils;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.List;

/**
 * In production a missing secret stops the start with one line naming it, before the database is
 * touched. Dev and test have defaults (or, for the admin key, a key generated per run).
 */
@Singleton
public class RequiredSettings {
    private static final Logger LOG = Logger.getLogger(RequiredSettings.class);

    void check(@Observes @Priority(0) StartupEvent event, LatchkeyConfig config) {
        if (!ConfigUtils.isProfileActive("prod")) {
            return;
        }
        List<String> missing = new ArrayList<>();
        if (config.adminApiKey().filter(v -> !v.isBlank()).isEmpty()) {
            missing.add("LATCHKEY_ADMIN_API_KEY");
        }
        if (!missing.isEmpty()) {
            LOG.errorf("Latchkey cannot start: required setting %s is not set (see README, Configuration)",
                    String.join(", ", missing));
            Quarkus.asyncExit(1);
            throw new MissingSetting(String.join(", ", missing));
        }
    }

    /** Stops the remaining start-up observers; the reason was logged above in one line. */
    static final class MissingSetting extends RuntimeException {
        MissingSetting(String names) {
            super("missing required setting " + names, null, false, false);
        }
    }
}
