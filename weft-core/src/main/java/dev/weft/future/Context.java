package dev.weft.future;

import dev.weft.future.internal.Args;

/**
 * What a future gets when it is polled: the {@link Waker} of the task that polls it.
 *
 * <p>A runtime's task is its own context and its own waker, so polling allocates nothing.
 *
 * {@snippet :
 * Future<String> f = cx -> {
 *     if (ready) return Poll.ready("done");
 *     registerWaker(cx.waker());     // the pending contract: arrange a wake-up
 *     return Poll.pending();
 * };
 * }
 */
public interface Context {

    /** {@return the waker to wake when the polled future may make progress} */
    Waker waker();

    /**
     * A context for the given waker.
     *
     * @param waker the waker
     * @return a context whose {@link #waker()} is {@code waker}
     */
    static Context of(Waker waker) {
        Args.notNull(waker, "waker");
        if (waker instanceof Context c && c.waker() == waker) {
            return c;
        }
        return () -> waker;
    }
}
