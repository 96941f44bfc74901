package dev.weft.time;

import dev.weft.future.Context;
import dev.weft.future.Poll;
import dev.weft.future.UncheckedFuture;
import dev.weft.future.internal.Coop;
import dev.weft.future.internal.Args;
import dev.weft.future.internal.Await;
import dev.weft.time.wheel.TimeDriver;
import java.time.Instant;

/**
 * A future that completes when its deadline has passed: {@link Time#sleep} and
 * {@link Time#sleepUntil} make one. The sleep is its own timer entry, so sleeping allocates
 * one object.
 *
 * <p>It is bound to the runtime that made it, and registers with that runtime's timer on the
 * first poll that finds the deadline still ahead; it completes at the first millisecond tick
 * at or after the deadline, never before it (a poll that finds the deadline passed completes
 * at once). {@link #reset} moves the deadline, also after completion, to wait again.
 *
 * <p>Like every future it belongs to one task at a time: {@code poll}, {@code cancel} and
 * {@code reset} must not race each other.
 *
 * <p>A sleep awaited again after {@link #reset} keeps its timer entry, so a loop that paces
 * itself this way allocates no timer per step:
 * {@snippet class=dev.weft.snippets.TimeSnippets region=sleep-reset}
 */
public final class Sleep extends Timer implements UncheckedFuture<Void> {
    private boolean done;

    Sleep(TimeDriver driver, long deadline) {
        super(driver, deadline);
    }

    /**
     * Completes when the deadline has passed; otherwise arranges for {@code cx.waker()} (the
     * newest one) to be woken then.
     *
     * @param cx the task's context
     * @return ready with {@code null}, or pending
     * @throws IllegalStateException if polled again after it completed (without a
     *         {@link #reset})
     */
    @Override
    public Poll<Void> poll(Context cx) {
        if (done) {
            throw new IllegalStateException("sleep polled after it completed; reset(...) it to wait again");
        }
        if (!pollElapsed(cx) || !Coop.proceed(cx)) {
            // deadline ahead (waker registered, no budget spent), or due but the task's budget is
            // spent (re-woken; pollElapsed stays true for the next poll)
            return Poll.pending();
        }
        done = true;
        return Poll.ready(null);
    }

    /**
     * Waits until the deadline has passed.
     *
     * <p><b>Cancel safety:</b> safe; abandoning the wait loses nothing, and the timer entry is
     * removed at once. <b>Memory effects:</b> none beyond the clock: completing a sleep does
     * not synchronize with any other task. Call from a coroutine or a plain thread inside a
     * runtime (not from a worker that polls a task).
     *
     * @return {@code null}
     */
    @Override
    public Void await() {
        Await.await(this);
        return null; // not the awaited null: no cast of a value after the suspension (see Coroutine.awaitPending)
    }

    /** Removes the timer entry from the driver at once; the sleep will not complete. */
    @Override
    public void cancel() {
        unregister();
    }

    /**
     * Moves the deadline, like Tokio's {@code Sleep::reset}: a waiting sleep now completes at
     * {@code deadline} (earlier or later) and keeps its waker; a completed one can be polled
     * again and waits for the new deadline.
     *
     * @param deadline the new deadline on the clock's wall timeline (see {@link Time#now()});
     *                 one too far to represent means never
     * @throws IllegalArgumentException if {@code deadline} is null
     */
    public void reset(Instant deadline) {
        Args.notNull(deadline, "deadline");
        done = false;
        setDeadline(clock.nanosAt(deadline));
    }

    /** {@return the deadline on the clock's wall timeline; {@link Instant#MAX} for never} */
    public Instant deadline() {
        return clock.instantAt(deadlineNanos());
    }

    /** {@return whether the deadline has passed on the clock} */
    public boolean isElapsed() {
        return deadlineNanos() <= clock.nanoTime();
    }

    /** Interval's reuse: a new deadline, not registered until polled. */
    void rearm(long nanos) {
        unregister();
        done = false;
        setDeadline(nanos);
    }

    @Override
    public String toString() {
        return "Sleep[deadline=" + deadline() + (done ? ", done]" : "]");
    }
}
