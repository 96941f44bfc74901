package dev.weft.runtime.scheduler;

import dev.weft.future.internal.Carrier;
import dev.weft.future.Future;
import dev.weft.future.Poll;
import dev.weft.future.Waker;
import dev.weft.future.internal.Suspender;
import dev.weft.runtime.CoroutineMode;
import dev.weft.runtime.LocalSet;
import dev.weft.runtime.UncaughtFailureHandler;
import dev.weft.runtime.internal.RuntimeContext;
import dev.weft.io.reactor.Reactor;
import dev.weft.time.wheel.TimeDriver;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayDeque;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The scheduler of one {@code LocalSet}: its tasks and coroutines run only on the thread that
 * drives the set, and only while a {@link LocalSetRun} (the set's {@code runUntil} future) is being
 * polled there.
 *
 * <p>Implementation notes.
 * <ul>
 * <li><b>Threads.</b> {@code owner} is the thread that first polled a {@link LocalSetRun}; every later
 *     poll must come from it. {@code runner} is the thread running the set's work right now (the
 *     owner inside a poll, or a closing thread); it is claimed by CAS, so at most one thread runs
 *     the set at a time, and {@code local}, {@code mounted} and the suspender's budget belong to
 *     the runner.</li>
 * <li><b>Queues.</b> A wake on the runner (by a local task, a local coroutine mounted on it)
 *     goes to {@code local}, a plain deque; the runner checks it before it lets go of the set and
 *     re-wakes the set's poller if work is left. A wake from anywhere else (another thread, the
 *     owner between polls, a timer) goes to {@code inject} and wakes the set's poller: the waker
 *     of the latest {@link LocalSetRun} poll. The poller stores its waker (volatile) before it drains
 *     {@code inject}; a remote waker adds to {@code inject} (volatile) before it reads the waker:
 *     one of them sees the other, so no wake-up is lost.</li>
 * <li><b>Fairness.</b> One poll of the set runs at most {@link #BATCH} entries, then the set
 *     wakes its own poller and returns pending, so a local task that keeps re-waking itself
 *     cannot starve the future given to {@code runUntil}, the runtime, or other local tasks
 *     (a re-woken task goes to the back).</li>
 * <li><b>Runtime.</b> The set binds to the runtime it first runs in. It is a {@link TaskHost}
 *     (its own owned tasks, activity counts and unjoined failures), not a runtime's
 *     {@link Scheduler}: it has no drivers, blocking pool or {@code blockOn} of its own. The
 *     runtime context it gives its tasks answers {@link #timeDriver()} and {@link #ioDriver()}
 *     with the runtime's, and {@link #runtimeScheduler()} (used by {@code Handle.current()}, so
 *     by {@code Weft.spawn} and {@code spawnBlocking}, and by {@code blockInPlace}) is the
 *     runtime's scheduler, so blocking work goes to the runtime's pool and counts there;
 *     failures nobody joined go to the runtime's handler.</li>
 * <li><b>Coroutines</b> started inside the set run their continuations on the runner (they must
 *     be on Weft's scheduler, and the runner a platform thread: the JDK runs a virtual thread
 *     only on a platform carrier). Otherwise {@link #coroutineStarted()} refuses them before
 *     their thread starts. Their idle accounting stays with the set: while the set is not
 *     driven, its coroutines do not hold back the runtime's paused clock.</li>
 * <li><b>Close</b> (see {@link #shutdown}) aborts every task; the cancellations run on the
 *     set's thread if they can, else on the closing thread, bounded in time.</li>
 * </ul>
 */
public final class LocalSetScheduler extends TaskHost {
    /** Entries run per poll of the set before it yields (Tokio's LocalSet: 61). */
    static final int BATCH = 61;

    static final String JDK_MODE_MESSAGE = "a LocalSet cannot run coroutines when they run on the JDK's "
            + "default scheduler (CoroutineMode.JDK_SCHEDULER): they would run on other threads, at the "
            + "same time as the set's thread. Start the JVM with --add-opens java.base/java.lang=ALL-UNNAMED "
            + "(or =dev.weft on the module path), or spawn a poll-based Future with spawnLocal(Future)";

    private static final System.Logger LOG = System.getLogger("dev.weft.runtime");
    private static final VarHandle RUNNER;
    private static final VarHandle OWNER;

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            RUNNER = l.findVarHandle(LocalSetScheduler.class, "runner", Thread.class);
            OWNER = l.findVarHandle(LocalSetScheduler.class, "owner", Thread.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final LocalSet set;
    private final FailureForwarder failures;
    private final long closeTimeoutNanos;
    private final ArrayDeque<Runnable> local = new ArrayDeque<>(64);
    private final ConcurrentLinkedQueue<Runnable> inject = new ConcurrentLinkedQueue<>();
    private final WorkerSuspender suspender = new WorkerSuspender(true);
    /** LocalSetRun futures that were polled and have not completed or been cancelled. */
    final AtomicInteger activeRuns = new AtomicInteger();
    @SuppressWarnings("unused") // accessed through OWNER and directly (volatile)
    private volatile Thread owner;
    @SuppressWarnings("unused") // accessed through RUNNER and directly (volatile)
    private volatile Thread runner;
    private volatile Scheduler runtime;
    /** The waker of the latest LocalSetRun poll. */
    volatile Waker setWaker;
    /** The waker of a close waiting for the set's tasks to end, or null. */
    volatile Waker closeWaker;
    /** The coroutine whose continuation the runner is running; read by schedule() for identity only. */
    private Coroutine<?> mounted;

    /**
     * @param set the set this scheduler runs (returned by {@link #set()})
     * @param closeTimeoutNanos how long a close waits for tasks and coroutines to unwind
     */
    public LocalSetScheduler(LocalSet set, long closeTimeoutNanos) {
        this(set, closeTimeoutNanos, new FailureForwarder());
    }

    private LocalSetScheduler(LocalSet set, long closeTimeoutNanos, FailureForwarder failures) {
        // Running coroutines are counted: the set has no clock of its own, and its runtime's may be paused.
        super(true, failures, SchedulerConfig.defaultCoroutineMode(), ObserveConfig.DEFAULT);
        this.set = set;
        this.failures = failures;
        this.closeTimeoutNanos = closeTimeoutNanos;
    }

    /** @return the scheduler of the set running on the calling thread (task, coroutine, runUntil), or null */
    public static LocalSetScheduler current() {
        return RuntimeContext.current() instanceof LocalSetScheduler s ? s : null;
    }

    /**
     * @param call the public call that needs the set, for the message (e.g. {@code "Weft.spawnLocal(...)"})
     * @return the set running on the calling thread
     * @throws IllegalStateException if there is none, saying how to run one
     */
    public static LocalSet requireSet(String call) {
        LocalSetScheduler s = current();
        if (s == null) {
            throw new IllegalStateException(call + " was called, but there is no LocalSet running on "
                    + "this thread: call it from a task or coroutine of a LocalSet, or from the future given to "
                    + "set.runUntil(...) / set.blockOn(runtime, ...); or call set.spawnLocal(...) on the set itself");
        }
        return s.set();
    }

    /** @return the set this scheduler runs */
    public LocalSet set() {
        return set;
    }

    /**
     * @param future the future the set's poll completes with
     * @param <T> its value type
     * @return a lazy future that runs the set while it polls {@code future}
     */
    public <T> LocalSetRun<T> runUntil(Future<T> future) {
        return new LocalSetRun<>(this, future);
    }

    // ---- runtime delegation -----------------------------------------------------------------

    @Override
    public TimeDriver timeDriver() {
        return boundRuntime().timeDriver();
    }

    @Override
    public TimeDriver timeDriverOrNull() {
        Scheduler r = runtime;
        return r == null ? null : r.timeDriverOrNull();
    }

    @Override
    public Reactor ioDriver() {
        return boundRuntime().ioDriver();
    }

    @Override
    public Scheduler runtimeScheduler() {
        return boundRuntime();
    }

    /** blockInPlace in a local task follows the rule of the thread under the set (a current-thread runtime refuses). */
    @Override
    public void beforeBlockInPlace() {
        Scheduler r = boundRuntime();
        if (r.isWorkerThread()) {
            r.beforeBlockInPlace();
        }
    }

    @Override
    public void afterBlockInPlace() {
        Scheduler r = boundRuntime();
        if (r.isWorkerThread()) {
            r.afterBlockInPlace();
        }
    }

    private Scheduler boundRuntime() {
        Scheduler r = runtime;
        if (r == null) {
            throw new IllegalStateException("this LocalSet has not run inside a runtime yet: drive it "
                    + "with set.blockOn(runtime, future) or runtime.blockOn(set.runUntil(future))");
        }
        return r;
    }

    /** Checks that {@code me} may drive the set, and binds it to the runtime of {@code outer}. */
    void enterRun(Thread me, RuntimeContext outer) {
        if (outer == this || me == runner) {
            throw new IllegalStateException("runUntil of a LocalSet was polled from inside that same "
                    + "set: spawn the work with spawnLocal instead");
        }
        if (!(outer instanceof TaskHost s)) {
            throw new IllegalStateException("a LocalSet runs inside a runtime: drive it with "
                    + "set.blockOn(runtime, future) or runtime.blockOn(set.runUntil(future))");
        }
        Thread o = owner;
        if (o == null && OWNER.compareAndSet(this, (Thread) null, me)) {
            o = me;
        } else {
            o = owner;
        }
        if (o != me) {
            throw new IllegalStateException("a LocalSet runs on one thread; it first ran on " + o
                    + " and is now polled on " + me + ". Keep the future that drives it on one thread: "
                    + "use set.blockOn(runtime, future), runtime.blockOn(set.runUntil(future)), or a "
                    + "current-thread runtime");
        }
        Scheduler rt = s.runtimeScheduler();
        Scheduler bound = runtime;
        if (bound == null) {
            failures.target = rt;
            runtime = rt; // volatile: read by other threads through timeDriver()/runtimeScheduler()
        } else if (bound != rt) {
            throw new IllegalStateException("this LocalSet belongs to the runtime " + bound
                    + " and cannot run inside another one (" + rt + ")");
        }
    }

    // ---- scheduling -------------------------------------------------------------------------

    @Override
    void schedule(Runnable r) {
        Thread me = Carrier.current();
        if (me == runner || isMountedOn(me)) {
            local.addLast(r); // the runner re-checks local before it lets go of the set
        } else {
            inject.add(r); // volatile publication, then read the wakers: see class notes
            wakeSet();
        }
    }

    private boolean isMountedOn(Thread me) {
        Coroutine<?> m = mounted;
        return m != null && m.thread() == me;
    }

    /** @return whether the calling thread is running the set's work right now (directly or in a coroutine) */
    boolean isRunningHere() {
        Thread me = Carrier.current();
        return me == runner || isMountedOn(me);
    }

    void wakeSet() {
        Waker w = setWaker;
        if (w != null) {
            w.wake();
        }
        wakeCloser();
    }

    void wakeCloser() {
        Waker c = closeWaker;
        if (c != null) {
            c.wake();
        }
    }

    @Override
    void runCoroutine(Coroutine<?> c, Runnable continuation) {
        Coroutine<?> prev = mounted;
        mounted = c;
        try {
            continuation.run();
        } finally {
            mounted = prev;
        }
    }

    // ---- running ----------------------------------------------------------------------------

    /** @return whether {@code me} now runs the set; pairs with {@link #release()} */
    boolean tryClaim(Thread me) {
        return RUNNER.compareAndSet(this, (Thread) null, me); // acquire: sees the last runner's queue writes
    }

    /** Lets go of the set; the runner's writes to {@code local} happen-before the next claim. */
    void release() {
        runner = null;
    }

    /**
     * Runs up to {@code max} queued entries on the runner, with the set as the runtime context
     * and a budgeted suspender that refuses {@code await()}.
     *
     * @return whether entries are left in the local queue
     */
    boolean tick(int max) {
        Suspender prev = Suspender.install(suspender);
        try {
            Runnable r;
            while ((r = inject.poll()) != null) {
                local.addLast(r); // remote work behind local work, in arrival order
            }
            for (int i = 0; i < max; i++) {
                r = local.pollFirst();
                if (r == null) {
                    break;
                }
                suspender.resetBudget();
                r.run();
            }
            return !local.isEmpty();
        } finally {
            Suspender.install(prev);
        }
    }

    /** Called once by a LocalSetRun that completed or was cancelled. */
    void runEnded() {
        activeRuns.decrementAndGet();
        wakeCloser(); // a close may be waiting for the set's thread to let go
    }

    // ---- coroutines ---------------------------------------------------------------------------

    /**
     * Refuses a coroutine the set could not keep on its thread; called by {@code Coroutine.start}
     * before the coroutine's thread starts, so a refused coroutine never runs.
     */
    @Override
    void coroutineStarted() {
        checkCanRunCoroutines();
        super.coroutineStarted();
    }

    /** @throws IllegalStateException if a coroutine started now could not stay on the set's thread */
    public void checkCanRunCoroutines() {
        if (coroutineMode() == CoroutineMode.JDK_SCHEDULER) {
            throw new IllegalStateException(JDK_MODE_MESSAGE);
        }
        Thread r = runner;
        if (r == null) {
            r = owner;
        }
        if (r != null && r.isVirtual()) {
            throw new IllegalStateException("this LocalSet is driven by the virtual thread " + r
                    + ", and the JDK runs a coroutine only on a platform thread: drive the set from a "
                    + "platform thread (set.blockOn(runtime, future), runtime.blockOn(set.runUntil(future)), "
                    + "or await set.runUntil(future) in a coroutine of a current-thread runtime), or spawn "
                    + "poll-based futures only");
        }
    }

    @Override
    void coroutineEnded() {
        super.coroutineEnded();
        wakeCloser();
    }

    @Override
    void onAllTasksDone() {
        wakeCloser();
    }

    // ---- the TaskHost contract --------------------------------------------------------------

    /**
     * Closes the set: refuses new tasks, aborts every task, and waits (bounded by the close
     * timeout) for them and their coroutines to end. Called from inside the set's own poll, it
     * returns at once and that poll does the cancelling; see {@link LocalSetClose} otherwise.
     *
     * @param ignored the set's own close timeout is used
     * @return whether everything ended in time (true if the set's own poll will do it)
     */
    @Override
    public boolean shutdown(long ignored) {
        if (!closeSpawning()) {
            return true;
        }
        for (Task<?> t : ownedSnapshot()) {
            t.abort();
        }
        if (isRunningHere()) {
            return true; // the set's own poll runs the cancellations, on the set's thread
        }
        return new LocalSetClose(this, closeTimeoutNanos).run();
    }

    @Override
    public boolean isWorkerThread() {
        return Carrier.current() == runner;
    }

    // ---- package helpers for LocalSetRun and LocalSetClose ------------------------------------------

    Thread owner() {
        return owner;
    }

    boolean ended() {
        return aliveTasks() == 0 && liveCoroutines() == 0;
    }

    /** Cancels every task still alive on the calling thread (the runner); drops queued work. */
    void cancelRemaining() {
        for (Task<?> t : ownedSnapshot()) {
            t.cancelNow();
        }
        local.clear();
        inject.clear();
    }

    @Override
    public String toString() {
        return "LocalSet[owner=" + owner + ", tasks=" + aliveTasks() + (isShutdown() ? ", closed]" : "]");
    }

    /** Sends failures nobody joined to the runtime the set is bound to. */
    private static final class FailureForwarder implements UncaughtFailureHandler {
        volatile Scheduler target;

        @Override
        public void uncaughtFailure(long taskId, Throwable failure) {
            Scheduler t = target;
            if (t != null) {
                t.failures.report(taskId, failure);
            } else {
                LOG.log(System.Logger.Level.WARNING, "Weft local task " + taskId + " failed and nobody joined it", failure);
            }
        }
    }
}
