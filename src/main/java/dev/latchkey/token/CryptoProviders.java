package dev.latchkey.token;

import com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider;
import dev.latchkey.config.LatchkeyConfig;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

import java.security.NoSuchAlgorithmException;
import java.security.Security;
import java.security.Signature;

/**
 * Signing is the wall of a token server: the JDK signs about 1,300 ES256 JWTs a second per core on JDK 17,
 * AWS-LC some 40,000. So the Amazon Corretto Crypto Provider goes first in the JCA list at start, where its
 * native library loads (Linux x86_64); anywhere else the JDK's own provider signs, unchanged.
 */
@Singleton
public class CryptoProviders {
    private static final Logger LOG = Logger.getLogger(CryptoProviders.class);

    private volatile String signingProvider = "not yet checked";

    /**
     * Loads the native library and runs the provider's self-tests on a thread of their own, while the rest
     * of the application starts: about 0.2 s off the start. {@link #install} then finds them done (or
     * waits for them: class initialisation is a lock). Installs nothing. A class of its own, so that calling
     * it initialises nothing else (not even the logger) on the starting thread.
     */
    public static final class Preload {
        private Preload() {
        }

        public static void start() {
            Thread loader = new Thread(() -> {
                try {
                    if (AmazonCorrettoCryptoProvider.INSTANCE.getLoadingError() == null) {
                        AmazonCorrettoCryptoProvider.INSTANCE.assertHealthy();
                    }
                } catch (RuntimeException | LinkageError e) {
                    // install() meets the same failure and reports it
                }
            }, "crypto-preload");
            loader.setDaemon(true);
            loader.start();
        }
    }

    /** Before the signing keys are generated or read (priority 10). */
    void install(@Observes @Priority(5) StartupEvent event, LatchkeyConfig config) {
        if (config.crypto().nativeProvider()) {
            try {
                Throwable loading = AmazonCorrettoCryptoProvider.INSTANCE.getLoadingError();
                if (loading != null) {
                    LOG.infof("Native crypto provider not available here (%s); the JDK's provider signs",
                            loading.getMessage());
                } else {
                    AmazonCorrettoCryptoProvider.install();
                    AmazonCorrettoCryptoProvider.INSTANCE.assertHealthy();
                }
            } catch (RuntimeException | LinkageError e) {
                Security.removeProvider(AmazonCorrettoCryptoProvider.PROVIDER_NAME);
                LOG.infof("Native crypto provider failed to load (%s); the JDK's provider signs", e.toString());
            }
        } else {
            Security.removeProvider(AmazonCorrettoCryptoProvider.PROVIDER_NAME);
        }
        signingProvider = provider("SHA256withECDSA") + " (ES256), " + provider("SHA256withRSA") + " (RS256)";
        LOG.infof("JWT signatures by %s", signingProvider);
    }

    /** Which providers sign, for the log and the readiness check. */
    public String signingProvider() {
        return signingProvider;
    }

    private static String provider(String algorithm) {
        try {
            return Signature.getInstance(algorithm).getProvider().getName();
        } catch (NoSuchAlgorithmException e) {
            return "none";
        }
    }
}
