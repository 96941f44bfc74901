package dev.weft.runtime.scheduler;

import dev.weft.future.Future;
import dev.weft.future.Poll;
import dev.weft.runtime.BlockedWorker;
import dev.weft.runtime.CoroutineMode;
import dev.weft.runtime.blocking.BlockingCounters;
import dev.weft.runtime.blocking.BlockingHost;
import dev.weft.runtime.blocking.BlockingSpawner;
import dev.weft.runtime.internal.RuntimeContext;
import dev.weft.io.reactor.Reactor;
import dev.weft.time.wheel.TimeDriver;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

/**
 * A runtime's scheduler: what every flavor (current-thread, multi-thread) shares beyond the task
 * machinery of {@link TaskHost}: the drivers, the blocking pool (which sees it as a
 * {@link BlockingHost}), the configuration it was built from ({@link SchedulerConfig}) and its
 * launch ({@link #start()}), the blocked-worker detector, and the metrics hooks. A flavor adds
 * scheduling ({@link #schedule}), {@link #blockOn} and {@link #shutdown}.
 */
public abstract class Scheduler extends TaskHost implements BlockingHost {
    private final TimeDriver timeDriver;
    private final Reactor ioDriver;
    private final BlockingSpawner blocking;
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
        // Running coroutines are counted only under a paused clock: ActivityCounts' notes.
        super(config.timeDriver() == null || config.timeDriver().clock() != dev.weft.time.Clock.system(),
                config.failureHandler(), config.coroutineMode(), config.observe());
        this.timeDriver = config.timeDriver();
        this.ioDriver = config.ioDriver();
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
        CoroutineThreads.logModeOnce(coroutineMode());
        ColdStart.prepare(coroutineMode());
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

    @Override
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

    /** @return this scheduler: it is its runtime's */
    @Override
    public Scheduler runtimeScheduler() {
        return this;
    }

    /**
     * @param mode a mode a runtime asks for
     * @throws IllegalArgumentException if this JVM cannot run it (a flag is missing), naming the flag
     */
    public static void checkCoroutineMode(CoroutineMode mode) {
        CoroutineThreads.checkAvailable(mode);
    }

    /** @return where this runtime runs {@code spawnBlocking} bodies */
    public BlockingSpawner blocking() {
        return blocking;
    }

    /**
     * Drives the runtime until {@code future} completes, polling it on the calling thread.
     *
     * @param future the future
     * @param <T> its value type
     * @return its result (value or failure)
     */
    public abstract <T> Poll<T> blockOn(Future<T> future);

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
}
