package dev.weft.runtime.scheduler;

import dev.weft.future.CancelledException;
import dev.weft.future.Context;
import dev.weft.future.Future;
import dev.weft.future.Poll;
import dev.weft.future.Waker;
import dev.weft.future.internal.Suspender;
import dev.weft.runtime.internal.RuntimeContext;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.Callable;
import java.util.concurrent.Executor;
import java.util.concurrent.locks.LockSupport;

/**
 * A coroutine: sequential code on a virtual thread, seen from outside as a lazy {@link Future}.
 *
 * <p>Implementation notes.
 * <ul>
 * <li><b>Outside</b> (the future): the first poll records the poller's waker and starts the
 *     thread; completion publishes {@code result} (volatile) and then wakes the latest poller
 *     waker. The poller writes its waker and then re-reads {@code result}, so a completion
 *     racing with a poll is never missed. {@link #cancel()} marks the coroutine cancelled, wakes
 *     it, and interrupts it (so a blocking JDK call inside ends too).</li>
 * <li><b>Inside</b> (the {@link Suspender}): {@code await()} polls with this object as context;
 *     the waker moves {@code waitState} RUNNING→NOTIFIED (woken during the poll: re-poll at
 *     once) or PARKED→RUNNING (then unparks the thread). Only the coroutine sets PARKED.</li>
 * <li><b>Scheduling</b>: in {@code WEFT_SCHEDULER} mode this object is the virtual thread's
 *     executor: the JDK hands it the thread's continuation, and it queues itself on the runtime,
 *     so a resume allocates nothing and the scheduler knows which coroutine it is running.</li>
 * <li><b>Accounting</b>: the runtime counts coroutines that are running or runnable (not waiting
 *     in an await) so a paused clock advances only when everything is idle.</li>
 * </ul>
 *
 * @param <T> the result type
 */
public final class Coroutine<T> extends Suspender implements Future<T>, Runnable, Executor, Waker, Context {
    private static final int RUNNING = 0;
    private static final int NOTIFIED = 1;
    private static final int PARKED = 2;
    private static final VarHandle WAIT_STATE;

