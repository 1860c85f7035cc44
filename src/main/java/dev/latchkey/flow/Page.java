package dev.latchkey.flow;

import java.util.List;
import java.util.function.Function;

/** One page of a list, with the cursor of the next page when there is one. */
public record Page<T>(List<T> items, String nextAfter) {

    /** @param rows up to {@code limit + 1} rows; the extra one only says that more follow */
    public static <E, T> Page<T> of(List<E> rows, int limit, Function<E, T> view, Function<T, String> cursor) {
        boolean more = rows.size() > limit;
        List<T> items = rows.stream().limit(limit).map(view).toList();
        return new Page<>(items, more ? cursor.apply(items.get(items.size() - 1)) : null);
    }
}
