package dev.latchkey.flow;

import dev.latchkey.config.LatchkeyConfig;
import dev.latchkey.store.SigningKeyEntity;
import dev.latchkey.store.SigningKeyRepository;
import dev.latchkey.token.KeyEncryption;
import dev.latchkey.token.KeyMaterial;
import dev.latchkey.token.KeyRing;
import dev.latchkey.token.OpaqueTokens;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Signing keys: the first is generated at the first start, a rotation retires the active one and adds a
 * new one, and every instance re-reads them on a schedule (and when it meets an unknown kid), decrypting
 * once per read. A retired key stays published until the access tokens it signed have expired.
 */
@ApplicationScoped
public class SigningKeyFlow {
    private static final Logger LOG = Logger.getLogger(SigningKeyFlow.class);
    /** Clock skew a verifier may allow past {@code exp}. */
    private static final Duration LEEWAY = Duration.ofMinutes(1);

    public record KeyInfo(String kid, String algorithm, String publicJwk, Instant createdAt, Instant retiredAt) {
    }

    private final SigningKeyRepository keys;
    private final KeyEncryption encryption;
    private final KeyRing ring;
    private final LatchkeyConfig config;
    private final Clock clock;
    private volatile Instant lastReload = Instant.EPOCH;

    public SigningKeyFlow(SigningKeyRepository keys, KeyEncryption encryption, KeyRing ring, LatchkeyConfig config,
                          Clock clock) {
        this.keys = keys;
        this.encryption = encryption;
        this.ring = ring;
        this.config = config;
        this.clock = clock;
    }

    /** After the migrations (priority 1): make sure a key exists, then load. */
    void onStart(@Observes @Priority(10) StartupEvent event) {
        ensureKey();
        reload();
        LOG.infof("Signing with key %s (%s)", ring.active().kid(), ring.active().algorithm());
    }

    @Transactional
    void ensureKey() {
        keys.lock();
        if (!keys.hasActive()) {
            add(config.token().signingAlgorithm().name());
        }
    }

    /** Retires the active key and makes a new one active; returns the new key. */
    @Transactional
    public KeyInfo rotate() {
        keys.lock();
        keys.retireActive(clock.instant());
        String kid = add(config.token().signingAlgorithm().name());
        List<KeyInfo> published = list();
        reload();
        return published.stream().filter(k -> k.kid().equals(kid)).findFirst().orElseThrow();
    }

    @Transactional
    public List<KeyInfo> list() {
        return keys.published(publishedSince()).stream()
                .map(k -> new KeyInfo(k.kid, k.algorithm, k.publicJwk, k.createdAt, k.retiredAt))
                .toList();
    }

    @Scheduled(every = "${latchkey.token.key-refresh-interval:10s}", delayed = "${latchkey.token.key-refresh-interval:10s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduledReload() {
        try {
            reload();
        } catch (RuntimeException e) {
            LOG.warnf("Could not re-read the signing keys (keeping the current ones): %s", e.getMessage());
        }
    }

    /** For a token whose kid this instance does not know: re-read, at most once a second. */
    public void reloadForUnknownKid() {
        Instant now = clock.instant();
        if (Duration.between(lastReload, now).compareTo(Duration.ofSeconds(1)) >= 0) {
            reload();
        }
    }

    @Transactional
    public void reload() {
        lastReload = clock.instant();
        var rows = keys.published(publishedSince());
        var active = rows.stream().filter(k -> k.retiredAt == null).findFirst()
                .orElseThrow(() -> new IllegalStateException("no active signing key"));
        var published = rows.stream().map(k -> {
            var jwk = KeyMaterial.parsePublic(k.publicJwk);
            return new KeyRing.PublishedKey(k.kid, k.algorithm, jwk.getPublicKey(), k.publicJwk);
        }).toList();
        // decrypt only when the active key changed: once per key, not once per read
        KeyRing.ActiveKey current = ring.activeOrNull();
        KeyRing.ActiveKey next = current != null && current.kid().equals(active.kid) ? current
                : new KeyRing.ActiveKey(active.kid, active.algorithm, KeyMaterial.privateKey(
                        encryption.decrypt(active.privateKey, active.kid), active.algorithm));
        ring.replace(next, published);
    }

    private Instant publishedSince() {
        return clock.instant().minus(config.token().accessLifetime()).minus(LEEWAY);
    }

    private String add(String algorithm) {
        String kid = OpaqueTokens.newId();
        KeyPair pair = KeyMaterial.generate(algorithm);
        SigningKeyEntity key = new SigningKeyEntity();
        key.kid = kid;
        key.algorithm = algorithm;
        key.publicJwk = KeyMaterial.publicJwk(pair, kid, algorithm);
        key.privateKey = encryption.encrypt(pair.getPrivate().getEncoded(), kid);
        key.createdAt = clock.instant();
        keys.persist(key);
        LOG.infof("Generated signing key %s (%s)", kid, algorithm);
        return kid;
    }
}
