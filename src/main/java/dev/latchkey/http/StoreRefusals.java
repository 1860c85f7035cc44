package dev.latchkey.http;

import dev.latchkey.store.StoreException;

/** What the caller did wrong when a statement refused its input (a taken name, say), in its words; else null. */
public final class StoreRefusals {
    private StoreRefusals() {
    }

    public static String of(Throwable e) {
        StoreException failed = StoreException.from(e);
        return failed == null ? null : failed.refusal();
    }
}
