package dev.weft.runtime.scheduler;

import dev.weft.future.CancelledException;
import dev.weft.future.Context;
import dev.weft.future.Future;
import dev.weft.future.Poll;
import dev.weft.future.Waker;
import dev.weft.future.internal.Await;
import dev.weft.future.internal.Carrier;
import dev.weft.future.internal.FirstRun;
import dev.weft.future.internal.IntOp;
import dev.weft.future.internal.ObjOp;
import dev.weft.future.internal.Sneaky;
import dev.weft.future.internal.ThreadSlots;
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
public final class Coroutine<T> extends Suspender implements Future<T>, Runnable, Executor, Waker, Context, ThreadSlots, FirstRun {
    private static final int RUNNING = 0;
    private static final int NOTIFIED = 1;
    private static final int PARKED = 2;
    /** Continuation engine, {@code resumer}: no thread runs it now / a thread runs it now. */
    private static final int IDLE = 0;
    private static final int RESUMED = 1;
    /** Continuation engine, {@code resumer}: the task dump walks its stack; a resumer waits. */
    private static final int DUMPING = 2;
    private static final VarHandle WAIT_STATE;
    private static final VarHandle RESUMER;

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            WAIT_STATE = l.findVarHandle(Coroutine.class, "waitState", int.class);
            RESUMER = l.findVarHandle(Coroutine.class, "resumer", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
        loadForTheJit();
    }

