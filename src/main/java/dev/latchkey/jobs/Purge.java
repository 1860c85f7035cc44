package dev.latchkey.jobs;

import dev.latchkey.config.LatchkeyConfig;
import dev.latchkey.store.PurgeRepository;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Deletes what has expired, so no table grows without bound: codes, refresh tokens and the grants left
 * without any, login sessions, early-revoked access tokens, old revocation events and throttle windows,
 * consents past their lifetime, audit events past their retention. In batches of {@code BATCH} rows,
 * each in its own short transaction, rows locked by another instance's purge skipped: two instances
 * purging at once share the work instead of colliding.
 */
@ApplicationScoped
public class Purge {
    private static final Logger LOG = Logger.getLogger(Purge.class);
    static final int BATCH = 1000;
    /** At most this many batches per table per run, so one run stays short. */
    static final int MAX_BATCHES = 100;

    private final PurgeRepository store;
    private final LatchkeyConfig config;
    private final Clock clock;

    public Purge(PurgeRepository store, LatchkeyConfig config, Clock clock) {
        this.store = store;
        this.config = config;
        this.clock = clock;
    }

    @Scheduled(every = "${latchkey.purge.interval:5m}", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        try {
            Map<String, Integer> deleted = run();
            if (deleted.values().stream().mapToInt(Integer::intValue).sum() > 0) {
                LOG.infof("Purged expired rows: %s", deleted);
            }
        } catch (RuntimeException e) {
            LOG.warnf("Purge did not finish (it will run again): %s", e.getMessage());
        }
    }

    /** One pass over every table; returns the rows deleted per table. */
    public Map<String, Integer> run() {
        Instant now = clock.instant();
        Duration access = config.token().accessLifetime().plusHours(1);
        Map<String, Integer> deleted = new LinkedHashMap<>();
        // codes stay an hour past expiry, so a late replay is still recognised as one
        deleted.put("authorization_code", purge("authorization_code", "expires_at < ?", now.minus(Duration.ofHours(1))));
        deleted.put("refresh_token", purge("refresh_token", "expires_at < ?", now));
        deleted.put("grant_family", purge("grant_family", "created_at < ? and not exists "
                + "(select 1 from refresh_token r where r.family_id = grant_family.id)", now.minus(access)));
        deleted.put("login_session", purge("login_session", "expires_at < ?", now));
        deleted.put("console_session", purge("console_session", "expires_at < ?", now));
        deleted.put("device_authorization", purge("device_authorization", "expires_at < ?", now));
        deleted.put("revoked_access_token", purge("revoked_access_token", "expires_at < ?", now));
        deleted.put("revocation_event", purge("revocation_event", "created_at < ?", now.minus(access)));
        deleted.put("throttle", purge("throttle", "window_start < ?", now.minus(Duration.ofHours(1))));
        // a consent past its lifetime goes, unless a live grant still rests on it (its refresh tokens rotate)
        deleted.put("consent", purge("consent", "updated_at < ? and not exists (select 1 from grant_family f "
                + "join refresh_token r on r.family_id = f.id where f.user_id = consent.user_id "
                + "and f.client_id = consent.client_id and f.revoked_at is null and r.expires_at > now())",
                now.minus(config.consent().lifetime())));
        deleted.put("registration_token", purge("registration_token", "expires_at < ?", now));
        deleted.put("dpop_proof", purge("dpop_proof", "expires_at < ?", now));
        deleted.put("pushed_authorization_request", purge("pushed_authorization_request", "expires_at < ?", now));
        // a client that registered itself (RFC 7591) and was never issued a token within its time
        deleted.put("client", purge("client", "registration_token_hash is not null and first_token_at is null "
                + "and created_at < ?", now.minus(config.registration().unusedClientLifetime())));
        deleted.put("audit_event", purge("audit_event", "at < ?", now.minus(config.audit().retention())));
        return deleted;
    }

    private int purge(String table, String condition, Instant cutoff) {
        int total = 0;
        for (int i = 0; i < MAX_BATCHES; i++) {
            int n = batch(table, condition, cutoff);
            total += n;
            if (n < BATCH) {
                break;
            }
        }
        return total;
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    int batch(String table, String condition, Instant cutoff) {
        return store.deleteBatch(table, condition, cutoff, BATCH);
    }
}
