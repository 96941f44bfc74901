package dev.weft.runtime;

import dev.weft.future.internal.Args;
import dev.weft.runtime.scheduler.MultiThreadConfig;
import dev.weft.runtime.scheduler.ObserveConfig;
import dev.weft.runtime.scheduler.SchedulerConfig;
import dev.weft.time.Clock;
import java.time.Duration;
import java.util.OptionalLong;
import java.util.function.Consumer;

/**
 * Configures and builds a {@link Runtime}. The flavor is multi-thread unless
 * {@link #currentThread()} or {@link #deterministic(long)} is called.
 *
 * {@snippet class=dev.weft.snippets.RuntimeSnippets region=builder}
 *
 * <p>Blocking work ({@code spawnBlocking}) runs on virtual threads unless told otherwise:
 * {@snippet class=dev.weft.snippets.RuntimeSnippets region=builder-blocking-pool}
 */
public final class RuntimeBuilder {
    private static final System.Logger LOG = System.getLogger("dev.weft.runtime");

    boolean multiThread = true;
    /** multiThread() was the last flavor asked: a conflict with deterministic(). */
    boolean multiThreadAsked;
    /** workerThreads(n) was asked (0: not): a conflict with deterministic(). */
    int workerThreadsAsked;
    /** startPaused(false) was asked: a conflict with deterministic(). */
    boolean resumedAsked;
    /** The coroutine mode asked, or null for the JVM's default. */
    CoroutineMode coroutineMode;
    /** The I/O driver asked for, or null: the default (RuntimeAssembly.defaultIoDriver). */
    IoDriver ioDriver;
    /** The seed of a deterministic runtime, or empty. */
    OptionalLong seed = OptionalLong.empty();
    int workerThreads = java.lang.Runtime.getRuntime().availableProcessors();
    String threadNamePrefix = MultiThreadConfig.DEFAULT_THREAD_NAME_PREFIX;
    int globalQueueInterval = MultiThreadConfig.DEFAULT_GLOBAL_QUEUE_INTERVAL;
    int eventInterval = MultiThreadConfig.DEFAULT_EVENT_INTERVAL;
    Consumer<Thread> onThreadStart = t -> { };
    Consumer<Thread> onThreadStop = t -> { };
    boolean time;
    boolean io;
    boolean startPaused;
    Clock clock;
    Duration shutdownTimeout = Duration.ofSeconds(10);
    /** The platform pool's size, or 0 for virtual threads. */
    int maxBlockingThreads;
    /** The platform pool's keep-alive if set, else null (the default). */
    Duration threadKeepAlive;
    UncaughtFailureHandler failureHandler = (id, failure) ->
            LOG.log(System.Logger.Level.WARNING, "Weft task " + id + " failed and nobody joined it", failure);
    Duration blockedWorkerThreshold = SchedulerConfig.DEFAULT_BLOCKED_WORKER_THRESHOLD;
    Consumer<BlockedWorker> blockedWorkerHandler = BlockedWorker::log;
    /** The name asked for, or null for weft-<n>. */
    String name;
    Duration longPollThreshold = ObserveConfig.DEFAULT_LONG_POLL;
    boolean captureSpawnLocations;
    boolean registerMXBean = true;

    RuntimeBuilder() {
    }

    /**
     * Selects the current-thread flavor: one thread (the one inside {@code blockOn}) runs
     * everything, with no locks on the hot path.
     *
     * @return this builder
     */
    public RuntimeBuilder currentThread() {
        this.multiThread = false;
        this.multiThreadAsked = false;
        return this;
    }

    /**
     * Selects the multi-thread flavor (the default): a work-stealing scheduler on
     * {@link #workerThreads(int)} platform threads.
     *
     * @return this builder
     */
    public RuntimeBuilder multiThread() {
        this.multiThread = true;
        this.multiThreadAsked = true;
        return this;
    }