    /**
     * Loads a class the JDK's virtual-thread code needs only when a virtual thread ends. If a
     * million coroutines suspend before the first one ends, the JIT compiles that code while the
     * class is not loaded yet, as a trap; each suspended coroutine then deoptimizes on its own
     * when it ends (a million sleeping coroutines took seconds longer).
     */
    private static void loadForTheJit() {
        try {
            Class.forName("jdk.internal.event.VirtualThreadEndEvent", true, null);
        } catch (ClassNotFoundException | LinkageError e) { // another JDK: nothing to help
            System.getLogger("dev.weft.runtime").log(System.Logger.Level.DEBUG, "VirtualThreadEndEvent not loaded", e);
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
    private TaskHost scheduler;
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
    /**
     * How many non-cancellable awaits ({@link #awaitShielded}) the body is inside: while above
     * zero, its cancellation does not end its awaits ({@link #cancelledNow}). Written only by the
     * body; the continuation engine's resumer reads it under {@code resumer} (its acquiring CAS
     * sees the write of the run that suspended).
     */
    private int shield;
    /** Its runtime shuts down: even a non-cancellable await ends ({@link #requestCancelForShutdown}). */
    private volatile boolean shutdownCancel;
    @SuppressWarnings("unused") // accessed through WAIT_STATE
    private volatile int waitState;
    /**
     * Virtual-thread engine: the body's first run ended (it parked in an await, or finished),
     * and a poller asked to be woken then ({@link #awaitFirstRun}). Each side writes its flag and
     * then reads the other's (both volatile), so at least one sees both and the wake is not lost.
     */
    private volatile boolean firstRunOver;
    private volatile boolean wakeAfterFirstRun;

    /**
     * Whether this coroutine is a continuation resumed by its poller (else a virtual thread).
     * Fixed when it is made for a runtime or spawned as a task ({@link #chooseEngine}); an
     * {@code Async.async} future awaited directly takes the mode of the runtime that first polls
     * it (a future made outside any runtime takes the mode of the one that runs it). Written
     * before the coroutine starts, by the thread that spawns or starts it; read after that
     * through the publication of its task or its waker.
     */
    private boolean onContinuation;
    private boolean engineDecided;
    /** Continuation engine: created by the first poll; plain, read by the resuming thread. */
    private Object cont;
    /** Continuation engine: the suspender of the thread that resumed it (its budget applies). */
    private Suspender outer;
    /**
     * Continuation engine: the thread that started it, the only one that may resume it. Compiled
     * code may keep {@code Thread.currentThread()} across an await, so on another thread the
     * coroutine would act as if still on this one (see {@code Carrier}): a resume elsewhere fails.
     */
    private Thread home;
    /**
     * Continuation engine: what its pending await waits for (a {@link Future}, or an operation
     * awaited without one: an {@link IntOp} or an {@link ObjOp}), polled by the resumer before
     * it resumes the continuation (so a wake-up that finds it still pending resumes nothing),
     * and that poll's answer, handed in: a value ({@link #NOT_READY}: none), an {@code IntOp}'s
     * count ({@link IntOp#PENDING}: none) or a failure. Plain: written and read under
     * {@code resumer} (the suspending run writes {@code awaiting}, the next run reads it and
     * writes the answer, the resumed await reads that).
     */
    private Object awaiting;
    private Object awaitedValue = NOT_READY;
    private Throwable awaitedError;
    private int awaitedInt = IntOp.PENDING;
    private static final Object NOT_READY = new Object();
    /** Continuation engine: IDLE or RESUMED; only the thread that moved it to RESUMED runs it. */
    @SuppressWarnings("unused") // accessed through RESUMER
    private volatile int resumer;

    /** @param body the code to run; the engine is chosen by its first poll */
    public Coroutine(Callable<T> body) {
        this.body = body;
        this.bodyClass = body.getClass();
    }

    /**
     * @param body the code to run
     * @param onContinuation run it as a continuation resumed by its poller, not as a virtual thread
     */
    Coroutine(Callable<T> body, boolean onContinuation) {
        this.body = body;
        this.bodyClass = body.getClass();
        this.onContinuation = onContinuation;
        this.engineDecided = true;
    }

    /** Fixes the engine unless it is fixed already (a spawn: the spawning runtime's mode). */
    void chooseEngine(boolean continuation) {
        if (!engineDecided) {
            engineDecided = true;
            onContinuation = continuation;
        }
    }

    // ---- the future, seen from outside ------------------------------------------------------

    @Override
    public Poll<T> poll(Context cx) {
        if (taken) {
            throw new IllegalStateException("coroutine future polled after it completed");
        }
        Poll<T> r = result;
        if (!engineDecided) { // awaited directly, never spawned: the polling thread's runtime decides
            chooseEngine(RuntimeContext.current() instanceof TaskHost s ? s.continuations()
                    : CoroutineThreads.mode() == dev.weft.runtime.CoroutineMode.CONTINUATION);
        }
        if (r == null && onContinuation) {
            Waker w = cx.waker();
            if (pollWaker != w) { // the same poller each time, as a rule: no fence for it
                pollWaker = w; // volatile write: wake() forwards to the newest poller
            }
            r = resume();
            if (r == null) {
                return Poll.pending();
            }
        } else if (r == null) {
            pollWaker = cx.waker(); // volatile write, then re-read result: pairs with finish()
            if (thread == null) {
                task = cx instanceof Task<?> t ? t : cx instanceof Coroutine<?> c ? c.task : null;
                start(cx instanceof Task<?>);
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

    /**
     * Starts the virtual thread. Polled by its task on a runtime's own thread, it runs the body's
     * first run right here, inside the task's poll, as the continuation engine does: a body
     * that ends without waiting completes its task in one poll, and a million spawned coroutines
     * never sit queued as a million started threads (spawn-many: 3 runs per task instead of 1,
     * and their stacks all alive at once).
     */
    private void start(boolean polledByTask) {
        RuntimeContext ctx = RuntimeContext.current();
        scheduler = ctx instanceof TaskHost s ? s : null;
        Thread t = CoroutineThreads.newThread(scheduler != null ? this : null, this::runBody);
        if (task != null && task.hasName()) {
            t.setName(task.name()); // a named task's coroutine shows its name in thread dumps
        }
        if (scheduler != null) {
            scheduler.coroutineStarted(); // may refuse (LocalSetScheduler): before the thread starts
        }
        // A virtual thread cannot carry another: inline only on the runtime's platform thread.
        boolean inline = polledByTask && scheduler != null && CoroutineThreads.onWeftWorkers()
                && !Thread.currentThread().isVirtual();
        startInline = inline;
        thread = t; // volatile write before the start: see the field
        try {
            // execute() keeps the continuation, queues nothing, when startInline
            CoroutineThreads.start(t, scheduler != null ? scheduler.coroutineContainer : null);
        } finally {
            startInline = false;
        }
        if (inline) {
            scheduler.runCoroutine(this, continuation);
        }
    }

    /** Set by {@link #start} around the thread's start: its first run is inline, not queued. Plain: one thread. */
    private boolean startInline;

    // ---- the continuation engine --------------------------------------------------------------

    /**
     * Runs the continuation on the calling thread until it awaits something not ready, or ends.
     *
     * @return the result, or null if it is suspended in an await
     */
    private Poll<T> resume() {
        if (!acquire()) {
            throw new IllegalStateException("a coroutine was polled while it runs: does it await its own future?");
        }
        try {
            Object w = awaiting;
            if (w != null && !cancelledNow() && !pollAwaited(w)) { // cancelled: the await throws without polling it
                return null;
            }
            return runHeld();
        } finally {
            RESUMER.setRelease(this, IDLE); // after every write of this run: pairs with the next CAS
        }
    }

    /** @return true once this thread moved {@code resumer} from IDLE to RESUMED; false if a thread runs it */
    private boolean acquire() {
        for (;;) {
            if (RESUMER.compareAndSet(this, IDLE, RESUMED)) { // acquires the previous resumer's writes
                return true;
            }
            if ((int) RESUMER.getVolatile(this) != DUMPING) {
                return false;
            }
            Thread.onSpinWait(); // the task dump walks the stack: a few microseconds
        }
    }

    /**
     * Polls what the suspended continuation awaits, on the resuming thread.
     *
     * @return false if it is still pending; true with its answer or failure handed in
     */
    private boolean pollAwaited(Object w) {
        try {
            if (w instanceof IntOp op) {
                int n = op.pollInt(this);
                if (n == IntOp.PENDING) {
                    return false;
                }
                awaitedInt = n;
            } else if (w instanceof ObjOp op) {
                Object v = op.pollObj(this);
                if (v == ObjOp.PENDING) {
                    return false;
                }
                awaitedValue = v;
            } else {
                Poll<?> p = ((Future<?>) w).poll(this);
                if (p instanceof Poll.Ready<?> r) {
                    awaitedValue = r.value();
                } else if (p instanceof Poll.Failed<?> failed) {
                    awaitedError = failed.error();
                } else {
                    return false;
                }
            }
        } catch (Throwable t) { // a poll that throws fails the future or operation (contract 5)
            awaitedError = t;
        }
        return true;
    }

    /** Runs the continuation once; the caller moved {@code resumer} to RESUMED. */
    private Poll<T> runHeld() {
        Object c = cont;
        Thread me = Carrier.current();
        if (c == null) {
            c = startContinuation();
            home = me;
        } else if (me != home && !cancelled) {
            throw new IllegalStateException("a coroutine suspended on " + home + " was resumed on " + me
                    + ": on the continuation engine a coroutine stays on the thread that started it "
                    + "(an Async.async future must be awaited where it was first polled)");
        }
        Suspender prev = Suspender.install(this);
        outer = prev;
        RuntimeContext prevCtx = null;
        boolean enter = scheduler != null && RuntimeContext.current() != scheduler;
        if (enter) {
            prevCtx = RuntimeContext.enter(scheduler);
        }
        try {
            WeftContinuation.run(c);
        } finally {
            if (enter) {
                RuntimeContext.enter(prevCtx);
            }
            outer = null;
            Suspender.install(prev);
        }
        return result;
    }

    private Object startContinuation() {
        RuntimeContext ctx = RuntimeContext.current();
        scheduler = ctx instanceof TaskHost s ? s : null;
        Object c = WeftContinuation.create(this::runOnContinuation);
        if (scheduler != null) {
            scheduler.continuationStarted();
        }
        cont = c;
        return c;
    }

    /** Runs the body once (both engines): its value or failure; cancelled before it started, it does not run. */
    private Poll<T> callBody() {
        Callable<T> b = body;
        body = null;
        try {
            if (cancelled) {
                tellDropped(b); // started, but the body will not run
                throw new CancelledException("coroutine cancelled before it started");
            }
            return Poll.ready(b.call());
        } catch (Throwable t) {
            return Poll.failed(t);
        }
    }

    private void runOnContinuation() {
        Poll<T> r = callBody();
        result = r; // volatile write: a canceller that finds it set does nothing
        if (scheduler != null) {
            scheduler.coroutineEnded();
        }
    }

    private static IllegalStateException pinnedAwait(String pinned) {
        return new IllegalStateException("await() cannot suspend this coroutine here (" + pinned
                + "): on the continuation engine a coroutine cannot await inside a native call "
                + "or a class initializer");
    }

    /**
     * Continuation engine: suspends until the resumer finds {@code future} ready (it polls it
     * before it resumes the continuation). The code after the suspension point runs once per
     * await, never before it, so the JIT compiles it from its own profile: re-polling here would
     * run branches that a million first polls taught it were never taken, and every frozen
     * activation would then deoptimize on its own (1M sleeping coroutines took 10 s, not 2).
     */
    @Override
    public <R> R awaitPending(Future<R> future, Context cx) {
        if (!onContinuation) {
            return super.awaitPending(future, cx);
        }
        String pinned = suspendOn(future);
        Object v = takeAnswer();
        if (v != NOT_READY) {
            @SuppressWarnings("unchecked")
            R r = (R) v; // erased: no cast
            return r; // ready even if cancelled meanwhile: its value must not be lost; the next await throws
        }
        future.cancel(); // resumed without its answer: cancelled, or the JVM refused to suspend
        throw notAnswered(pinned, "future");
    }

    /** Continuation engine: as {@link #awaitPending}, for an operation awaited without a future. */
    @Override
    public int awaitInt(IntOp op, Context cx) throws java.io.IOException {
        if (!onContinuation) {
            return super.awaitInt(op, cx);
        }
        String pinned = suspendOn(op);
        int n = awaitedInt;
        awaitedInt = IntOp.PENDING;
        throwHandedFailure();
        if (n != IntOp.PENDING) {
            return n;
        }
        throw notAnswered(pinned, "operation");
    }

    /** Continuation engine: as {@link #awaitPending}, for an object operation awaited without a future. */
    @Override
    public Object awaitObj(ObjOp op, Context cx) {
        if (!onContinuation) {
            return super.awaitObj(op, cx);
        }
        String pinned = suspendOn(op);
        Object v = takeAnswer();
        if (v != NOT_READY) {
            return v; // ready even if cancelled meanwhile, as in awaitPending
        }
        op.abandon(); // resumed without its answer: cancelled, or the JVM refused to suspend
        throw notAnswered(pinned, "operation");
    }

    /**
     * Continuation engine: suspends until the resumer finds {@code w} (a future or an
     * operation) answered, unless already cancelled.
     *
     * @return why the JVM refused to suspend, or null
     */
    private String suspendOn(Object w) {
        if (!maySuspend()) { // cancelled already: no need to leave and come back
            return null;
        }
        awaiting = w;
        try {
            return WeftContinuation.suspend();
        } finally {
            awaiting = null;
        }
    }

    /**
     * Continuation engine, after a suspension: takes the answer the resumer handed in.
     *
     * @return the value, or {@link #NOT_READY} if none came; a failure is thrown as it is
     */
    private Object takeAnswer() {
        Object v = awaitedValue;
        awaitedValue = NOT_READY;
        throwHandedFailure();
        return v;
    }

    /** Continuation engine, after a suspension: throws the failure the resumer handed in, if any, as it is. */
    private void throwHandedFailure() {
        Throwable e = awaitedError;
        if (e != null) {
            awaitedError = null;
            throw Sneaky.rethrow(e); // the awaited future's or operation's own failure
        }
    }

    /**
     * Continuation engine: an await resumed without its answer ({@code what}: "future" or
     * "operation"), which the caller has released.
     *
     * @return the failure to throw: the JVM refused to suspend, or the coroutine was cancelled
     *     or dropped (thrown from here), or a resume that should not have happened
     */
    private RuntimeException notAnswered(String pinned, String what) {
        if (pinned != null) {
            return pinnedAwait(pinned);
        }
        checkCancelledOrDropped();
        return new IllegalStateException("a coroutine was resumed before the " + what + " it awaits was ready");
    }

    /**
     * The owner asks for cancellation but keeps polling (an aborted task): the pending await
     * throws at the next resume. For a virtual thread this is {@link #cancel()}.
     */
    void requestCancel() {
        if (!onContinuation) {
            cancel();
            return;
        }
        if (result != null || cancelled) {
            return;
        }
        cancelled = true; // volatile write: read by the await at its resume
        wake();
    }

    /**
     * As {@link #requestCancel}, because the runtime shuts down: a non-cancellable await ends
     * too, so a cleanup region cannot hold the shutdown. Any thread; also after an earlier abort.
     */
    void requestCancelForShutdown() {
        shutdownCancel = true; // volatile write, before the cancellation's wake: read by cancelledNow()
        if (cancelled) {
            wake(); // already cancelled: resume a shielded await so it sees the shutdown
        } else {
            requestCancel();
        }
    }

    /**
     * Requests cancellation; any thread, idempotent. The pending (or next) {@code await()} throws
     * {@link CancelledException}, and a blocking JDK call is interrupted. The coroutine then
     * unwinds on its own thread: its future completes when it has (its {@code finally} ran).
     * A continuation is dropped by this call (its owner will not poll it again), so the caller
     * unwinds it at once, unless a thread runs it now (it then sees the flag at its next await).
     */
    @Override
    public void cancel() {
        if (result != null || cancelled) {
            return;
        }
        if (onContinuation) {
            cancelled = true; // volatile write: read by the await at its resume
            if (cont != null && acquire()) {
                try {
                    unwindDropped();
                } finally {
                    RESUMER.setRelease(this, IDLE);
                }
            }
            return;
        }
        cancelled = true; // volatile write: read by enter()/suspend() after the wake below, and by runBody
        Thread t = thread; // volatile read after the write above: see the field
        if (t != null) {
            wake();
            t.interrupt();
        }
    }

    /**
     * Runs a dropped, cancelled continuation to its end: a cancelled coroutine's awaits throw
     * before they suspend (suspendContinuation), so one run unwinds it.
     */
    private void unwindDropped() {
        pollWaker = null; // nobody polls it any more
        runHeld();
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

    /**
     * For a poller that must see the body's first run before it decides (a timeout whose
     * deadline passed by its first poll: Tokio polls the future once first). On the continuation
     * engine the first poll runs the body to its first await, so there is nothing to wait for;
     * on the virtual-thread engines the first poll only starts the thread, which runs later.
     *
     * @return true if that first run has not ended yet (not parked in an await, not finished);
     *     the newest poller's waker is then woken when it ends. False: poll again and decide.
     */
    @Override
    public boolean awaitFirstRun() {
        if (onContinuation || thread == null || result != null) { // thread: volatile read, see the field
            return false;
        }
        wakeAfterFirstRun = true; // volatile write, then read firstRunOver: pairs with endFirstRun
        return !firstRunOver;
    }

    /** Virtual-thread engine, on the coroutine's thread: its first run ends by parking. */
    private void endFirstRun() {
        if (!firstRunOver) {
            firstRunOver = true; // volatile write, then read wakeAfterFirstRun: pairs with awaitFirstRun
            Waker w = wakeAfterFirstRun ? pollWaker : null;
            if (w != null) {
                w.wake();
            }
        }
    }

    /**
     * A coroutine body that must learn that its task dropped the coroutine before its first run
     * (an abort or a shutdown came first): the body then never runs, so its own {@code finally}
     * cannot tell it. Used by {@code TaskTracker} to stop counting such a task.
     */
    public interface DroppedBeforeStart {
        /** Called once, by the thread that drops the coroutine, if the body never ran. */
        void droppedBeforeStart();
    }

    /** The task drops this coroutine, which never started: tells a {@link DroppedBeforeStart} body. */
    void droppedBeforeStart() {
        tellDropped(body);
    }

    static void tellDropped(Callable<?> body) {
        if (body instanceof DroppedBeforeStart d) {
            d.droppedBeforeStart();
        }
    }

    /** @return whether the first poll started the coroutine (its body may have run) */
    boolean isStarted() {
        return onContinuation ? cont != null : thread != null; // thread: volatile read, see the field
    }

    private void runBody() {
        Suspender.install(this);
        if (scheduler != null) {
            RuntimeContext.enter(scheduler);
        }
        Poll<T> r = callBody();
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
        if (cancelledNow()) {
            cancelSeen = true;
            throw new CancelledException("coroutine cancelled");
        }
        return this;
    }

    @Override
    public void suspend() {
        if (onContinuation) { // its awaits go through awaitPending: the resumer polls for it
            throw new IllegalStateException("a continuation coroutine does not suspend without a future");
        }
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
        endFirstRun(); // before coroutineParked: the woken poller counts as active first
        if (scheduler != null) {
            scheduler.coroutineParked();
        }
        if (!CoroutineThreads.onWeftWorkers()) {
            lastRun = Stamps.now(); // no worker stamps it: the JDK's scheduler runs it
        }
        boolean interrupted = false;
        // The test after a park is a bytecode of its own, apart from the test before the first
        // one: the JIT compiles it from its own profile. One shared test, always true before a
        // park, was compiled as a trap that every one of a million parked coroutines then hit
        // on its own when it resumed. (Parking before any test lost wake-ups on the JDK's
        // scheduler: the first park must not happen once a wake-up moved us out of PARKED.)
        if ((int) WAIT_STATE.getVolatile(this) == PARKED) { // pairs with the CAS in wake()
            do {
                LockSupport.park(this);
                if ((!cancelled || shield > 0) && Thread.interrupted()) {
                    // someone else's interrupt, or cancel()'s inside a non-cancellable await: keep
                    // it for the caller (it is set again below), don't spin on it
                    interrupted = true;
                }
            } while ((int) WAIT_STATE.getVolatile(this) == PARKED); // leaves PARKED only by wake()
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
        if (onContinuation) {
            Suspender o = outer; // the resuming thread's: a worker's budget covers the task's whole run
            return o == null || o.proceed(cx);
        }
        if (--budget >= 0) {
            return true;
        }
        budget = 0;
        budgetSpent = true;
        cx.waker().wake(); // spent: the await sees NOTIFIED and yields the thread before re-polling
        return false;
    }

    /**
     * Continuation engine: whether an await may suspend. Not if it is cancelled now, nor if its
     * owner cancelled and dropped it ({@link #unwindDropped}): no poller would resume it then, even
     * in a non-cancellable await. One read of {@code cancelled} when not cancelled, the hot case.
     */
    private boolean maySuspend() {
        // volatile reads: each written before the wake (or unwindDropped) that resumes this await
        return !cancelled || shield > 0 && !shutdownCancel && pollWaker != null;
    }

    /** @return whether an await must end by cancellation now: cancelled, and not in a non-cancellable await */
    private boolean cancelledNow() {
        return cancelled && (shield == 0 || shutdownCancel); // volatile reads: written before the wake that resumes the await
    }

    /**
     * Awaits {@code future} with this coroutine's cancellation held off until it completes: a
     * cancellation requested before or during the wait ends the next await after it. The
     * future must end on its own (Async.nonCancellable bounds it with a timeout). Call from this
     * coroutine's body.
     *
     * @param future the future
     * @param <R> its value type
     * @return its value
     * @throws CancelledException on the continuation engine, if the coroutine was cancelled and
     *     dropped by its owner (nothing polls it any more, so it cannot wait)
     */
    public <R> R awaitShielded(Future<R> future) {
        if (Suspender.installed() != this) {
            throw new IllegalStateException("awaitShielded is called from the coroutine's own body");
        }
        shield++;
        try {
            return Await.await(future);
        } finally {
            shield--;
        }
    }

    /** Continuation engine, an await that ends without its answer: by cancellation, even a shielded one if dropped. */
    private void checkCancelledOrDropped() {
        checkCancelled();
        if (cancelled) { // shielded, but dropped (unwindDropped): nobody would resume it
            cancelSeen = true;
            throw new CancelledException("coroutine cancelled and dropped by its owner: nothing polls it any more, "
                    + "so its non-cancellable await cannot wait (spawn the coroutine as a task to give its cleanup an owner)");
        }
    }

    private void checkCancelled() {
        if (cancelledNow()) {
            cancelSeen = true;
            throw new CancelledException("coroutine cancelled while awaiting");
        }
    }

    @Override
    public void wake() {
        if (onContinuation) {
            Waker w = pollWaker; // volatile read: the newest poller's waker
            if (w != null) {
                w.wake();
            }
            return;
        }
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
            if (startInline) {
                continuation = command; // start() runs it now, on this thread
                return;
            }
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

    // ---- the slots of its virtual thread (WEFT_SCHEDULER mode) -------------------------------

    /**
     * What its virtual thread would keep in thread-locals (its suspender, its runtime), kept
     * here: the thread's scheduler is this object, so {@link ThreadSlots#of} finds them, and a
     * coroutine costs no thread-local map. Coroutine-thread only.
     */
    private Suspender slotSuspender;
    private Object slotContext;

    @Override
    public Suspender suspenderSlot() {
        return slotSuspender;
    }

    @Override
    public void suspenderSlot(Suspender s) {
        slotSuspender = s;
    }

    @Override
    public Object contextSlot() {
        return slotContext;
    }

    @Override
    public void contextSlot(Object ctx) {
        slotContext = ctx;
    }

    /** Only its own thread: a virtual thread it started inherits this scheduler, not these slots. */
    @Override
    public ThreadSlots slotsFor(Thread t) {
        return t == thread ? this : null; // volatile read: written before the thread started
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
        if (onContinuation) {
            return cont != null && result == null && (int) RESUMER.getVolatile(this) == IDLE;
        }
        return (int) WAIT_STATE.getVolatile(this) == PARKED; // volatile: pairs with suspend()'s CAS
    }

    /** @return the stack of a suspended continuation, or null (virtual thread, or running) */
    StackTraceElement[] continuationStack() {
        if (!onContinuation || cont == null || !RESUMER.compareAndSet(this, IDLE, DUMPING)) {
            return null; // running now (or never started): no stack to walk safely
        }
        try {
            return result == null ? WeftContinuation.stack(cont) : null;
        } finally {
            RESUMER.setRelease(this, IDLE); // a resumer spinning in acquire() goes on
        }
    }

    /** @return whether it runs as a continuation resumed by its poller */
    boolean onContinuation() {
        return onContinuation;
    }

    /** @return whether a thread runs it now; true when that cannot be told (the JDK's scheduler runs it) */
    boolean isMounted() {
        if (onContinuation) {
            return (int) RESUMER.getVolatile(this) == RESUMED;
        }
        TaskHost s = scheduler; // plain: set before the thread started; racy reads see null or the scheduler
        return s == null || !CoroutineThreads.onWeftWorkers() || s.isMounted(this);
    }

    /** @return whether it has finished (its result is published) */
    boolean isDone() {
        return result != null;
    }

    @Override
    public String toString() {
        Thread t = thread;
        String where = onContinuation ? (cont == null ? "not started" : "continuation") : t == null ? "not started" : t.toString();
        return "Coroutine[" + where + (result != null ? ", done" : "") + "]";
    }
}
