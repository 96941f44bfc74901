package dev.weft.bench;

import dev.weft.future.Context;
import dev.weft.future.Future;
import dev.weft.future.Poll;
import dev.weft.future.Waker;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * The completion of the runtime benchmarks: a count that tasks bring down, and a future that is
 * ready once it reached zero. It plays the part of the channel on which Tokio's benchmarks signal
 * "all done" ({@code if 1 == rem.fetch_sub(1) { tx.send(()) }}).
 *
 * <p>One class for every executor, so each pays the same for completion: a Weft runtime drives it
 * with {@code blockOn} (a poll-based wait); the JMH thread of a virtual-thread or fork-join
 * benchmark {@linkplain #await() awaits} it, which parks the thread until the last
 * {@link #countDown()} unparks it, as a {@code CountDownLatch} would.
 *
 * <p>Implementation notes. {@link #countDown()} decrements (a volatile read-modify-write) and
 * then the one that reaches zero reads the waiter (volatile); the waiter writes its waker
 * (volatile) and then re-reads the count. Both sides are sequentially consistent, so either the
 * counter sees the waker or the waiter sees zero: no lost wake-up. One waiter at a time.
 */
final class Countdown implements Future<Void> {
    private static final VarHandle REMAINING;

    static {
        try {
            REMAINING = MethodHandles.lookup().findVarHandle(Countdown.class, "remaining", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    @SuppressWarnings("unused") // accessed through REMAINING
    private volatile int remaining;
    private volatile Waker waiter;

    /** @param count how many {@link #countDown()} calls complete it, at least 1 */
    Countdown(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("count must be >= 1: " + count);
        }
        this.remaining = count;
    }

    /** Counts one down; the call that reaches zero wakes the waiter. Any thread. */
    void countDown() {
        if ((int) REMAINING.getAndAdd(this, -1) == 1) { // volatile, then read waiter: pairs with poll()
            Waker w = waiter;
            if (w != null) {
                w.wake();
            }
        }
    }

    @Override
    public Poll<Void> poll(Context cx) {
        if (remaining == 0) { // volatile read: pairs with the getAndAdd in countDown()
            return Poll.ready(null); // shared instance: no allocation
        }
        waiter = cx.waker(); // volatile write, then re-read the count: pairs with countDown()
        if (remaining == 0) {
            waiter = null;
            return Poll.ready(null);
        }
        return Poll.pending();
    }

    /** Parks the calling (non-worker) thread until the count reaches zero. Throws nothing checked. */
    @Override
    public Void await() {
        try {
            return Future.super.await();
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("a countdown cannot fail", e);
        }
    }
}
