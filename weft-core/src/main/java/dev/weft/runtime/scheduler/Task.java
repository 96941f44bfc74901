package dev.weft.runtime.scheduler;

import static dev.weft.runtime.scheduler.TaskState.CANCELLED;
import static dev.weft.runtime.scheduler.TaskState.COMPLETE;
import static dev.weft.runtime.scheduler.TaskState.JOINED;
import static dev.weft.runtime.scheduler.TaskState.NOTIFIED;
import static dev.weft.runtime.scheduler.TaskState.RUNNING;
import static dev.weft.runtime.scheduler.TaskState.SHUTDOWN;
import static dev.weft.runtime.scheduler.TaskState.has;

import dev.weft.future.CancelledException;
import dev.weft.future.Context;
import dev.weft.future.Future;
import dev.weft.runtime.internal.UnjoinedFailures;
import dev.weft.future.Poll;
import dev.weft.future.Waker;
import dev.weft.runtime.JoinError;
import dev.weft.runtime.JoinHandle;
import dev.weft.runtime.jfr.WeftEvents;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.Callable;

/**
 * A spawned future: one object that is the run-queue entry ({@link Runnable}), the task's
 * {@link Waker} and {@link Context}, and the user's {@link JoinHandle}.
 *
 * <p>Implementation notes. State: see {@link TaskState}. The future field is touched only by
 * the thread that holds RUNNING (or, once, by the run that completes the task). The output is
 * written before COMPLETE is published with a release CAS and read after an acquire read of
 * COMPLETE. The join waker is a volatile field: the joiner writes it and then re-reads the
 * state; the completer publishes COMPLETE and then reads the waker; with both accesses
 * volatile, at least one of them sees the other (no lost join wake-up). Owned-list links
 * ({@code prevOwned}, {@code nextOwned}) are guarded by the scheduler's owned-list lock.
 *
 * @param <T> the output type
 */
public final class Task<T> implements Runnable, Waker, Context, JoinHandle<T> {
    private static final VarHandle STATE;
    private static final VarHandle COROUTINE;

