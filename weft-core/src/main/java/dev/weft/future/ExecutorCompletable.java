package dev.weft.future;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import dev.weft.future.internal.OutsideCompletable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * {@link Future#toCompletableFuture(Executor)}: a future driven by an {@link Executor}, seen as
 * a {@link CompletableFuture}. It is the smallest task: each wake-up submits one poll to the
 * executor; the {@code CompletableFuture} is completed by the poll that completes the future.
 *
 * <p>Implementation notes. The state word has the bits of a runtime task, smaller:
 * <pre>
 * NOTIFIED  a run is submitted, or is due to be submitted when the running one ends; a wake
 *           while it is set does nothing (no second submission)
 * RUNNING   a run holds the future; only it touches {@code future}
 * CANCELLED the CompletableFuture was completed from outside; the next run cancels the future
 * DONE      the future completed or was cancelled; terminal
 * </pre>
 * Every transition is a CAS on {@code state}; a run starts with the CAS that sets RUNNING and
 * ends with the CAS that clears it, so the future's fields written by one run happen-before the
 * next run, whichever thread it is on. The future's {@code cancel()} runs like its polls: in a
 * run on the executor (futures need not be thread-safe), never on the thread that cancelled the
 * {@code CompletableFuture} — unless the executor refuses the run, see {@link #rejected}.
 *
 * @param <T> the value type
 */
final class ExecutorCompletable<T> extends OutsideCompletable<T> implements Runnable, Waker, Context {
    private static final int NOTIFIED = 1;
    private static final int RUNNING = 2;
    private static final int CANCELLED = 4;
    private static final int DONE = 8;
    private static final VarHandle STATE;

    static {
        try {
            STATE = MethodHandles.lookup().findVarHandle(ExecutorCompletable.class, "state", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final Executor executor;
    private Future<T> future; // owned by the run that holds RUNNING; null once done
    @SuppressWarnings("unused") // accessed through STATE
    private volatile int state;

    private ExecutorCompletable(Future<T> future, Executor executor) {
        this.future = future;
        this.executor = executor;
        this.state = NOTIFIED; // born with its first run submitted (below)
    }

    /** Submits the first poll; a refusing executor's exception is thrown, the future cancelled. */
    static <T> CompletableFuture<T> start(Future<T> future, Executor executor) {
        ExecutorCompletable<T> c = new ExecutorCompletable<>(future, executor);
        try {
            executor.execute(c); // the executor's hand-off orders the fields above before the run
        } catch (RuntimeException e) {
            future.cancel(); // ours now, never polled: drop it before reporting
            throw e;
        }
        return c;
    }

    private int getState() {
        return (int) STATE.getVolatile(this); // volatile: pairs with every CAS below
    }

    private boolean casState(int expect, int update) {
        return STATE.compareAndSet(this, expect, update); // volatile CAS: orders one run's writes before the next run
    }

    // ---- waker ------------------------------------------------------------------------------

    @Override
    public void wake() {
        for (;;) {
            int s = getState();
            if ((s & (DONE | NOTIFIED)) != 0) {
                return; // finished, or a run is already due: nothing to submit
            }
            if (casState(s, s | NOTIFIED)) {
                if ((s & RUNNING) == 0) {
                    submit();
                }
                return; // a running run sees NOTIFIED when it ends and submits then
            }
        }
    }

    @Override
    public Waker waker() {
        return this;
    }

    // ---- a run: one poll --------------------------------------------------------------------

    @Override
    public void run() {
        int s;
        for (;;) {
            s = getState();
            if ((s & DONE) != 0) {
                return;
            }
            if (casState(s, (s & ~NOTIFIED) | RUNNING)) {
                break;
            }
        }
        if ((s & CANCELLED) != 0) {
            cancelFuture();
            return;
        }
        Poll<T> p;
        try {
            p = future.poll(this);
        } catch (RuntimeException | Error e) {
            p = Poll.failed(e); // an exception escaping poll is the future's failure (DESIGN, failure rule)
        }
        if (p.isReady()) {
            future = null;
            finish();
            settle(p);
            return;
        }
        for (;;) {
            s = getState();
            if (casState(s, s & ~RUNNING)) {
                if ((s & NOTIFIED) != 0) {
                    submit(); // woken (or cancelled) during the poll: poll again in a new run
                }
                return;
            }
        }
    }

    private void submit() {
        try {
            executor.execute(this);
        } catch (RuntimeException e) {
            rejected(e);
        }
    }

    /**
     * The executor refused a run (a runtime's executor after shutdown): no run will come, and
     * this thread holds NOTIFIED without RUNNING, so it owns the future. It cancels the future
     * here, on this thread, since nobody else ever will, and fails with the executor's exception.
     */
    private void rejected(RuntimeException e) {
        for (;;) {
            int s = getState();
            if (casState(s, (s & ~NOTIFIED) | RUNNING)) {
                break;
            }
        }
        cancelFuture();
        settle(Poll.failed(e));
    }

    private void cancelFuture() {
        Future<T> f = future;
        future = null;
        finish();
        if (f != null) {
            f.cancel();
        }
    }

    private void finish() {
        for (;;) {
            int s = getState();
            if (casState(s, (s & ~(RUNNING | NOTIFIED)) | DONE)) {
                return;
            }
        }
    }


    // ---- completion from outside: cancels the future ---------------------------------------

    /** Asks the next run to cancel the future, and submits one if none is due. */
    @Override
    protected void completedFromOutside() {
        for (;;) {
            int s = getState();
            if ((s & (DONE | CANCELLED)) != 0) {
                return;
            }
            if (casState(s, s | CANCELLED | NOTIFIED)) {
                if ((s & (RUNNING | NOTIFIED)) == 0) {
                    submit();
                }
                return;
            }
        }
    }

    @Override
    public String toString() {
        return "ExecutorCompletable[" + Integer.toBinaryString(getState()) + ", " + super.toString() + "]";
    }
}
