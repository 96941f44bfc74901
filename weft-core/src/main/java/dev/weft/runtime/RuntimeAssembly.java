package dev.weft.runtime;

import dev.weft.future.internal.SeededRandom;
import dev.weft.io.reactor.Reactor;
import dev.weft.runtime.jfr.WeftEvents;
import dev.weft.runtime.scheduler.CurrentThreadScheduler;
import dev.weft.runtime.scheduler.MultiThreadConfig;
import dev.weft.runtime.scheduler.MultiThreadScheduler;
import dev.weft.runtime.scheduler.ObserveConfig;
import dev.weft.runtime.scheduler.Scheduler;
import dev.weft.runtime.scheduler.SchedulerConfig;
import dev.weft.time.Clock;
import dev.weft.time.wheel.TimeDriver;
import java.util.Locale;

/**
 * Turns a {@link RuntimeBuilder}'s settings into a running {@link Runtime}: checks that they
 * agree, opens the drivers, fixes the scheduler's {@link SchedulerConfig}, constructs the
 * scheduler, registers the runtime's name and MXBean, and only then starts it. The builder
 * collects settings; this class is what {@code build()} does with them, and it never changes
 * the builder (what {@code deterministic} implies is applied here, to local copies).
 */
final class RuntimeAssembly {
    /** The system property that changes the default I/O driver; see {@link #defaultIoDriver()}. */
    static final String IO_DRIVER_PROPERTY = "weft.ioDriver";

    private final RuntimeBuilder b;
    private final String name;
    private boolean multiThread;
    private boolean time;
    private boolean startPaused;

    /**
     * @param b the settings
     * @param multiThread the flavor (a thread-per-core runtime builds current-thread cores)
     * @param name the name asked for, or null
     */
    RuntimeAssembly(RuntimeBuilder b, boolean multiThread, String name) {
        this.b = b;
        this.name = name;
        this.multiThread = multiThread;
        this.time = b.time;
        this.startPaused = b.startPaused;
    }

    Runtime build() {
        if (b.coroutineMode != null) {
            Scheduler.checkCoroutineMode(b.coroutineMode); // before any thread starts
        }
        if (b.seed.isPresent()) {
            checkDeterministic();
        }
        if (!time && (startPaused || b.clock != null)) {
            throw new IllegalStateException("startPaused/clock need the time driver: call enableTime()");
        }
        if (!b.io && b.ioDriver != null) {
            throw new IllegalStateException("ioDriver(" + b.ioDriver + ") needs the I/O driver: call enableIo()");
        }
        BlockingPool blocking = blockingPoolConfig();
        TimeDriver driver = null;
        if (time) {
            Clock c = b.clock != null ? b.clock : (startPaused ? Clock.paused() : Clock.system());
            if (startPaused && !c.isPaused()) {
                throw new IllegalStateException("startPaused(true) needs a clock that can be paused, got " + c);
            }
            driver = b.seed.isPresent() ? new TimeDriver(c, stream(SeededRandom.TIMERS)) : new TimeDriver(c);
        }
        // JFR's start-up (the first refresh of a JVM: 90-230 ms) on this thread, before the workers
        // exist: their first refresh made them late to park while the runtime's first tasks came.
        // A recording started before this runtime is also seen from its first task.
        WeftEvents.refresh();
        Reactor reactor = b.io ? checkIoDriver().open(b.seed.isPresent() ? stream(SeededRandom.IO) : null) : null;
        String runtimeName = RuntimeRegistration.reserve(name);
        Scheduler scheduler;
        RuntimeRegistration registration;
        try {
            SchedulerConfig config = new SchedulerConfig(driver, reactor, b.failureHandler, blocking,
                    b.coroutineMode != null ? b.coroutineMode : SchedulerConfig.defaultCoroutineMode(),
                    new ObserveConfig(runtimeName, b.longPollThreshold, b.captureSpawnLocations),
                    b.blockedWorkerThreshold, b.blockedWorkerHandler);
            scheduler = multiThread
                    ? new MultiThreadScheduler(config, new MultiThreadConfig(b.workerThreads, b.threadNamePrefix,
                            b.globalQueueInterval, b.eventInterval, MultiThreadConfig.DEFAULT_LOCAL_QUEUE_CAPACITY,
                            b.onThreadStart, b.onThreadStop))
                    : new CurrentThreadScheduler(config, b.seed);
            registration = RuntimeRegistration.open(runtimeName, scheduler, b.registerMXBean);
        } catch (RuntimeException | Error e) {
            RuntimeRegistration.release(runtimeName);
            throw e;
        }
        scheduler.start(); // the JVM's one-time costs, then the threads: before any task
        return new Runtime(scheduler, b.shutdownTimeout, registration);
    }