    /**
     * How many worker threads a multi-thread runtime runs (default: available processors).
     *
     * @param n at least 1
     * @return this builder
     */
    public RuntimeBuilder workerThreads(int n) {
        this.workerThreads = Args.positive(n, "workerThreads");
        this.workerThreadsAsked = n;
        return this;
    }

    /**
     * Worker threads are named this prefix followed by their index (default {@code weft-worker-}).
     *
     * @param prefix the prefix
     * @return this builder
     */
    public RuntimeBuilder threadNamePrefix(String prefix) {
        this.threadNamePrefix = Args.notNull(prefix, "threadNamePrefix");
        return this;
    }

    /**
     * Runs {@code hook} on each worker thread when it starts.
     *
     * @param hook receives the worker thread
     * @return this builder
     */
    public RuntimeBuilder onThreadStart(Consumer<Thread> hook) {
        this.onThreadStart = Args.notNull(hook, "onThreadStart");
        return this;
    }

    /**
     * Runs {@code hook} on each worker thread when it stops.
     *
     * @param hook receives the worker thread
     * @return this builder
     */
    public RuntimeBuilder onThreadStop(Consumer<Thread> hook) {
        this.onThreadStop = Args.notNull(hook, "onThreadStop");
        return this;
    }

    /**
     * Every this many tasks, a worker takes from the global injection queue before its own
     * (default 31, Tokio's), so work spawned from outside is never starved.
     *
     * @param ticks at least 1
     * @return this builder
     */
    public RuntimeBuilder globalQueueInterval(int ticks) {
        this.globalQueueInterval = Args.positive(ticks, "globalQueueInterval");
        return this;
    }

    /**
     * Every this many tasks, a busy worker fires due timers (default 61, Tokio's).
     *
     * @param ticks at least 1
     * @return this builder
     */
    public RuntimeBuilder eventInterval(int ticks) {
        this.eventInterval = Args.positive(ticks, "eventInterval");
        return this;
    }

    /** {@return this builder, with the time driver enabled (sleep, timeout, interval)} */
    public RuntimeBuilder enableTime() {
        this.time = true;
        return this;
    }

    /** {@return this builder, with the I/O driver enabled (sockets: {@code dev.weft.net})} */
    public RuntimeBuilder enableIo() {
        this.io = true;
        return this;
    }

    /** {@return this builder, with every driver enabled: time and I/O} */
    public RuntimeBuilder enableAll() {
        return enableTime().enableIo();
    }

    /**
     * Starts the runtime with a paused clock: time stands still, and jumps to the next timer's
     * deadline whenever every task is idle, so time-based tests are exact and instant.
     * Needs {@link #enableTime()}.
     *
     * @param paused whether to start paused
     * @return this builder
     */
    public RuntimeBuilder startPaused(boolean paused) {
        this.startPaused = paused;
        this.resumedAsked = !paused;
        return this;
    }

    /**
     * Chooses how this runtime's coroutines run, instead of the JVM's default (virtual threads on
     * the runtime's workers when {@code java.lang} is opened, else continuations when
     * {@code jdk.internal.vm} is exported, else virtual threads on the JDK's scheduler). See
     * {@link CoroutineMode} for what each mode promises.
     *
     * {@snippet class=dev.weft.snippets.RuntimeSnippets region=coroutine-mode}
     *
     * @param mode the mode
     * @return this builder
     * @throws IllegalArgumentException if mode is null; {@link #build()} throws it if the JVM
     *         lacks the flag the mode needs, naming the flag
     */
    public RuntimeBuilder coroutineMode(CoroutineMode mode) {
        if (mode == null) {
            throw new IllegalArgumentException("mode must not be null");
        }
        this.coroutineMode = mode;
        return this;
    }

