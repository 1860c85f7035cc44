package dev.latchkey.store;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;

/** Failure counters per key in fixed windows, shared by every instance through PostgreSQL. */
@ApplicationScoped
public class ThrottleRepository implements PanacheRepositoryBase<ThrottleEntity, String> {
    public record Window(Instant start, int failures) {
    }

    private final Sql sql;

    public ThrottleRepository(Sql sql) {
        this.sql = sql;
    }

    /**
     * Counts one failure: a window older than {@code windowStartsAfter} starts over at {@code now}. Native:
     * one atomic upsert that returns the new count, so concurrent failures each count once.
     */
    public Window fail(String key, Instant now, Instant windowStartsAfter) {
        return sql.first("""
                        insert into throttle (key, window_start, failures) values (?, ?, 1)
                        on conflict (key) do update set
                            failures = case when throttle.window_start <= ? then 1 else throttle.failures + 1 end,
                            window_start = case when throttle.window_start <= ? then excluded.window_start
                                                else throttle.window_start end
                        returning window_start, failures""",
                rs -> new Window(Sql.instant(rs, 1), rs.getInt(2)), key, now, windowStartsAfter, windowStartsAfter)
                .orElseThrow();
    }

    /** One failure fewer (never below zero). */
    public void forgive(String key) {
        update("failures = failures - 1 where throttleKey = ?1 and failures > 0", key);
    }

    public void reset(String key) {
        delete("throttleKey", key);
    }
}
