package dev.weft.runtime.scheduler;

import dev.weft.future.Context;
import dev.weft.future.Future;
import dev.weft.future.Poll;
import dev.weft.runtime.BlockedWorker;
import dev.weft.runtime.CoroutineMode;
import dev.weft.runtime.blocking.BlockingCounters;
import dev.weft.runtime.blocking.BlockingHost;
import dev.weft.runtime.blocking.BlockingSpawner;
import dev.weft.runtime.TaskInfo;
import dev.weft.runtime.internal.RuntimeContext;
import dev.weft.runtime.internal.UnjoinedFailures;
import dev.weft.runtime.jfr.WeftEvents;
import dev.weft.io.reactor.Reactor;
import dev.weft.time.wheel.TimeDriver;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * What every scheduler flavor shares, composed from single-purpose parts: the tasks it owns
 * ({@link OwnedTasks}: ids, the intrusive list shutdown walks, the closed bit), the failures
 * nobody joined ({@link UnjoinedFailures}), the counts a paused clock reads
 * ({@link ActivityCounts}), the blocking pool, and the runtime context seen by
 * {@code Handle.current()} and the drivers. A flavor adds scheduling ({@link #schedule}),
 * {@link #blockOn} and {@link #shutdown}.
 */
public abstract class Scheduler extends RuntimeContext implements BlockingHost {
    final OwnedTasks owned = new OwnedTasks();
    final UnjoinedFailures failures;
    final ActivityCounts counts;
    private final TimeDriver timeDriver;
    private final Reactor ioDriver;
    private final BlockingSpawner blocking;
    private final CoroutineMode coroutineMode;
    private final ObserveConfig observe;
    private final Duration blockedWorkerThreshold;
    private final Consumer<BlockedWorker> blockedWorkerHandler;
    /** The blocked-worker detector, or null; started by start(), read by shutdown (any thread). */
    private volatile Watchdog watchdog;
    /** Whether start() ran; guarded by this. */
    private boolean started;

    /**
     * Builds the scheduler from its configuration; no thread starts before {@link #start()}.
     *
     * @param config the drivers and settings
     */
    protected Scheduler(SchedulerConfig config) {
        this.timeDriver = config.timeDriver();
        // A LocalSet, which has no time driver of its own, counts: its runtime's clock may be paused.
        this.counts = new ActivityCounts(timeDriver == null || timeDriver.clock() != dev.weft.time.Clock.system(),
                this::onCoroutinesIdle);
        this.ioDriver = config.ioDriver();
        this.failures = new UnjoinedFailures(config.failureHandler());
        this.coroutineMode = config.coroutineMode();
        this.observe = config.observe();
        this.blockedWorkerThreshold = config.blockedWorkerThreshold();
        this.blockedWorkerHandler = config.blockedWorkerHandler();
        this.blocking = BlockingSpawner.create(config.blocking(), this);
    }

    /**
     * Launches the scheduler: pays the JVM's one-time costs of its coroutines now (see
     * {@link ColdStart}), so the first coroutine does not meet them inside its first run; starts
     * the flavor's threads; starts the blocked-worker detector if configured. Called once, by the
     * builder, before the runtime is handed out.
     *
     * @throws IllegalStateException if called twice
     */
    public final void start() {
        synchronized (this) {
            if (started) {
                throw new IllegalStateException("this scheduler was started already");
            }
            started = true;
        }
        ColdStart.prepare(coroutineMode);
        startThreads();
        if (!blockedWorkerThreshold.isZero()) {
            watchdog = Watchdog.start(this, blockedWorkerThreshold.toNanos(), blockedWorkerHandler);
        }
    }

    /** Hook of {@link #start()}: launches the flavor's own threads. Default: none. */
    void startThreads() {
    }

    @Override
    public TimeDriver timeDriver() {
        if (timeDriver == null) {
            throw new IllegalStateException("the time driver is not enabled on this runtime: "
                    + "build it with Runtime.builder().enableTime() (or enableAll())");
        }
        return timeDriver;
    }

    /** @return the time driver or null */
    public TimeDriver timeDriverOrNull() {
        return timeDriver;
    }

    @Override
    public Reactor ioDriver() {
        if (ioDriver == null) {
            return super.ioDriver(); // throws, naming the fix
        }
        return ioDriver;
    }

    /**
     * The thread inside blockOn was interrupted: the future is cancelled and blockOn fails with
     * {@link dev.weft.future.CancelledException}; the interrupt status stays set.
     */
    static <T> Poll<T> interrupted(Future<T> future) {
        future.cancel();
        return Poll.failed(new dev.weft.future.CancelledException("blockOn was interrupted: the future was cancelled"));
    }

    /**
     * Blocks the driving thread: in the selector if I/O is enabled (events wake it, and so does
     * {@code Reactor.wakeup()}), else in {@code LockSupport.park}.
     *
     * @param io the I/O driver, or null
     * @param nanos how long at most; 0 waits until woken
     */
    final void parkInDrivers(Reactor io, long nanos) {
        if (io != null) {
            io.turn(nanos == 0 ? -1 : nanos);
        } else if (nanos == 0) {
            java.util.concurrent.locks.LockSupport.park(this);
        } else {
            java.util.concurrent.locks.LockSupport.parkNanos(this, nanos);
        }
    }

    /** Closes the I/O driver at the end of shutdown: sockets still open fail their operations. */
    void closeDrivers() {
        if (ioDriver != null) {
            ioDriver.close();
        }
    }

    /** @return the I/O driver or null */
    public Reactor ioDriverOrNull() {
        return ioDriver;
    }

    /**
     * The scheduler that {@code Handle.current()} (so {@code Weft.spawn}) reaches from this
     * context: this one, or for a {@code LocalSet} the runtime the set runs in.
     *
     * @return the runtime's own scheduler
     */
    public Scheduler runtimeScheduler() {
        return this;
    }

    /** @return where this runtime's coroutines run */
    public CoroutineMode coroutineMode() {
        return coroutineMode;
    }

    /**
     * @param mode a mode a runtime asks for
     * @throws IllegalArgumentException if this JVM cannot run it (a flag is missing), naming the flag
     */
    public static void checkCoroutineMode(CoroutineMode mode) {
        CoroutineThreads.checkAvailable(mode);
    }

    /** @return whether coroutines spawned here are continuations ({@link CoroutineMode#CONTINUATION}) */
    boolean continuations() {
        return coroutineMode == CoroutineMode.CONTINUATION;
    }

    /** Creates a coroutine of this runtime's mode. @param body its code @param <T> its result type @return the coroutine */
    public <T> Coroutine<T> coroutine(java.util.concurrent.Callable<T> body) {
        return new Coroutine<>(body, continuations());
    }

    /** @return where this runtime runs {@code spawnBlocking} bodies */
    public BlockingSpawner blocking() {
        return blocking;
    }

    final ObserveConfig observe() {
        return observe;
    }

    /** @return the runtime's name, as in JFR events and task dumps */
    public String runtimeName() {
        return observe.runtimeName;
    }

    // ---- spawning ---------------------------------------------------------------------------

    /** @return a new task id, unique within this runtime (tasks and blocking tasks share them) */
    @Override
    public long newTaskId() {
        return owned.newId();
    }

    /**
     * Spawns {@code future} as a task.
     *
     * @param future the future
     * @param <T> its output type
     * @return the task, which is also its join handle
     */
    public <T> Task<T> spawn(Future<T> future) {
        return spawn(future, null);
    }

    /**
     * Spawns {@code future} as a task with a name.
     *
     * @param future the future
     * @param name the task's name, or null for the default {@code task-<id>}
     * @param <T> its output type
     * @return the task, which is also its join handle
     */
    public <T> Task<T> spawn(Future<T> future, String name) {
        Task<T> t = owned.bind(this, future, name);
        ObserveConfig o = observe;
        if (o.spawnLocations != null) { // only with captureSpawnLocations(true): a stack walk
            SpawnLocations.capture().ifPresent(at -> o.spawnLocations.put(t, at));
        }
        if (WeftEvents.taskSpawnedEnabled()) { // a few loads unless a recording wants the event
            WeftEvents.taskSpawned(o.runtimeName, t.id(), t.name(), future instanceof Coroutine<?>);
        }
        schedule(t);
        return t;
    }

    /** Queues a runnable task or coroutine continuation; callable from any thread. */
    abstract void schedule(Runnable r);

    /** Queues {@code r} behind the other runnable work (a task re-queued after a self-wake). */
    void scheduleYield(Runnable r) {
        schedule(r);
    }

    /**
     * Drives the runtime until {@code future} completes, polling it on the calling thread.
     *
     * @param future the future
     * @param <T> its value type
     * @return its result (value or failure)
     */
    public abstract <T> Poll<T> blockOn(Future<T> future);

    /**
     * Cancels every task and waits (bounded) for tasks and coroutines to end. Idempotent.
     *
     * @param timeoutNanos how long to wait for them to unwind
     * @return whether everything ended in time
     */
    public abstract boolean shutdown(long timeoutNanos);

    /** @return whether the calling thread is one of this runtime's workers right now */
    public abstract boolean isWorkerThread();

    /**
     * Hook: the calling worker thread (running a poll-based task) is about to run a blocking
     * body in place ({@code blockInPlace}). A multi-thread scheduler hands the worker's queued
     * tasks to other workers here; a flavor that cannot spare its thread throws
     * {@link IllegalStateException}. Default: nothing.
     */
    public void beforeBlockInPlace() {
    }

    /**
     * Hook: the body that {@link #beforeBlockInPlace()} let run has ended, normally or by an
     * exception; the worker resumes its own work. Default: nothing.
     */
    public void afterBlockInPlace() {
    }

    /**
     * Polls {@code future} once; an exception escaping {@code poll} is the future's failure
     * (contract 5), so it never reaches the thread that drives the runtime.
     */
    static <T> Poll<T> pollCatching(Future<T> future, Context cx) {
        try {
            return future.poll(cx);
        } catch (Throwable t) {
            return Poll.failed(t);
        }
    }

    /** Refuses {@code blockOn} on a thread that already belongs to a runtime, as Tokio does. */
    static void refuseNestedBlockOn() {
        if (RuntimeContext.current() != null) {
            throw new IllegalStateException("blockOn() was called from inside a Weft runtime: it would "
                    + "block a thread the runtime needs. Await the future instead (future.await() in a "
                    + "coroutine), or spawn it");
        }
    }

    /** The context blocking threads enter: this scheduler's, or for a LocalSet its runtime's. */
    @Override
    public RuntimeContext context() {
        return this;
    }

    /** @return whether {@link #shutdown} was called */
    @Override
    public boolean isShutdown() {
        return owned.isClosed();
    }

    /**
     * Refuses new spawns from now on; the first step of every flavor's shutdown.
     *
     * @return whether this call closed the runtime (false: it was closed already)
     */
    final boolean closeSpawning() {
        return owned.close();
    }

    /** @return whether {@code c}'s continuation runs on this runtime's thread now (racy; true if unknown) */
    boolean isMounted(Coroutine<?> c) {
        return true;
    }

    /** Runs a coroutine's continuation; the scheduler may note which coroutine is mounted. */
    void runCoroutine(Coroutine<?> c, Runnable continuation) {
        continuation.run();
    }

    /** Called once when a task completed. */
    void release(Task<?> t) {
        boolean last = owned.remove(t);
        Map<Task<?>, StackTraceElement> at = observe.spawnLocations;
        if (at != null) {
            at.remove(t);
        }
        if (last) {
            onAllTasksDone();
        }
    }

    /** Hook: the alive-task count reached zero. */
    void onAllTasksDone() {
    }

    /** @return tasks alive now (spawned, not completed) */
    public int aliveTasks() {
        return owned.alive();
    }

    /**
     * Describes every alive task, for {@code Handle.dumpTasks()}. Callable from any thread: the
     * owned-task lock is held only to copy the list, never while a task is looked at.
     *
     * @return one entry per alive task, oldest first
     */
    public List<TaskInfo> dumpTasks() {
        List<Task<?>> tasks = ownedSnapshot();
        java.util.Collections.reverse(tasks); // the list is newest first
        return TaskDumper.describe(tasks, observe.spawnLocations);
    }

    /** @return a snapshot of the alive tasks */
    List<Task<?>> ownedSnapshot() {
        return owned.snapshot();
    }

    // ---- activity counts, for the paused clock (ActivityCounts) ---------------------------

    void coroutineStarted() {
        counts.coroutineStarted();
    }

    /** A continuation-engine coroutine started: live, but counted active only by the task that runs it. */
    void continuationStarted() {
        counts.continuationStarted();
    }

    /** A coroutine's body ended (it still counts as running until {@link #coroutineParked()}). */
    void coroutineEnded() {
        counts.coroutineEnded();
    }

    void coroutineParked() {
        counts.coroutineParked();
    }

    void coroutineWoken() {
        counts.coroutineWoken();
    }

    /** Hook: no coroutine is running outside an await, or no blocking work is left (the paused clock may advance). */
    void onCoroutinesIdle() {
    }

    /** @return coroutines started and not finished */
    public int liveCoroutines() {
        return counts.liveCoroutines();
    }

    /** @return coroutines that are running or runnable (not waiting in an await) */
    protected int activeCoroutines() {
        return counts.activeCoroutines();
    }

    /** A blocking task was spawned, or a blocking body started in place: the paused clock must hold still. */
    @Override
    public void blockingStarted() {
        counts.blockingStarted();
    }

    /** The blocking work counted by {@link #blockingStarted()} ended (completed or cancelled). */
    @Override
    public void blockingFinished() {
        counts.blockingFinished();
    }

    /** @return blocking tasks spawned and not completed, plus blocking bodies running in place */
    protected int blockingInFlight() {
        return counts.blockingInFlight();
    }

    // ---- seeing inside: metrics and the blocked-worker detector ------------------------------

    /** @return the counters of each worker (the driving thread, for the current-thread flavor) */
    public List<? extends WorkerStats> workerStats() {
        return List.of();
    }

    /** @return tasks waiting in the global injection queue (scheduled from outside the workers) */
    public int globalQueueDepth() {
        return 0;
    }

    /** @return the blocking pool's figures (the pool implements {@link BlockingCounters}) */
    public BlockingCounters blockingCounters() {
        return blocking;
    }

    /** Stops the blocked-worker detector, if any, and joins its thread; called by shutdown. */
    protected void stopBlockedWorkerDetector() {
        Watchdog w = watchdog;
        if (w != null) {
            w.stop();
        }
    }

    // ---- failures (UnjoinedFailures) ----------------------------------------------------------

    void uncaughtFailure(Task<?> t, Throwable e) {
        failures.report(t.id(), e);
    }

    void maybeUnobserved(Task<?> t, Throwable e) {
        if (t.observed) {
            return;
        }
        UnjoinedFailures.Entry u = failures.track(t, t.id(), e);
        t.unobserved = u; // volatile write publishes a complete record to observed()
        if (t.observed) { // volatile re-read: a joiner may have taken the output meanwhile
            observed(t);
        }
    }

    void observed(Task<?> t) {
        UnjoinedFailures.Entry u = t.unobserved;
        if (u != null) {
            u.dismiss();
        }
    }

    /**
     * Starts tracking the failure of a task that nobody joined yet (for task kinds outside this
     * package); see {@link UnjoinedFailures#track}.
     *
     * @param task the object whose reachability bounds the report (the join handle)
     * @param taskId its id
     * @param e the failure
     * @return the entry; the caller dismisses it when a joiner takes the failure
     */
    @Override
    public UnjoinedFailures.Entry trackUnobserved(Object task, long taskId, Throwable e) {
        return failures.track(task, taskId, e);
    }

    /** Reports every failure still unobserved; called when the runtime closes. */
    protected void reportUnobserved() {
        failures.reportAll();
    }
}
