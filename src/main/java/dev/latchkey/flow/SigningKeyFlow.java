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
 * Signing keys: one active key per algorithm (ES256 and RS256: access tokens use the configured one, id_tokens
 * the client's choice, OpenID Connect Registration §2), generated at the first start. A rotation retires the
 * active key of one algorithm and adds a new one, and every instance re-reads them on a schedule (and when it
 * meets an unknown kid), decrypting a key once, not once per read. A retired key stays published until the
 * tokens it signed have expired.
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
        LOG.infof("Signing access tokens with key %s (%s)", ring.active().kid(), ring.active().algorithm());
    }

    @Transactional
    void ensureKey() {
        keys.lock();
        for (LatchkeyConfig.SigningAlgorithm algorithm : LatchkeyConfig.SigningAlgorithm.values()) {
            if (!keys.hasActive(algorithm.name())) {
                add(algorithm.name());
            }
        }
    }

    /** Retires the active key of {@code algorithm} and makes a new one active; returns the new key. */
    @Transactional
    public KeyInfo rotate(LatchkeyConfig.SigningAlgorithm algorithm) {
        keys.lock();
        keys.retireActive(clock.instant(), algorithm.name());
        String kid = add(algorithm.name());
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
        var published = rows.stream().map(k -> {
            var jwk = KeyMaterial.parsePublic(k.publicJwk);
            return new KeyRing.PublishedKey(k.kid, k.algorithm, jwk.getPublicKey(), k.publicJwk);
        }).toList();
        List<KeyRing.ActiveKey> active = rows.stream().filter(k -> k.retiredAt == null).map(this::activeKey).toList();
        String primary = config.token().signingAlgorithm().name();
        if (active.stream().noneMatch(k -> k.algorithm().equals(primary))) {
            throw new IllegalStateException("no active " + primary + " signing key");
        }
        ring.replace(primary, active, published);
    }

    /** Decrypts only when the active key of that algorithm changed: once per key, not once per read. */
    private KeyRing.ActiveKey activeKey(SigningKeyEntity row) {
        KeyRing.ActiveKey current = ring.activeOrNull(row.algorithm);
        return current != null && current.kid().equals(row.kid) ? current
                : new KeyRing.ActiveKey(row.kid, row.algorithm, KeyMaterial.privateKey(
                        encryption.decrypt(row.privateKey, row.kid), row.algorithm));
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
