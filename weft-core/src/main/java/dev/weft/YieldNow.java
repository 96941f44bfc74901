package dev.weft;

import dev.weft.future.Context;
import dev.weft.future.Poll;
import dev.weft.future.UncheckedFuture;
import dev.weft.future.internal.Await;
import dev.weft.future.internal.Suspender;

/**
 * Pending once (after waking its own task, which goes to the back of the run queue), then ready.
 *
 * {@snippet :
 * for (Item item : items) {
 *     process(item);
 *     Weft.yieldNow().await();   // let other tasks run between items
 * }
 * }
 */
public final class YieldNow implements UncheckedFuture<Void> {
    private int polls;

    YieldNow() {
    }

    @Override
    public Poll<Void> poll(Context cx) {
        if (polls == 0) {
            polls = 1;
            cx.waker().wake();
            return Poll.pending();
        }
        if (polls == 1) {
            polls = 2;
            return Poll.ready(null);
        }
        throw new IllegalStateException("yieldNow() future polled after it completed");
    }

    /**
     * In a coroutine, yields its virtual thread; elsewhere polls as a future. Throws nothing
     * checked. Like every {@code await()}, it is a cancellation point: a cancelled coroutine
     * (an aborted task's) gets {@link dev.weft.future.CancelledException} before or after the
     * yield instead of returning.
     */
    @Override
    public Void await() {
        if (polls == 0 && Thread.currentThread().isVirtual()) {
            polls = 2;
            Suspender s = Suspender.current();
            s.enter(); // throws if already cancelled
            Thread.yield();
            s.enter(); // and if cancelled while it waited for its turn
            return null;
        }
        return Await.await(this);
    }
}
