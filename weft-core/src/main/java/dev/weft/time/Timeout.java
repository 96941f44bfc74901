package dev.weft.time;

import dev.weft.future.Context;
import dev.weft.future.Future;
import dev.weft.future.Poll;
import dev.weft.future.internal.FirstRun;
import dev.weft.time.wheel.TimeDriver;

/**
 * A future that completes like the future it wraps, or fails with {@link Elapsed} if that
 * future is not done by the deadline: {@link Time#timeout} and {@link Time#timeoutAt} make
 * one. It is its own timer entry (one object per timeout).
 *
 * <p>Each poll polls the inner future first, then the timer: an inner result that is ready
 * when the deadline has passed still wins (Tokio's rule). So even
 * {@code Time.timeout(Duration.ZERO, f)} gives {@code f} one poll: a future ready on its first
 * poll wins. A coroutine ({@code Async.async(body)}) given directly counts as polled once its
 * body has run up to its first {@code await()} that suspends, or to its end, on every coroutine
 * engine: {@code Time.timeout(Duration.ZERO, Async.async(() -> 42)).await()} is 42. (On the
 * virtual-thread engines a coroutine's first poll only starts its thread; the timeout then waits
 * for that first run before it expires, and a blocking JDK call in it delays the expiry as on
 * the continuation engine, where the first poll runs the body itself.) On expiry the inner future is
 * {@linkplain Future#cancel() cancelled} (exactly once) and the timeout fails with
 * {@link Elapsed}. Cancelling the timeout cancels the inner future and removes the timer.
 *
 * {@snippet :
 * try {
 *     Row row = Time.timeout(Duration.ofSeconds(2), db.query(sql)).await();
 * } catch (Elapsed e) {
 *     // the query was cancelled after 2 s
 * }
 * }
 *
 * @param <T> the inner future's value type
 */
public final class Timeout<T> extends Timer implements Future<T> {
    private Future<T> inner;
    private final String expiredMessage;

    Timeout(TimeDriver driver, long deadline, Future<T> inner, String expiredMessage) {
        super(driver, deadline);
        this.inner = inner;
        this.expiredMessage = expiredMessage;
    }

    /**
     * Polls the inner future, then the deadline.
     *
     * <p>As a waiting method ({@code timeout(...).await()}): <b>cancel safety</b> is the inner
     * future's: abandoning the timeout cancels the inner future, and whatever its cancel
     * safety loses is lost. <b>Memory effects</b> are the inner future's; expiry itself
     * synchronizes with nothing.
     *
     * @param cx the task's context
     * @return the inner result; {@link Elapsed} as the failure if the deadline passed first;
     *         or pending
     * @throws IllegalStateException if polled again after it completed
     */
    @Override
    public Poll<T> poll(Context cx) {
        Future<T> f = inner;
        if (f == null) {
            throw new IllegalStateException("timeout polled after it completed");
        }
        Poll<T> p = pollInner(f, cx);
        if (p.isReady() || !pollElapsed(cx)) {
            return p;
        }
        if (f instanceof FirstRun c) {
            if (c.awaitFirstRun()) {
                return p; // its first poll only queued its thread: decide once the body ran (it wakes us)
            }
            p = pollInner(f, cx); // its first run ended, perhaps just now by finishing: look again
            if (p.isReady()) {
                return p;
            }
        }
        inner = null;
        f.cancel();
        return Poll.failed(new Elapsed(expiredMessage));
    }

    /** Polls the inner future; once it is ready (or threw) the timeout is done with it and its timer. */
    private Poll<T> pollInner(Future<T> f, Context cx) {
        Poll<T> p;
        try {
            p = f.poll(cx);
        } catch (RuntimeException | Error e) {
            inner = null; // the inner future failed: it completed, nothing to cancel
            unregister();
            throw e;
        }
        if (p.isReady()) {
            inner = null;
            unregister();
        }
        return p;
    }

    /** Cancels the inner future (if not done) and removes the timer entry at once. */
    @Override
    public void cancel() {
        Future<T> f = inner;
        inner = null;
        unregister();
        if (f != null) {
            f.cancel();
        }
    }

    @Override
    public String toString() {
        return "Timeout[" + expiredMessage + (inner == null ? ", done]" : "]");
    }
}
