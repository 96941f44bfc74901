package dev.weft.runtime.scheduler;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What a runtime records about itself beyond its metrics: its name (in JFR events and the task
 * dump), the long-poll threshold of the {@code dev.weft.LongPoll} event, and whether spawns
 * capture the spawner's location. Part of a scheduler's {@link SchedulerConfig}.
 *
 * {@snippet :
 * SchedulerConfig config = new SchedulerConfig(time, io, handler, BlockingPool.virtualThreads(),
 *         CoroutineMode.WEFT_SCHEDULER, new ObserveConfig("api", Duration.ofMillis(10), false),
 *         Duration.ZERO, BlockedWorker::log);
 * }
 */
public final class ObserveConfig {
    /** The long-poll threshold when none is given. */
    public static final Duration DEFAULT_LONG_POLL = Duration.ofMillis(10);
    static final ObserveConfig DEFAULT = new ObserveConfig("weft", DEFAULT_LONG_POLL, false);

    final String runtimeName;
    final long longPollNanos;
    /** Live tasks' spawn locations, or null when they are not captured. */
    final Map<Task<?>, StackTraceElement> spawnLocations;

    /**
     * @param runtimeName the runtime's name
     * @param longPollThreshold polls at least this long are {@code dev.weft.LongPoll} events
     * @param captureSpawnLocations whether each spawn records the spawner's frame (costs a stack walk)
     */
    public ObserveConfig(String runtimeName, Duration longPollThreshold, boolean captureSpawnLocations) {
        this.runtimeName = runtimeName;
        this.longPollNanos = saturatedNanos(longPollThreshold);
        this.spawnLocations = captureSpawnLocations ? new ConcurrentHashMap<>() : null;
    }

    private static long saturatedNanos(Duration d) {
        try {
            return d.toNanos();
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE;
        }
    }
}
