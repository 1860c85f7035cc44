package dev.latchkey.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.util.Optional;

/** Every {@code latchkey.*} setting; each is also an environment variable ({@code LATCHKEY_ADMIN_API_KEY}, ...). */
@ConfigMapping(prefix = "latchkey")
public interface LatchkeyConfig {

    /** Management API key. Required in production; generated per run in dev mode. */
    Optional<String> adminApiKey();

    Database database();

    Password password();

    interface Database {
        /** Dev and test only: create the configured database on the local server when it does not exist. */
        @WithDefault("false")
        boolean createIfMissing();
    }

    interface Password {
        /** bcrypt work factor for user passwords. */
        @WithDefault("11")
        int bcryptCost();
    }
}
