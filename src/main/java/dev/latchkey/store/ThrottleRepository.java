package dev.latchkey.store;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Failure counters per key in fixed windows, shared by every instance through PostgreSQL. */
@ApplicationScoped
public class ThrottleRepository {
    public record Window(Instant start, int failures) {
    }

    private final EntityManager em;

    public ThrottleRepository(EntityManager em) {
        this.em = em;
    }

    public Optional<Window> find(String key) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select window_start, failures from throttle where key = ?1")
                .setParameter(1, key).getResultList();
        return rows.stream().findFirst().map(ThrottleRepository::window);
    }

    /** Counts one failure: a window older than {@code windowStartsAfter} starts over at {@code now}. */
    public Window fail(String key, Instant now, Instant windowStartsAfter) {
        Object[] row = (Object[]) em.createNativeQuery("""
                        insert into throttle (key, window_start, failures) values (?1, ?2, 1)
                        on conflict (key) do update set
                            failures = case when throttle.window_start <= ?3 then 1 else throttle.failures + 1 end,
                            window_start = case when throttle.window_start <= ?3 then excluded.window_start
                                                else throttle.window_start end
                        returning window_start, failures""")
                .setParameter(1, key).setParameter(2, now).setParameter(3, windowStartsAfter)
                .getSingleResult();
        return window(row);
    }

    public void reset(String key) {
        em.createNativeQuery("delete from throttle where key = ?1").setParameter(1, key).executeUpdate();
    }

    private static Window window(Object[] row) {
        return new Window(Rows.instant(row[0]), ((Number) row[1]).intValue());
    }
}
