package dev.latchkey.admin;

import dev.latchkey.config.LatchkeyConfig;
import dev.latchkey.token.OpaqueTokens;
import io.quarkus.runtime.Startup;
import io.quarkus.runtime.configuration.ConfigUtils;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

/**
 * The management API key: from {@code LATCHKEY_ADMIN_API_KEY}, or in dev mode generated for the run
 * and printed once (the dev profile). Only its hash is kept; presented keys are compared in constant time.
 */
@Startup
@Singleton
public class AdminKey {
    private static final Logger LOG = Logger.getLogger(AdminKey.class);

    private final byte[] keyHash;

    public AdminKey(LatchkeyConfig config) {
        String key = config.adminApiKey().filter(k -> !k.isBlank()).orElse(null);
        if (key == null && ConfigUtils.isProfileActive("dev")) {
            key = OpaqueTokens.newToken();
            LOG.infof("Admin API key for this dev run (set LATCHKEY_ADMIN_API_KEY to choose one): %s", key);
        }
        this.keyHash = key == null ? null : OpaqueTokens.hash(key);
    }

    public boolean matches(String presented) {
        return OpaqueTokens.matches(keyHash, presented);
    }
}
