package dev.weft.test;

import dev.weft.future.Future;
import dev.weft.future.Poll;
import dev.weft.future.Waker;

/**
 * A future polled by hand as a runtime's task would poll it, with a waker that counts: Weft's
 * {@code tokio_test::task::spawn}. No runtime is needed for futures that need none (channels,
 * locks, combinators); inside a runtime (a {@link WeftTest} body) timers and sockets work too.
 *
 * {@snippet :
 * Semaphore permits = new Semaphore(1);
 * var held = permits.acquire().await();
 * MockTask<Semaphore.Permit> second = MockTask.spawn(permits.acquire());
 * PollAssertions.assertPending(second.poll());
 * assertFalse(second.isWoken());
 * held.close();                                   // the permit goes to the waiter
 * assertTrue(second.isWoken());
 * PollAssertions.assertReady(second.poll()).close();
 * }
 *
 * <p>Like a task, it keeps the pending contract's side of the bargain: {@link #poll()} polls
 * the future once with this task's {@link #waker()}, an unchecked exception escaping the
 * future's {@code poll} becomes a failed poll, polling again after a ready (or failed) poll or
 * after {@link #cancel()} throws {@link IllegalStateException}, and {@link #cancel()} is
 * passed on to the future at most once, only while it is not ready. Not thread-safe: poll and
 * cancel from one thread (the test's); the waker may be woken from any thread.
 *
 * @param <T> the future's value
 */
public final class MockTask<T> {
    private final Future<T> future;
    private final CountingWaker waker = new CountingWaker();
    private boolean done;
    private boolean cancelled;
    private boolean woken;

    private MockTask(Future<T> future) {
        this.future = future;
    }

    /**
     * Wraps a future in a mock task; nothing is polled yet.
     *
     * @param future the future, polled only by {@link #poll()}
     * @param <T> its value
     * @return the task
     * @throws IllegalArgumentException if future is null
     */
    public static <T> MockTask<T> spawn(Future<T> future) {
        if (future == null) {
            throw new IllegalArgumentException("future must not be null");
        }
        return new MockTask<>(future);
    }

    /**
     * Polls the future once with this task's waker; afterwards {@link #isWoken()} tells whether
     * it was woken since this poll began.
     *
     * @return what the future answered: ready, failed (also when its {@code poll} threw) or pending
     * @throws IllegalStateException if the future was ready or failed already, or was cancelled
     */
    public Poll<T> poll() {
        if (done || cancelled) {
            throw new IllegalStateException("polled again after it was " + (cancelled ? "cancelled" : "ready")
                    + ": " + future);
        }
        waker.takeWoken(); // a wake-up counts for the next poll only if it comes after this one begins
        woken = false;
        Poll<T> p;
        try {
            p = future.poll(waker);
        } catch (RuntimeException | Error e) {
            p = Poll.failed(e);
        }
        done = p.isReady();
        return p;
    }

    /**
     * Tells whether the waker was woken since the last {@link #poll()} began (since the task was
     * made, before the first poll): whether a runtime would poll this task again.
     *
     * @return whether it was woken
     */
    public boolean isWoken() {
        woken |= waker.takeWoken();
        return woken;
    }

    /** {@return how many times its waker was woken in all} */
    public int wakeCount() {
        return waker.wakeCount();
    }

    /** {@return the waker this task polls with (tokio-test's {@code waker_ref}), to wake it by hand} */
    public Waker waker() {
        return waker;
    }

    /** {@return whether a poll was ready or failed} */
    public boolean isDone() {
        return done;
    }

    /**
     * Abandons the future, as a runtime that aborts a task does: calls its {@link Future#cancel()}
     * unless it was ready already, or this task was cancelled before. Polling afterwards throws.
     */
    public void cancel() {
        if (cancelled) {
            return;
        }
        cancelled = true;
        if (!done) {
            future.cancel();
        }
    }

    @Override
    public String toString() {
        return "MockTask[" + (done ? "done" : cancelled ? "cancelled" : "pending") + ", wakes="
                + waker.wakeCount() + ", " + future + "]";
    }
}
