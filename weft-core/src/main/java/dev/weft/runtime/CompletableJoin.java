package dev.weft.runtime;

import dev.weft.future.Context;
import dev.weft.future.Poll;
import dev.weft.future.Waker;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import dev.weft.future.internal.OutsideCompletable;
import java.util.concurrent.CompletableFuture;

/**
 * {@link JoinHandle#toCompletableFuture()}: a task's outcome as a {@link CompletableFuture}.
 *
 * <p>Implementation notes. This object is the joiner's waker: each wake-up polls the join
 * handle right on the waking thread (the one that completed the task), which is cheap and
 * never blocks. Polls must not overlap, so a small state word serialises them:
 * <pre>
 * IDLE      no poll in progress
 * POLLING   a thread is polling the handle
 * NOTIFIED  woken while POLLING: the poller polls once more before it leaves
 * DONE      the output was taken, or the CompletableFuture was completed from outside
 *           (then the task is aborted and the handle detached); terminal
 * </pre>
 * Every transition is a CAS, so one poll's effects happen-before the next poll on another
 * thread. Completing the CompletableFuture from outside (cancel, complete, orTimeout...) aborts
 * the task: whoever finishes first decides, and the loser's outcome is dropped.
 *
 * @param <T> the task's output type
 */
final class CompletableJoin<T> extends OutsideCompletable<T> implements Waker, Context {
    private static final int IDLE = 0;
    private static final int POLLING = 1;
    private static final int NOTIFIED = 2;
    private static final int DONE = 3;
    private static final VarHandle STATE;

    static {
        try {
            STATE = MethodHandles.lookup().findVarHandle(CompletableJoin.class, "state", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final JoinHandle<T> task;
    @SuppressWarnings("unused") // accessed through STATE
    private volatile int state;

    private CompletableJoin(JoinHandle<T> task) {
        this.task = task;
    }

    static <T> CompletableFuture<T> of(JoinHandle<T> task) {
        CompletableJoin<T> c = new CompletableJoin<>(task);
        c.wake(); // the first poll, on the caller's thread: registers this as the join waker
        return c;
    }

    private int getState() {
        return (int) STATE.getVolatile(this); // volatile: pairs with the CASes below
    }

    private boolean casState(int expect, int update) {
        return STATE.compareAndSet(this, expect, update); // volatile CAS: orders one poll before the next
    }

    @Override
    public void wake() {
        for (;;) {
            int s = getState();
            if (s == IDLE && casState(IDLE, POLLING)) {
                break;
            }
            if (s == POLLING && casState(POLLING, NOTIFIED)) {
                return; // the poller polls again before it leaves
            }
            if (s == NOTIFIED || s == DONE) {
                return;
            }
        }
        for (;;) {
            Poll<T> p;
            try {
                p = task.poll(this);
            } catch (RuntimeException e) {
                p = Poll.failed(e); // e.g. the handle was already joined elsewhere
            }
            if (p.isReady()) {
                STATE.setVolatile(this, DONE); // volatile: no later wake polls again
                settle(p);
                return;
            }
            if (casState(POLLING, IDLE)) {
                return;
            }
            if (!casState(NOTIFIED, POLLING)) {
                return; // DONE: completed from outside while we polled
            }
        }
    }

    @Override
    public Waker waker() {
        return this;
    }

    /** Completed from outside: stop joining, abort the task, detach the handle. */
    @Override
    protected void completedFromOutside() {
        for (;;) {
            int s = getState();
            if (s == DONE) {
                return;
            }
            if (casState(s, DONE)) {
                break;
            }
        }
        task.abort();
        task.cancel(); // detach: the task no longer wakes this joiner
    }

    @Override
    public String toString() {
        return "CompletableJoin[" + task + ", " + super.toString() + "]";
    }
}
