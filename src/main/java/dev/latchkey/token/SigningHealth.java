package dev.latchkey.token;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready only with a signing key loaded; says which key and which provider sign. */
@Readiness
@ApplicationScoped
public class SigningHealth implements HealthCheck {
    private final KeyRing keys;
    private final CryptoProviders providers;

    public SigningHealth(KeyRing keys, CryptoProviders providers) {
        this.keys = keys;
        this.providers = providers;
    }

    @Override
    public HealthCheckResponse call() {
        KeyRing.ActiveKey active = keys.activeOrNull();
        var response = HealthCheckResponse.named("Signing key").withData("provider", providers.signingProvider());
        if (active == null) {
            return response.down().build();
        }
        return response.up().withData("kid", active.kid()).withData("algorithm", active.algorithm()).build();
    }
}
