package dev.weft.runtime.internal;

import dev.weft.runtime.CheckedRunnable;
import java.util.concurrent.Callable;

/** A body without a value as the callable every spawn path takes: its value is null. */
public final class VoidBodies {
    private VoidBodies() {
    }

    /**
     * @param body code that returns nothing
     * @param <T> the value type the caller needs (the value is always null)
     * @return {@code body} as a callable of value null
     */
    public static <T> Callable<T> of(CheckedRunnable body) {
        return () -> {
            body.run();
            return null;
        };
    }
}