    /**
     * Chooses the I/O driver of this runtime's sockets, instead of the default: {@link IoDriver#EPOLL}
     * where it can run (Linux, with its JVM flags), else {@link IoDriver#NIO}. See {@link IoDriver}
     * for what each one needs; {@link IoDriver#isAvailable()} tells whether it can run in this JVM.
     *
     * {@snippet class=dev.weft.snippets.RuntimeSnippets region=io-driver}
     *
     * @param driver the driver
     * @return this builder
     * @throws IllegalArgumentException if driver is null; {@link #build()} throws
     *         {@link IllegalStateException} if the driver cannot run here (saying why: another OS,
     *         a missing JVM flag) or if I/O is not enabled
     */
    public RuntimeBuilder ioDriver(IoDriver driver) {
        this.ioDriver = Args.notNull(driver, "driver");
        return this;
    }

    /**
     * Selects the deterministic flavor, for tests: a current-thread runtime (one thread, the one
     * inside {@code blockOn}, runs every task) with time enabled on a paused clock, where a
     * generator seeded with {@code seed} draws every choice the scheduler would otherwise make
     * by arrival order or by chance:
     * <ul>
     * <li>which ready task runs next: each turn takes a random one among those queued, not the
     *     oldest (so a test sees interleavings that FIFO order never produces);</li>
     * <li>the order in which timers due at the same instant wake their tasks;</li>
     * <li>the order in which channels found ready in one turn of the I/O driver wake theirs;</li>
     * <li>the first branch that {@link dev.weft.future.Select} and a fair
     *     {@link dev.weft.future.Futures#select} poll, when polled on this runtime's thread.</li>
     * </ul>
     * The same seed replays the same interleaving, so a failure found under one seed can be
     * rerun and debugged; {@link Handle#seed()} tells the seed, to print it with the failure.
     *
     * {@snippet class=dev.weft.snippets.RuntimeSnippets region=deterministic}
     *
     * <p><b>What the seed does not control.</b> Work that reaches the runtime from another thread
     * runs when it arrives: {@code spawnBlocking} bodies, wake-ups from other threads, and
     * coroutines when the JVM lacks {@code --add-opens java.base/java.lang=ALL-UNNAMED} (in
     * {@link CoroutineMode#JDK_SCHEDULER} mode coroutines run on the JDK's threads, so only
     * poll-based tasks and timers follow the seed there). Which sockets are ready in one turn
     * depends on the kernel. Within those limits a run is a function of the seed.
     *
     * @param seed the seed; any value
     * @return this builder
     * @see Handle#seed()
     */
    public RuntimeBuilder deterministic(long seed) {
        this.seed = OptionalLong.of(seed);
        return this;
    }

    /**
     * Uses {@code clock} as the time source (for tests). Needs {@link #enableTime()}.
     *
     * @param clock the clock
     * @return this builder
     */
    public RuntimeBuilder clock(Clock clock) {
        this.clock = Args.notNull(clock, "clock");
        return this;
    }

    /**
     * How long {@link Runtime#close()} waits for cancelled tasks to unwind (default 10 s).
     *
     * @param timeout the time, zero or more
     * @return this builder
     */
    public RuntimeBuilder shutdownTimeout(Duration timeout) {
        this.shutdownTimeout = Runtime.checkedTimeout(timeout);
        return this;
    }

    /**
     * Chooses where {@code spawnBlocking} bodies run: {@link BlockingPool#virtualThreads()} (the
     * default) or {@link BlockingPool#platform(int, Duration)}. Replaces whatever
     * {@link #maxBlockingThreads} and {@link #threadKeepAlive} set before.
     *
     * @param pool the pool
     * @return this builder
     */
    public RuntimeBuilder blockingPool(BlockingPool pool) {
        Args.notNull(pool, "pool");
        this.maxBlockingThreads = pool.maxThreads();
        this.threadKeepAlive = pool.isVirtual() ? null : pool.keepAlive();
        return this;
    }