    static {
        try {
            WAIT_STATE = MethodHandles.lookup().findVarHandle(Coroutine.class, "waitState", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private Callable<T> body;
    /** The body's class, kept for JFR's long-poll event after the body itself was dropped. */
    private final Class<?> bodyClass;
    /**
     * When the coroutine last ran ({@link Stamps}; 0: never): stamped by the worker that runs it,
     * or, on the JDK's scheduler, when it suspends. Plain: read racily by the task dump.
     */
    int lastRun;
    /**
     * Written once by the first poll, before the thread starts; volatile because cancel() may run
     * on any thread (an abort): it writes {@code cancelled} then reads this, while the start
     * writes this then the thread reads {@code cancelled}, so one of them sees the other.
     */
    private volatile Thread thread;
    private Scheduler scheduler;
    private Runnable continuation;
    /** The worker this coroutine is mounted on (multi-thread flavor); set and cleared by that worker. */
    Worker carrier;
    /** The task this coroutine works for (named in blocked-worker reports), or null; set before start. */
    private Task<?> task;
    /** Coroutine-thread only: the cooperative budget of this turn, and whether it ran out. */
    private int budget = WorkerSuspender.INITIAL_BUDGET;
    private boolean budgetSpent;
    private boolean taken;
    /**
     * Whether the body saw its cancellation: an await threw it (a value returned after that
     * was returned by swallowing it, not by finishing first), or the body ended with the
     * interruption of a blocking JDK call after cancel(). Set only on the coroutine's own
     * thread at those points, so no race decides it. Published by the volatile write of
     * {@code result}.
     */
    private boolean cancelSeen;
    private volatile Poll<T> result;
    private volatile Waker pollWaker;
    private volatile boolean cancelled;
    @SuppressWarnings("unused") // accessed through WAIT_STATE
    private volatile int waitState;

    /** @param body the code to run */
    public Coroutine(Callable<T> body) {
        this.body = body;
        this.bodyClass = body.getClass();
    }

    // ---- the future, seen from outside ------------------------------------------------------

    @Override
    public Poll<T> poll(Context cx) {
        if (taken) {
            throw new IllegalStateException("coroutine future polled after it completed");
        }
        Poll<T> r = result;
        if (r == null) {
            pollWaker = cx.waker(); // volatile write, then re-read result: pairs with finish()
            if (thread == null) {
                task = cx instanceof Task<?> t ? t : cx instanceof Coroutine<?> c ? c.task : null;
                start();
            }
            r = result;
            if (r == null) {
                return Poll.pending();
            }
        }
        taken = true;
        pollWaker = null;
        return r;
    }

    private void start() {
        RuntimeContext ctx = RuntimeContext.current();
        scheduler = ctx instanceof Scheduler s ? s : null;
        Thread t = CoroutineThreads.newThread(scheduler != null ? this : null, this::runBody);
        if (task != null && task.hasName()) {
            t.setName(task.name()); // a named task's coroutine shows its name in thread dumps
        }
        if (scheduler != null) {
            scheduler.coroutineStarted(); // may refuse (LocalSetScheduler): before the thread starts
        }
        thread = t; // volatile write before the start: see the field
        t.start();
    }

    /**
     * Requests cancellation; any thread, idempotent. The pending (or next) {@code await()} throws
     * {@link CancelledException}, and a blocking JDK call is interrupted. The coroutine then
     * unwinds on its own thread: its future completes when it has (its {@code finally} ran).
     */
    @Override
    public void cancel() {
        if (result != null || cancelled) {
            return;
        }
        cancelled = true; // volatile write: read by enter()/suspend() after the wake below, and by runBody
        Thread t = thread; // volatile read after the write above: see the field
        if (t != null) {
            wake();
            t.interrupt();
        }
    }

    private static boolean isInterruption(Throwable e) {
        return e instanceof InterruptedException || e instanceof java.io.InterruptedIOException
                || e instanceof java.nio.channels.ClosedByInterruptException;
    }

    /**
     * Call after this future returned ready.
     *
     * @return whether the body saw its cancellation before it ended (so its value, if any, came
     *     after an abort it swallowed, not before it)
     */
    boolean sawCancellation() {
        return cancelSeen; // plain: written before the volatile write of result, read after it
    }

    /** @return whether the first poll started the coroutine's thread (its body may have run) */
    boolean isStarted() {
        return thread != null; // volatile read: see the field
    }

    private void runBody() {
        Suspender.install(this);
        if (scheduler != null) {
            RuntimeContext.enter(scheduler);
        }
        Callable<T> b = body;
        body = null;
        Poll<T> r;
        try {
            if (cancelled) {
                throw new CancelledException("coroutine cancelled before it started");
            }
            r = Poll.ready(b.call());
        } catch (Throwable t) {
            r = Poll.failed(t);
        }
        if (r instanceof Poll.Failed<T> f && cancelled && isInterruption(f.error())) {
            cancelSeen = true; // a blocking JDK call ended by cancel()'s interrupt, and the body let it out
        }
        result = r; // volatile write, then read pollWaker: pairs with poll()
        if (scheduler != null) {
            scheduler.coroutineEnded(); // before the wake: whoever joins sees it gone
        }
        Waker w = pollWaker;
        if (w != null) {
            w.wake();
        }
        if (scheduler != null) {
            // After the wake: the poller is queued (or counted active) before this coroutine
            // stops counting, so a paused clock never sees a moment where nothing is runnable
            // between the two and jumps ahead while the joiner has work to do.
            scheduler.coroutineParked();
        }
    }

    // ---- the suspender, seen from inside -----------------------------------------------------

    @Override
    public Context enter() {
        if (cancelled) {
            cancelSeen = true;
            throw new CancelledException("coroutine cancelled");
        }
        return this;
    }

    @Override
    public void suspend() {
        for (;;) {
            int s = (int) WAIT_STATE.getVolatile(this); // pairs with the CAS in wake()
            if (s == NOTIFIED) {
                if (WAIT_STATE.compareAndSet(this, NOTIFIED, RUNNING)) {
                    checkCancelled();
                    if (budgetSpent) {
                        budgetSpent = false;
                        budget = WorkerSuspender.INITIAL_BUDGET;
                        Thread.yield(); // budget spent: let the other tasks run first
                        checkCancelled();
                    }
                    return; // woken while polling: poll again without parking
                }
            } else if (WAIT_STATE.compareAndSet(this, RUNNING, PARKED)) {
                break;
            }
        }
        if (scheduler != null) {
            scheduler.coroutineParked();
        }
        if (!CoroutineThreads.onWeftWorkers()) {
            lastRun = Stamps.now(); // no worker stamps it: the JDK's scheduler runs it
        }
        boolean interrupted = false;
        while ((int) WAIT_STATE.getVolatile(this) == PARKED) { // leaves PARKED only by wake()
            LockSupport.park(this);
            if (!cancelled && Thread.interrupted()) {
                interrupted = true; // someone else's interrupt: keep it for the caller, don't spin
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        budget = WorkerSuspender.INITIAL_BUDGET; // a new turn
        budgetSpent = false;
        checkCancelled();
    }

    @Override
    public boolean proceed(Context cx) {
        if (--budget >= 0) {
            return true;
        }
        budget = 0;
        budgetSpent = true;
        cx.waker().wake(); // spent: the await sees NOTIFIED and yields the thread before re-polling
        return false;
    }

    private void checkCancelled() {
        if (cancelled) {
            cancelSeen = true;
            throw new CancelledException("coroutine cancelled while awaiting");
        }
    }

    @Override
    public void wake() {
        for (;;) {
            int s = (int) WAIT_STATE.getVolatile(this);
            if (s == RUNNING) {
                if (WAIT_STATE.compareAndSet(this, RUNNING, NOTIFIED)) {
                    return;
                }
            } else if (s == NOTIFIED) {
                return;
            } else if (WAIT_STATE.compareAndSet(this, PARKED, RUNNING)) {
                if (scheduler != null) {
                    scheduler.coroutineWoken(); // before unpark: the runtime must not see it idle
                }
                LockSupport.unpark(thread);
                return;
            }
        }
    }

    @Override
    public Waker waker() {
        return this;
    }

    // ---- the executor of the virtual thread (WEFT_SCHEDULER mode) ---------------------------

    /** Called by the JDK with the thread's continuation whenever the thread becomes runnable. */
    @Override
    public void execute(Runnable command) {
        Runnable mine = own;
        if (mine == null) {
            own = command; // the first call is our own thread's start: before any child exists
        } else if (command != mine) {
            // A virtual thread started by this coroutine inherited this executor as its
            // scheduler: run its continuation on the runtime as a task of its own, never as ours.
            scheduler.schedule(command);
            return;
        }
        continuation = command; // published to the running thread by the scheduler's queue
        scheduler.schedule(this);
    }

    /** This coroutine's own continuation (the JDK passes the same one on every execute). */
    private volatile Runnable own;

    /** Runs the continuation until the coroutine parks or ends. Called by the scheduler. */
    @Override
    public void run() {
        scheduler.runCoroutine(this, continuation);
    }

    /** @return the task this coroutine works for (it polled the coroutine first), or null */
    Task<?> task() {
        return task;
    }

    /** @return the virtual thread, or null before the first poll */
    Thread thread() {
        return thread;
    }

    /** @return the body's class (for JFR's long-poll event) */
    Class<?> bodyClass() {
        return bodyClass;
    }

    /** @return whether it is suspended in an {@code await} (read by the task dump, any thread) */
    boolean isSuspended() {
        return (int) WAIT_STATE.getVolatile(this) == PARKED; // volatile: pairs with suspend()'s CAS
    }

    /** @return whether a thread runs it now; true when that cannot be told (the JDK's scheduler runs it) */
    boolean isMounted() {
        Scheduler s = scheduler; // plain: set before the thread started; racy reads see null or the scheduler
        return s == null || !CoroutineThreads.onWeftWorkers() || s.isMounted(this);
    }

    /** @return whether it has finished (its result is published) */
    boolean isDone() {
        return result != null;
    }

    @Override
    public String toString() {
        Thread t = thread;
        return "Coroutine[" + (t == null ? "not started" : t) + (result != null ? ", done" : "") + "]";
    }
}
