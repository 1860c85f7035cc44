package dev.latchkey.policy;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Request parameters as sent (query or form), with repeats kept. An empty value counts as absent
 * (RFC 6749 §3.1), so {@code a=&a=x} is one {@code a}.
 */
public final class Parameters {
    private final Map<String, List<String>> values;

    private Parameters(Map<String, List<String>> values) {
        this.values = values;
    }

    public static Parameters of(Map<String, List<String>> raw) {
        Map<String, List<String>> kept = new LinkedHashMap<>();
        raw.forEach((name, list) -> {
            List<String> nonEmpty = list.stream().filter(v -> v != null && !v.isEmpty()).toList();
            if (!nonEmpty.isEmpty()) {
                kept.put(name, nonEmpty);
            }
        });
        return new Parameters(Collections.unmodifiableMap(kept));
    }

    public static Parameters single(Map<String, String> params) {
        Map<String, List<String>> raw = new LinkedHashMap<>();
        params.forEach((k, v) -> raw.put(k, v == null ? List.of() : List.of(v)));
        return of(raw);
    }

    /** The value when sent exactly once; null when absent or repeated. */
    public String get(String name) {
        List<String> list = values.get(name);
        return list != null && list.size() == 1 ? list.get(0) : null;
    }

    /** Every value sent for a parameter that may repeat (RFC 8707 {@code resource}), in order. */
    public List<String> all(String name) {
        return values.getOrDefault(name, List.of());
    }

    public boolean has(String name) {
        return values.containsKey(name);
    }

    public boolean repeated(String name) {
        List<String> list = values.get(name);
        return list != null && list.size() > 1;
    }

    /** Names sent more than once, sorted, among {@code names}. */
    public Set<String> repeatedAmong(Set<String> names) {
        Set<String> out = new TreeSet<>();
        for (String name : names) {
            if (repeated(name)) {
                out.add(name);
            }
        }
        return out;
    }

    /** Every parameter with its values, in the order they came. */
    public Map<String, List<String>> asMap() {
        return values;
    }

    /** The parameters among {@code names} that were sent once, for carrying a request through forms. */
    public Map<String, String> singles(Iterable<String> names) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String name : names) {
            String value = get(name);
            if (value != null) {
                out.put(name, value);
            }
        }
        return out;
    }
}
