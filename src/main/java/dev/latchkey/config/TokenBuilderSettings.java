package dev.latchkey.config;

import org.eclipse.microprofile.config.spi.ConfigSource;

import java.util.Map;
import java.util.Set;

/**
 * The settings SmallRye JWT's token builder reads for every token it signs, answered from this small map
 * before any other configuration source is asked. Each lookup otherwise walked every source down to the
 * defaults (for the profiled name first, then the plain one): about 7% of the token endpoint's CPU in a
 * profile. The values say what {@code token/AccessTokens} does anyway: it sets every claim itself, and
 * overrides nothing it set; key validation stays on.
 */
public class TokenBuilderSettings implements ConfigSource {
    private static final Map<String, String> VALUES = Map.of(
            "smallrye.jwt.new-token.add-default-claims", "false",
            "smallrye.jwt.new-token.override-matching-claims", "false",
            "smallrye.jwt.sign.relax-key-validation", "false");

    @Override
    public Set<String> getPropertyNames() {
        return VALUES.keySet();
    }

    /** Also answers a profiled name ({@code %prod.smallrye.jwt...}), which is looked up first. */
    @Override
    public String getValue(String name) {
        if (name.startsWith("%")) {
            int dot = name.indexOf('.');
            return dot < 0 ? null : VALUES.get(name.substring(dot + 1));
        }
        return VALUES.get(name);
    }

    /** Above system properties (400) and the environment (300): the first source asked. */
    @Override
    public int getOrdinal() {
        return 500;
    }

    @Override
    public String getName() {
        return "latchkey-token-builder-settings";
    }
}
