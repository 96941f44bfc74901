package dev.weft.testkit;

import dev.weft.runtime.CoroutineMode;
import dev.weft.runtime.Runtime;

/** Which coroutine mode this test JVM runs in (chosen by its flags). */
public final class Modes {
    private static final CoroutineMode MODE;

    static {
        try (Runtime rt = Runtime.builder().currentThread().build()) {
            MODE = rt.handle().coroutineMode();
        }
    }

    private Modes() {
    }

    /** @return the mode of a runtime that does not choose one */
    public static CoroutineMode current() {
        return MODE;
    }

    /** @return whether coroutines are continuations (no thread of their own) */
    public static boolean continuation() {
        return MODE == CoroutineMode.CONTINUATION;
    }

    /** Why a test of a blocking JDK call inside a coroutine is skipped on the continuation engine. */
    public static final String NO_BLOCKING_PROMISE = "the continuation engine does not yet keep a blocking JDK "
            + "call from stalling its worker (no hand-off); see docs/design-notes.md";
}