    /**
     * Runs {@code spawnBlocking} bodies on a bounded pool of at most {@code max} platform threads
     * instead of virtual threads (Tokio's {@code max_blocking_threads}): the same as
     * {@code blockingPool(BlockingPool.platform(max, keepAlive))} with the keep-alive given to
     * {@link #threadKeepAlive}, or {@link BlockingPool#DEFAULT_KEEP_ALIVE}. The two may be called
     * in either order.
     *
     * @param max the most blocking threads alive at once, at least 1
     * @return this builder
     * @throws IllegalArgumentException if {@code max} is less than 1
     */
    public RuntimeBuilder maxBlockingThreads(int max) {
        this.maxBlockingThreads = Args.positive(max, "maxBlockingThreads");
        return this;
    }

    /**
     * How long an idle thread of the platform blocking pool waits for a task before it exits
     * (Tokio's {@code thread_keep_alive}; default 10 s). Applies to the platform pool only
     * (virtual threads are never reused): {@link #build()} refuses it unless
     * {@link #maxBlockingThreads} or a platform {@link #blockingPool} is set too.
     *
     * @param keepAlive the time, zero or more
     * @return this builder
     * @throws IllegalArgumentException if {@code keepAlive} is null or negative
     */
    public RuntimeBuilder threadKeepAlive(Duration keepAlive) {
        this.threadKeepAlive = Args.nonNegative(keepAlive, "threadKeepAlive");
        return this;
    }

    /**
     * Where failures of tasks that nobody joined go (default: {@link System.Logger} at WARNING).
     *
     * @param handler the handler
     * @return this builder
     */
    public RuntimeBuilder uncaughtFailureHandler(UncaughtFailureHandler handler) {
        this.failureHandler = Args.notNull(handler, "handler");
        return this;
    }

    /**
     * Sets how long one poll may hold a worker thread before the blocked-worker detector reports
     * it (default 100 ms; {@link Duration#ZERO} turns the detector off). The detector is one
     * daemon thread per runtime that looks every half threshold; a poll is reported once, while
     * it still runs, between 1 and 1.5 thresholds after it began, with the task's name and the
     * stack of the blocked thread (see {@link BlockedWorker}). It costs the workers no clock
     * reads: it watches counters they keep anyway. It uses real time, also with a paused clock.
     *
     * @param threshold zero (off), or at least 1 ms
     * @return this builder
     * @throws IllegalArgumentException if negative, or between zero and 1 ms
     */
    public RuntimeBuilder blockedWorkerThreshold(Duration threshold) {
        Args.nonNegative(threshold, "blockedWorkerThreshold");
        if (!threshold.isZero() && threshold.compareTo(Duration.ofMillis(1)) < 0) {
            throw new IllegalArgumentException("blockedWorkerThreshold must be zero (off) or at least 1 ms, was "
                    + threshold);
        }
        this.blockedWorkerThreshold = threshold;
        return this;
    }

    /**
     * Turns the blocked-worker detector off: no watchdog thread is started. Same as
     * {@code blockedWorkerThreshold(Duration.ZERO)}.
     *
     * @return this builder
     */
    public RuntimeBuilder disableBlockedWorkerDetector() {
        this.blockedWorkerThreshold = Duration.ZERO;
        return this;
    }

    /**
     * Where blocked-worker reports go (default {@link BlockedWorker#log()}: a WARNING through
     * {@link System.Logger} {@code dev.weft.runtime}). The handler runs on the detector's
     * thread; it should return quickly, and an exception it throws is ignored.
     *
     * @param handler the handler
     * @return this builder
     */
    public RuntimeBuilder blockedWorkerHandler(Consumer<BlockedWorker> handler) {
        this.blockedWorkerHandler = Args.notNull(handler, "blockedWorkerHandler");
        return this;
    }

    /**
     * Names the runtime (default {@code weft-1}, {@code weft-2}, ... in build order). The name
     * shows in JFR events, task dumps and the runtime's MXBean
     * ({@code dev.weft:type=Runtime,name="<name>"}). Names are unique among the live runtimes of
     * the JVM: a name that a live runtime already has gets a suffix ({@code api#2}, ...) rather
     * than failing the build; {@link Runtime#name()} tells the name used.
     *
     * @param name the name, not blank
     * @return this builder
     * @throws IllegalArgumentException if {@code name} is null or blank
     */
    public RuntimeBuilder name(String name) {
        Args.notNull(name, "name");
        if (name.isBlank()) {
            throw new IllegalArgumentException("name must not be blank, was '" + name + "'");
        }
        this.name = name;
        return this;
    }

