package dev.weft.future.internal;

import java.lang.ref.Cleaner;

/**
 * Weft's one {@link Cleaner}: a daemon thread that runs actions when objects become
 * unreachable. Used for safety nets (a channel sender dropped without {@code close()}, a failure
 * nobody joined, a runtime dropped without being closed), never for anything a program relies on.
 */
public final class Cleanup {
    private static final Cleaner CLEANER = Cleaner.create(r -> {
        Thread t = new Thread(r, "weft-cleaner");
        t.setDaemon(true);
        return t;
    });

    private Cleanup() {
    }

    /**
     * Runs {@code action} (once, on Weft's cleaner thread) when {@code obj} becomes unreachable,
     * unless the returned cleanable is cleaned first.
     *
     * @param obj the object watched
     * @param action what to run; must not refer to {@code obj}
     * @return the cleanable
     */
    public static Cleaner.Cleanable whenUnreachable(Object obj, Runnable action) {
        return CLEANER.register(obj, action);
    }
}
