package dev.latchkey.store;

import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.Optional;

/** Failure counters per key in fixed windows, shared by every instance through PostgreSQL. */
@ApplicationScoped
public class ThrottleRepository {
    public record Window(Instant start, int failures) {
    }

    private final Sql sql;

    public ThrottleRepository(Sql sql) {
        this.sql = sql;
    }

    public Optional<Window> find(String key) {
        return sql.first("select window_start, failures from throttle where key = ?",
                rs -> new Window(Sql.instant(rs, 1), rs.getInt(2)), key);
    }

    /** Counts one failure: a window older than {@code windowStartsAfter} starts over at {@code now}. */
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

    public void reset(String key) {
        sql.update("delete from throttle where key = ?", key);
    }
}
