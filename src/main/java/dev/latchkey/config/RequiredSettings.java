package dev.latchkey.config;

import dev.latchkey.policy.DynamicRegistrationPolicy;
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
 * A missing or unusable setting stops the start with one line naming it. Dev and test have defaults
 * for the issuer (and, in dev, an admin key generated per run); production must set them.
 */
@Singleton
public class RequiredSettings {
    private static final Logger LOG = Logger.getLogger(RequiredSettings.class);

    void check(@Observes @Priority(0) StartupEvent event, LatchkeyConfig config) {
        List<String> problems = new ArrayList<>();
        boolean prod = ConfigUtils.isProfileActive("prod");
        if (config.issuer().isEmpty()) {
            problems.add("required setting LATCHKEY_ISSUER is not set");
        } else {
            Issuer.problem(config.issuer().get()).ifPresent(p -> problems.add("LATCHKEY_ISSUER " + p));
        }
        if (prod && config.adminApiKey().filter(v -> !v.isBlank()).isEmpty()) {
            problems.add("required setting LATCHKEY_ADMIN_API_KEY is not set");
        } else if (prod && !strongEnough(config.adminApiKey().get())) {
            problems.add("LATCHKEY_ADMIN_API_KEY is too weak: use at least " + MIN_ADMIN_KEY_LENGTH
                    + " random characters (openssl rand -base64 32)");
        }
        if (config.keyEncryptionKey().filter(v -> !v.isBlank()).isEmpty()) {
            problems.add("required setting LATCHKEY_KEY_ENCRYPTION_KEY is not set (base64 of 32 random bytes: "
                    + "openssl rand -base64 32)");
        } else if (KeyEncryptionKey.decode(config.keyEncryptionKey().get()).isEmpty()) {
            problems.add("LATCHKEY_KEY_ENCRYPTION_KEY must be base64 of exactly 32 bytes (openssl rand -base64 32)");
        }
        if (config.code().lifetime().isNegative() || config.code().lifetime().isZero()
                || config.code().lifetime().getSeconds() > 60) {
            problems.add("LATCHKEY_CODE_LIFETIME must be between 1s and 60s");
        }
        if (!LatchkeyConfig.AT_JWT.equals(config.accessTokenTyp()) && !LatchkeyConfig.JWT.equals(config.accessTokenTyp())) {
            problems.add("LATCHKEY_ACCESS_TOKEN_TYP must be at+jwt or JWT");
        }
        if (DynamicRegistrationPolicy.Mode.fromWire(config.registration().mode()).isEmpty()) {
            problems.add("LATCHKEY_REGISTRATION_MODE must be token, open or off");
        }
        if (!problems.isEmpty()) {
            String line = String.join("; ", problems);
            LOG.errorf("Latchkey cannot start: %s (see README, Configuration)", line);
            Quarkus.asyncExit(1);
            throw new MissingSetting(line);
        }
    }

    static final int MIN_ADMIN_KEY_LENGTH = 32;

    /** At least 32 characters, not a short pattern repeated: roughly 32 characters' worth of entropy at best. */
    static boolean strongEnough(String key) {
        String k = key.trim();
        return k.length() >= MIN_ADMIN_KEY_LENGTH && k.chars().distinct().count() >= 12;
    }

    /** Stops the remaining start-up observers; the reason was logged above in one line. */
    static final class MissingSetting extends RuntimeException {
        MissingSetting(String problems) {
            super(problems, null, false, false);
        }
    }
}