    static {
        try {
            STATE = MethodHandles.lookup().findVarHandle(Task.class, "state", int.class);
            COROUTINE = MethodHandles.lookup().findVarHandle(Task.class, "coroutine", Object.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final TaskHost scheduler;
    /**
     * The future when it is a coroutine, else null. A coroutine runs on its own thread, so
     * cancelling it is a request: abort() flags it at once (its pending await must not return
     * what it was woken for), and the task completes only when the coroutine has unwound.
     *
     * <p>A coroutine spawned from its body ({@code Weft.spawn(() -> ...)}) keeps here only the
     * body ({@link Callable}) until its first run makes the coroutine ({@link #makeCoroutine}):
     * a queued task then holds no 128-byte coroutine, and a million spawned tasks leave that much
     * less for the collector to copy while they wait. Volatile: written once by the first run,
     * which then re-reads the state; abort() writes the state and then reads this, so either the
     * run sees the cancellation (and never starts the body) or abort() sees the coroutine (and
     * flags it). Cleared when the task completes ({@link #complete}).
     */
    private volatile Object coroutine;
    /** Whether the future is (or will be) a coroutine; fixed at spawn. */
    private final boolean coroutineTask;
    private final long id;
    /** The name given at spawn, or null: a field, not an allocation, so unnamed spawns cost nothing more. */
    private final String name;
    @SuppressWarnings("unused") // accessed through STATE
    private volatile int state;
    private Future<T> future;
    private Poll<T> output;
    private volatile Waker joinWaker;
    /** Set when a failure was seen by a joiner, so it is not reported as uncaught. */
    volatile boolean observed;
    /** The pending report of a failure nobody joined yet, if any. */
    volatile UnjoinedFailures.Entry unobserved;
    /**
     * When a worker last started polling this task ({@link Stamps}; 0: never). Plain: written by
     * the polling thread, read racily by the task dump; an int is never torn, and a stale value
     * only makes the task look idle for longer.
     */
    int lastPoll;
    /**
     * The worker this task stays on, or null: a continuation-engine coroutine must be resumed by
     * the thread that started it (see {@code Carrier}), so the multi-thread scheduler binds its
     * task to the worker of its first run. Written once, by that worker before the first poll;
     * volatile, so a thread that learns of the task through a wake reads it.
     */
    volatile Object home;
    /** Its future is a continuation-engine coroutine: see {@link #home}. */
    private final boolean bindsToWorker;

    Task<?> prevOwned;
    Task<?> nextOwned;

    Task(TaskHost scheduler, Future<T> future, long id, String name) {
        this.scheduler = scheduler;
        this.future = future;
        Coroutine<T> c = future instanceof Coroutine<T> co ? co : null;
        if (c != null) {
            c.chooseEngine(scheduler.continuations()); // an Async.async future spawned: this runtime's mode
        }
        this.coroutine = c; // before the task is published: the spawner's queue publishes it
        this.coroutineTask = c != null;
        this.bindsToWorker = c != null && c.onContinuation();
        this.id = id;
        this.name = name;
        this.state = NOTIFIED; // born scheduled: the spawner queues it right away
    }

    /** A coroutine task whose coroutine its first run makes from {@code body}. */
    Task(TaskHost scheduler, Callable<T> body, long id, String name) {
        this.scheduler = scheduler;
        this.coroutine = body; // before the task is published: the spawner's queue publishes it
        this.coroutineTask = true;
        this.bindsToWorker = scheduler.continuations();
        this.id = id;
        this.name = name;
        this.state = NOTIFIED;
    }

    /** @return the coroutine, or null: a poll-based task, or a coroutine task before its first run */
    private Coroutine<T> coroutine() {
        @SuppressWarnings("unchecked")
        Coroutine<T> c = coroutine instanceof Coroutine<?> co ? (Coroutine<T>) co : null; // volatile read
        return c;
    }

    /**
     * First run of a coroutine task spawned from its body: makes the coroutine, unless the task
     * was aborted first.
     *
     * @param s the state this run started with
     * @return the state after the coroutine is published (an abort may have come meanwhile)
     */
    private int makeCoroutine(Callable<T> body, int s) {
        if (has(s, CANCELLED)) {
            return s; // never started: the caller drops the body
        }
        Coroutine<T> c = new Coroutine<>(body, bindsToWorker); // bound to a worker exactly when a continuation
        future = c;
        coroutine = c; // volatile write, then a volatile read of the state: pairs with abort()
        return getVolatileState();
    }

    // ---- accessors by memory mode -----------------------------------------------------------

    private int getAcquireState() {
        return (int) STATE.getAcquire(this); // acquire: pairs with casState, the release of COMPLETE
    }

    private int getVolatileState() {
        return (int) STATE.getVolatile(this); // volatile: after the joinWaker write, a store-load pair with complete()'s CAS then joinWaker read
    }

    private boolean casState(int expect, int update) {
        return STATE.compareAndSet(this, expect, update); // volatile CAS: orders output before COMPLETE (getAcquireState)
    }

    /** @return whether the task must stay on the worker of its first run (its coroutine is a continuation) */
    boolean bindsToWorker() {
        return bindsToWorker;
    }

    // ---- run queue entry -------------------------------------------------------------------

    /** Polls the future once (or cancels it if aborted). Called by the scheduler only. */
    @Override
    public void run() {
        int s = getAcquireState();
        for (;;) {
            if (has(s, COMPLETE)) {
                return;
            }
            int next = (s & ~NOTIFIED) | RUNNING;
            if (casState(s, next)) {
                s = next;
                break;
            }
            s = getAcquireState();
        }
        if (future == null && coroutine instanceof Callable<?> body) {
            @SuppressWarnings("unchecked")
            Callable<T> b = (Callable<T>) body;
            s = makeCoroutine(b, s);
        }
        if (has(s, CANCELLED) && !(coroutine() instanceof Coroutine<T> co && co.isStarted())) {
            cancelFuture(); // a poll-based future is dropped here; a coroutine that never ran never will
            complete(Poll.failed(cancelError(s)));
            return;
        }
        // A started coroutine was cancelled by abort() itself: poll it until it has unwound.
        Poll<T> p = TaskHost.pollCatching(future, this);
        if (p.isReady()) {
            future = null;
            if (coroutineTask) {
                int now = getAcquireState(); // an abort may have come during the poll, on another thread
                if (has(now, CANCELLED)) {
                    p = outcomeAfterCancel(p, now);
                }
            }
            complete(p);
            return;
        }
        for (;;) {
            s = getAcquireState();
            if (casState(s, s & ~RUNNING)) {
                if (has(s, NOTIFIED)) {
                    scheduler.scheduleYield(this); // woken (or aborted) during the poll: run again, after the others
                }
                return;
            }
        }
    }

    private JoinError cancelError(int s) {
        return has(s, SHUTDOWN) ? JoinError.shutdown(this) : JoinError.cancelled(this);
    }

    /**
     * What the join of an aborted coroutine task reports once the coroutine has unwound: the
     * {@link JoinError} if it ended by the cancellation (a {@code CancelledException}, or the
     * interruption of a blocking JDK call) or returned a value after an await had thrown it the
     * cancellation (swallowing does not un-cancel); otherwise what it did — its value (it
     * finished first, or handled a JDK call's interrupt itself: no value is lost) or its own
     * failure (e.g. a {@code finally} that threw).
     */
    private Poll<T> outcomeAfterCancel(Poll<T> p, int s) {
        boolean byCancellation = p instanceof Poll.Failed<T> f
                && f.error() instanceof CancelledException
                || coroutine().sawCancellation();
        return byCancellation ? Poll.failed(cancelError(s)) : p;
    }

    private void cancelFuture() {
        Future<T> f = future;
        future = null;
        Object co = coroutine;
        try {
            if (f == null && co instanceof Callable<?> body) { // its coroutine was never made
                coroutine = null; // the body's captures are garbage now
                Coroutine.tellDropped(body); // its body will never run to say it ended
            } else if (f != null) {
                if (co instanceof Coroutine<?> c && !c.isStarted()) {
                    c.droppedBeforeStart(); // its body will never run to say it ended
                }
                f.cancel();
            }
        } catch (Throwable t) {
            scheduler.uncaughtFailure(this, t);
        }
    }

    /** Cancels a task that will never run again (runtime shutdown with no thread to run it). */
    void cancelNow() {
        for (;;) {
            int s = getAcquireState();
            if (has(s, COMPLETE) || has(s, RUNNING)) {
                return;
            }
            if (casState(s, (s | RUNNING) & ~NOTIFIED)) {
                cancelFuture();
                complete(Poll.failed(JoinError.shutdown(this)));
                return;
            }
        }
    }

    private void complete(Poll<T> p) {
        output = p; // plain write, published by the CAS below
        // Drop the finished coroutine (its thread, its stack): a task that lived long enough to be
        // promoted would otherwise keep them alive, young, until the next old-generation cycle.
        if (coroutineTask) {
            COROUTINE.setRelease(this, null); // release: nobody reads it after COMPLETE (abort and the dump check COMPLETE first)
        }
        // Counted out before COMPLETE is published: whoever sees the task finished (a join, an
        // isFinished() spin) then reads an alive count without it. RUNNING, still set, keeps
        // every other thread from running or completing it meanwhile.
        scheduler.release(this);
        for (;;) {
            int s = getAcquireState();
            if (casState(s, (s & ~(RUNNING | NOTIFIED)) | COMPLETE)) {
                break;
            }
        }
        if (WeftEvents.taskFinishedEnabled()) { // a few loads unless a recording wants the event
            finishedEvent(p);
        }
        Waker w = joinWaker; // volatile read after COMPLETE is published: see class notes
        if (w != null) {
            joinWaker = null;
            w.wake();
        }
        if (p instanceof Poll.Failed<T> f && !(f.error() instanceof JoinError)) {
            scheduler.maybeUnobserved(this, f.error());
        }
    }

    private void finishedEvent(Poll<T> p) {
        Throwable e = p instanceof Poll.Failed<T> f ? f.error() : null;
        boolean cancelled = e instanceof JoinError j && j.taskId() == id;
        String outcome = e == null ? "ok" : cancelled ? "cancelled" : "failed";
        WeftEvents.taskFinished(scheduler.runtimeName(), id, name(), outcome,
                e == null || cancelled ? null : e.getClass().getName());
    }

    // ---- seen by the task dump (any thread, racy reads) ----------------------------------------

    /** @return the state word (acquire) */
    int stateForDump() {
        return getAcquireState();
    }

    /** @return the future, read racily: null once the task completed, or before a coroutine task's first run */
    Future<T> futureForDump() {
        return future;
    }

    /** @return the coroutine, its body before the first run, or null (poll-based, or completed early) */
    Object coroutineForDump() {
        return coroutine;
    }

    /** @return whether the task runs a coroutine (made at its first run if spawned from a body) */
    boolean isCoroutineTask() {
        return coroutineTask;
    }

    // ---- waker ------------------------------------------------------------------------------

    @Override
    public void wake() {
        for (;;) {
            int s = getAcquireState();
            if (has(s, COMPLETE) || has(s, NOTIFIED)) {
                return; // finished, or already queued / due to be re-queued: nothing to allocate
            }
            if (casState(s, s | NOTIFIED)) {
                if (!has(s, RUNNING)) {
                    scheduler.schedule(this);
                }
                return;
            }
        }
    }

    @Override
    public Waker waker() {
        return this;
    }

    // ---- join handle ------------------------------------------------------------------------

    @Override
    public Poll<T> poll(Context cx) {
        int s = getAcquireState();
        if (!has(s, COMPLETE)) {
            joinWaker = cx.waker(); // volatile write, then a volatile re-read of the state: see class notes
            s = getVolatileState();
            if (!has(s, COMPLETE)) {
                return Poll.pending();
            }
            joinWaker = null;
        }
        return takeOutput(s);
    }

    private Poll<T> takeOutput(int s) {
        for (;;) {
            if (has(s, JOINED)) {
                throw new IllegalStateException("JoinHandle of task " + id + " polled after it completed");
            }
            if (casState(s, s | JOINED)) {
                break;
            }
            s = getAcquireState();
        }
        observed = true;
        scheduler.observed(this);
        Poll<T> p = output;
        output = null;
        return p;
    }

    /** Dropping the join future detaches: the task keeps running (as in Tokio). */
    @Override
    public void cancel() {
        joinWaker = null;
    }

    @Override
    public void abort() {
        abort(CANCELLED);
    }

    /** Aborts the task because its runtime shuts down: its JoinError will say so. */
    void abortForShutdown() {
        abort(CANCELLED | SHUTDOWN);
    }

    private void abort(int bits) {
        boolean shutdown = has(bits, SHUTDOWN);
        for (;;) {
            int s = getAcquireState();
            if (has(s, COMPLETE)) {
                return;
            }
            if (has(s, CANCELLED)) {
                Coroutine<T> co = coroutine(); // volatile read after the state's: see the field
                if (shutdown && co != null) {
                    co.requestCancelForShutdown(); // aborted before, perhaps in a non-cancellable await
                }
                return;
            }
            if (casState(s, s | bits | NOTIFIED)) {
                Coroutine<T> coroutine = coroutine(); // volatile read after the CAS: see the field
                if (coroutine != null) {
                    // Flag it now, not at the task's next run: a coroutine already woken (a lock
                    // or message handed to it) may resume first, and must see the cancellation at
                    // that await, handing back what it was given, instead of running past it.
                    if (shutdown) {
                        coroutine.requestCancelForShutdown(); // it unwinds at this task's next poll
                    } else {
                        coroutine.requestCancel();
                    }
                }
                if (!has(s, RUNNING) && !has(s, NOTIFIED)) {
                    scheduler.schedule(this);
                }
                return;
            }
        }
    }

    @Override
    public boolean isFinished() {
        return has(getAcquireState(), COMPLETE);
    }

    @Override
    public long id() {
        return id;
    }

    /** @return the name given at spawn, or {@code task-<id>} */
    @Override
    public String name() {
        return name != null ? name : "task-" + id;
    }

    /** @return whether a name was given at spawn */
    boolean hasName() {
        return name != null;
    }

    @Override
    public String toString() {
        return "Task[" + id + (name != null ? ", " + name : "") + ", " + TaskState.describe(getAcquireState()) + "]";
    }
}