    /**
     * How long one poll (or one run of a coroutine until it suspends) may take before it is
     * recorded as a {@code dev.weft.LongPoll} JFR event (default 10 ms). Costs nothing unless a
     * recording enables that event (it is off in JFR's default settings); then each poll is timed
     * with two clock reads. A recording's own {@code threshold} for the event can only raise it.
     *
     * <p>Why 10 ms by default: a poll should return within microseconds (Tokio's advice is 10 to
     * 100 µs between awaits), so 10 ms is a clear mistake, not noise; an event needs 10 ms of a
     * worker's time, so there can be at most 100 per second per worker, which keeps a
     * recording small; and it sits ten times below the blocked-worker detector's 100 ms, which
     * warns in the log.
     *
     * @param threshold zero (every poll: for tests) or more
     * @return this builder
     * @throws IllegalArgumentException if null or negative
     */
    public RuntimeBuilder longPollThreshold(Duration threshold) {
        this.longPollThreshold = Args.nonNegative(threshold, "longPollThreshold");
        return this;
    }

    /**
     * Records, for each spawned task, the caller's frame that spawned it, shown by
     * {@link Handle#dumpTasks()} (default off). Each spawn then walks the stack, which costs
     * microseconds, so this is for debugging, not production.
     *
     * @param capture whether to capture spawn locations
     * @return this builder
     */
    public RuntimeBuilder captureSpawnLocations(boolean capture) {
        this.captureSpawnLocations = capture;
        return this;
    }

    /**
     * Whether to register the runtime's {@link WeftRuntimeMXBean} in the platform MBean server
     * (default true) as {@code dev.weft:type=Runtime,name="<name>"}, until it shuts down. It
     * never slows {@code build()} down: while the JVM has no MBean server yet (building one costs
     * about 100 ms), the bean is registered by a background thread a moment later.
     *
     * @param register whether to register it
     * @return this builder
     */
    public RuntimeBuilder registerMXBean(boolean register) {
        this.registerMXBean = register;
        return this;
    }

    /**
     * {@return the runtime}
     * @throws IllegalStateException if a clock or a paused start was asked without time enabled,
     *         a thread keep-alive without a platform blocking pool, or {@link #deterministic}
     *         with a multi-thread setting, {@code startPaused(false)} or a clock that is not
     *         paused
     */
    public Runtime build() {
        return new RuntimeAssembly(this, multiThread, name).build();
    }

    /**
     * Selects the thread-per-core flavor: one current-thread runtime per core, each on a thread
     * of its own and each with this builder's other settings (see {@link ThreadPerCore}).
     *
     * {@snippet class=dev.weft.snippets.RuntimeSnippets region=thread-per-core}
     *
     * @return a builder of the thread-per-core runtime
     */
    public ThreadPerCore.Builder threadPerCore() {
        return new ThreadPerCore.Builder(this);
    }

    /** Refuses what one clock or one seed cannot mean across several threads. */
    void checkThreadPerCore() {
        if (seed.isPresent()) {
            throw new IllegalStateException("deterministic(...) runs everything on one thread: it cannot be "
                    + "split across cores; use currentThread()");
        }
        if (startPaused || (clock != null && clock.isPaused())) {
            throw new IllegalStateException("a paused clock advances when its one runtime is idle: it cannot be "
                    + "shared by the runtimes of several cores; test a core's code on a current-thread runtime");
        }
    }

    /** Builds the current-thread runtime of core {@code i} with this builder's settings. */
    Runtime buildCore(int i) {
        return new RuntimeAssembly(this, false, (name == null ? "weft-core" : name) + "-" + i).build();
    }
}