    /** {@return the I/O driver to open: the one asked for, else the default; refuses one that cannot run} */
    private IoDriver checkIoDriver() {
        IoDriver d = b.ioDriver != null ? b.ioDriver : defaultIoDriver();
        String why = d.unavailableReason().orElse(null);
        if (why != null) {
            throw new IllegalStateException((b.ioDriver != null ? "ioDriver(" + d + ")"
                    : "the system property " + IO_DRIVER_PROPERTY + "=" + d) + " cannot run here: " + why);
        }
        return d;
    }

    /**
     * The driver of a runtime built without {@link RuntimeBuilder#ioDriver}: {@link IoDriver#EPOLL}
     * where it can run (it costs less CPU per request than the selector, see
     * {@code docs/benchmarks.md}), else {@link IoDriver#NIO}: on another OS, or when the JVM
     * refuses Weft native access or the descriptor export. The system property
     * {@code weft.ioDriver} ({@code NIO} or {@code EPOLL}) overrides it so a whole test suite can
     * run on each driver; a program chooses with {@link RuntimeBuilder#ioDriver} instead.
     */
    private static IoDriver defaultIoDriver() {
        String p = System.getProperty(IO_DRIVER_PROPERTY);
        if (p == null || p.isBlank()) {
            return IoDriver.EPOLL.isAvailable() ? IoDriver.EPOLL : IoDriver.NIO;
        }
        try {
            return IoDriver.valueOf(p.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("the system property " + IO_DRIVER_PROPERTY + "=" + p
                    + " names no I/O driver: use NIO or EPOLL", e);
        }
    }

    /** Refuses what contradicts {@link RuntimeBuilder#deterministic}, naming both; then implies its settings. */
    private void checkDeterministic() {
        String s = "deterministic(0x" + Long.toHexString(b.seed.getAsLong()) + ")";
        if (b.multiThreadAsked || b.workerThreadsAsked > 0) {
            throw new IllegalStateException(s + " runs every task on one thread, but "
                    + (b.multiThreadAsked ? "multiThread()" : "workerThreads(" + b.workerThreadsAsked + ")")
                    + " asks for a multi-thread runtime: drop one of the two");
        }
        if (b.resumedAsked) {
            throw new IllegalStateException(s + " runs on a paused clock, but startPaused(false) was asked: "
                    + "drop startPaused(false)");
        }
        if (b.clock != null && !b.clock.isPaused()) {
            throw new IllegalStateException(s + " runs on a paused clock, but clock(" + b.clock
                    + ") is running: pause it first (Clock.paused())");
        }
        multiThread = false;
        time = true;
        startPaused = true;
    }

    private SeededRandom stream(int which) {
        return new SeededRandom(b.seed.getAsLong(), which);
    }

    private BlockingPool blockingPoolConfig() {
        if (b.maxBlockingThreads == 0) {
            if (b.threadKeepAlive != null) {
                throw new IllegalStateException("threadKeepAlive(" + b.threadKeepAlive + ") applies to the platform "
                        + "blocking pool, but blocking work runs on virtual threads: also call maxBlockingThreads(n)");
            }
            return BlockingPool.virtualThreads();
        }
        return BlockingPool.platform(b.maxBlockingThreads,
                b.threadKeepAlive != null ? b.threadKeepAlive : BlockingPool.DEFAULT_KEEP_ALIVE);
    }
}
