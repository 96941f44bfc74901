package dev.weft.runtime.blocking;

import dev.weft.future.Context;
import dev.weft.future.Poll;
import dev.weft.future.Waker;
import dev.weft.runtime.JoinError;
import dev.weft.runtime.JoinHandle;
import dev.weft.runtime.internal.UnjoinedFailures;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.Callable;

/**
 * A blocking task: the body given to {@code spawnBlocking}, and its {@link JoinHandle}.
 *
 * <p>Implementation notes. The state word moves one way:
 * <pre>
 * QUEUED    spawned; the body has not started. Whoever moves it on first (a blocking thread
 *           about to run the body, abort(), or the pool's shutdown) owns the task.
 * CLAIMED   owned: the owner runs the body (or stores a cancellation). Only it touches
 *           body and output. abort() has no effect from here on (Tokio's rule).
 * COMPLETE  the output (value, failure or JoinError) is stored; terminal for the task.
 * JOINED    the handle took the output; polling again is a bug.
 * </pre>
 * The output is written before COMPLETE is published by a volatile write and read after a
 * volatile read of COMPLETE. The join waker is volatile: the joiner writes it and re-reads the
 * state; the completer publishes COMPLETE and then reads the waker, so at least one of them sees
 * the other (no lost wake-up). The joiner is woken before the in-flight count drops, so a paused
 * clock cannot jump ahead of a joiner that is about to resume.
 *
 * @param <T> the body's result type
 */
final class BlockingTask<T> implements JoinHandle<T> {
    private static final int QUEUED = 0;
    private static final int CLAIMED = 1;
    private static final int COMPLETE = 2;
    private static final int JOINED = 3;
    private static final VarHandle STATE;

    static {
        try {
            STATE = MethodHandles.lookup().findVarHandle(BlockingTask.class, "state", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final BlockingSpawner spawner;
    private final long id;
    private Callable<T> body;
    @SuppressWarnings("unused") // accessed through STATE and directly (volatile)
    private volatile int state;
    private Poll<T> output;
    private volatile Waker joinWaker;
    /** Set when a joiner took the output, so a failure is not reported as uncaught. */
    private volatile boolean observed;
    /** The pending report of a failure nobody joined yet, if any. */
    private volatile UnjoinedFailures.Entry unobserved;

    BlockingTask(BlockingSpawner spawner, Callable<T> body, long id) {
        this.spawner = spawner;
        this.body = body;
        this.id = id;
    }

    /** Takes ownership of a task whose body has not started. */
    private boolean claim() {
        return STATE.compareAndSet(this, QUEUED, CLAIMED); // volatile CAS: exactly one owner
    }

    // ---- the blocking thread's side ----------------------------------------------------------

    /** Runs the body unless the task was cancelled first. Called on a blocking thread. */
    void run() {
        if (!claim()) {
            return; // aborted or cancelled by shutdown while queued
        }
        Callable<T> b = body;
        body = null;
        Poll<T> p;
        try {
            p = Poll.ready(b.call());
        } catch (Throwable e) {
            p = Poll.failed(e);
        }
        complete(p, true);
    }

    /**
     * Cancels the task if its body has not started.
     *
     * @param shutdown whether the runtime's shutdown cancels it (else an abort)
     * @return whether it was cancelled
     */
    boolean cancelUnstarted(boolean shutdown) {
        if (!claim()) {
            return false;
        }
        body = null;
        spawner.dequeue(this);
        complete(Poll.failed(shutdown ? JoinError.shutdown(this) : JoinError.cancelled(this)), false);
        return true;
    }

    /**
     * Fails a task that no thread will ever run (the pool could not start one).
     *
     * @param error why
     */
    void failUnstarted(Throwable error) {
        if (claim()) {
            body = null;
            complete(Poll.failed(error), true);
        }
    }

    private void complete(Poll<T> p, boolean fromBody) {
        output = p; // plain write, published by the volatile write below
        state = COMPLETE; // volatile write, then read joinWaker: pairs with poll()
        try {
            Waker w = joinWaker;
            if (w != null) {
                joinWaker = null;
                w.wake();
            }
            if (fromBody && p instanceof Poll.Failed<T> f) {
                maybeUnobserved(f.error());
            }
        } finally {
            spawner.finished(); // last: the joiner is already woken when the paused clock may move
        }
    }

    private void maybeUnobserved(Throwable e) {
        if (observed) {
            return;
        }
        UnjoinedFailures.Entry u = spawner.owner.trackUnobserved(this, id, e);
        unobserved = u; // volatile write, then re-read observed: pairs with takeOutput()
        if (observed) {
            u.dismiss();
        }
    }

    // ---- the join handle ---------------------------------------------------------------------

    @Override
    public Poll<T> poll(Context cx) {
        int s = state;
        if (s < COMPLETE) {
            joinWaker = cx.waker(); // volatile write, then re-read state: see class notes
            s = state;
            if (s < COMPLETE) {
                return Poll.pending();
            }
            joinWaker = null;
        }
        return takeOutput();
    }

    private Poll<T> takeOutput() {
        if (!STATE.compareAndSet(this, COMPLETE, JOINED)) {
            throw new IllegalStateException("JoinHandle of blocking task " + id + " polled after it completed");
        }
        observed = true; // volatile write, then read unobserved: pairs with maybeUnobserved()
        UnjoinedFailures.Entry u = unobserved;
        if (u != null) {
            u.dismiss();
        }
        Poll<T> p = output;
        output = null;
        return p;
    }

    /** Dropping the join future detaches: the body keeps running (as in Tokio). */
    @Override
    public void cancel() {
        joinWaker = null;
    }

    /** Cancels the task if its body has not started; a running body is left to finish. */
    @Override
    public void abort() {
        cancelUnstarted(false);
    }

    @Override
    public boolean isFinished() {
        return state >= COMPLETE;
    }

    @Override
    public long id() {
        return id;
    }

    @Override
    public String toString() {
        String[] names = {"QUEUED", "CLAIMED", "COMPLETE", "JOINED"};
        return "BlockingTask[" + id + ", " + names[state] + "]";
    }
}
