package dev.weft.runtime.scheduler;

import dev.weft.io.reactor.Reactor;
import dev.weft.runtime.BlockedWorker;
import dev.weft.runtime.BlockingPool;
import dev.weft.runtime.CoroutineMode;
import dev.weft.runtime.UncaughtFailureHandler;
import dev.weft.time.wheel.TimeDriver;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Everything a scheduler of any flavor is built from, fixed before it is constructed: its
 * drivers, where failures go, its blocking pool, its coroutine engine, what it records about
 * itself, and its blocked-worker detector. A scheduler keeps these in final fields and launches
 * its threads only in {@link Scheduler#start()}; nothing is configured after construction.
 *
 * {@snippet :
 * SchedulerConfig config = SchedulerConfig.of(timeDriver, reactor, handler)
 *         .withBlocking(BlockingPool.platform(4));
 * Scheduler s = new CurrentThreadScheduler(config);
 * s.start();
 * }
 *
 * @param timeDriver the time driver, or null if time is not enabled
 * @param ioDriver the I/O driver, or null if I/O is not enabled
 * @param failureHandler where failures nobody joined go
 * @param blocking the blocking pool's settings
 * @param coroutineMode where coroutines run
 * @param observe name, long-poll threshold and spawn-location capture
 * @param blockedWorkerThreshold how long one poll may hold a worker before the detector reports
 *     it; {@link Duration#ZERO}: no detector
 * @param blockedWorkerHandler where the detector's reports go
 */
public record SchedulerConfig(TimeDriver timeDriver, Reactor ioDriver, UncaughtFailureHandler failureHandler,
        BlockingPool blocking, CoroutineMode coroutineMode, ObserveConfig observe,
        Duration blockedWorkerThreshold, Consumer<BlockedWorker> blockedWorkerHandler) {
    /** The detector's threshold when none is given. */
    public static final Duration DEFAULT_BLOCKED_WORKER_THRESHOLD = Duration.ofMillis(100);

    /** Checks the settings; null drivers mean "not enabled". */
    public SchedulerConfig {
        Objects.requireNonNull(failureHandler, "failureHandler");
        Objects.requireNonNull(blocking, "blocking");
        Objects.requireNonNull(coroutineMode, "coroutineMode");
        Objects.requireNonNull(observe, "observe");
        Objects.requireNonNull(blockedWorkerThreshold, "blockedWorkerThreshold");
        Objects.requireNonNull(blockedWorkerHandler, "blockedWorkerHandler");
    }

    /** @return the coroutine mode of a runtime that asks for none: the best this JVM's flags allow */
    public static CoroutineMode defaultCoroutineMode() {
        return CoroutineThreads.mode();
    }

    /**
     * The defaults around the given drivers: virtual-thread blocking pool, the JVM's default
     * coroutine mode, the default name and long-poll threshold, no blocked-worker detector.
     *
     * @param timeDriver the time driver, or null
     * @param ioDriver the I/O driver, or null
     * @param failureHandler where failures nobody joined go
     * @return the configuration
     */
    public static SchedulerConfig of(TimeDriver timeDriver, Reactor ioDriver, UncaughtFailureHandler failureHandler) {
        return new SchedulerConfig(timeDriver, ioDriver, failureHandler, BlockingPool.virtualThreads(),
                defaultCoroutineMode(), ObserveConfig.DEFAULT, Duration.ZERO, BlockedWorker::log);
    }

    /** @param pool the blocking pool's settings @return a copy with them */
    public SchedulerConfig withBlocking(BlockingPool pool) {
        return new SchedulerConfig(timeDriver, ioDriver, failureHandler, pool, coroutineMode, observe,
                blockedWorkerThreshold, blockedWorkerHandler);
    }

    /** @param mode where coroutines run (checked by the caller) @return a copy with it */
    public SchedulerConfig withCoroutineMode(CoroutineMode mode) {
        return new SchedulerConfig(timeDriver, ioDriver, failureHandler, blocking, mode, observe,
                blockedWorkerThreshold, blockedWorkerHandler);
    }

    /**
     * @param threshold how long one poll may hold a worker before it is reported, at least 1 ms
     * @param handler where reports go
     * @return a copy with the detector on
     */
    public SchedulerConfig withBlockedWorkerDetector(Duration threshold, Consumer<BlockedWorker> handler) {
        return new SchedulerConfig(timeDriver, ioDriver, failureHandler, blocking, coroutineMode, observe,
                threshold, handler);
    }
}
