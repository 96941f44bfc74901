package dev.weft.runtime.scheduler;

import java.util.function.Consumer;

/**
 * The settings of a multi-thread scheduler, as the builder collected them.
 *
 * @param workerThreads how many workers
 * @param threadNamePrefix worker thread names are this plus the index
 * @param globalQueueInterval every this many ticks a worker checks the injection queue first
 * @param eventInterval every this many ticks a busy worker fires due timers
 * @param localQueueCapacity each worker's run-queue capacity (a power of two)
 * @param onThreadStart run on each worker thread when it starts
 * @param onThreadStop run on each worker thread when it stops
 */
public record MultiThreadConfig(int workerThreads, String threadNamePrefix, int globalQueueInterval,
        int eventInterval, int localQueueCapacity, Consumer<Thread> onThreadStart, Consumer<Thread> onThreadStop) {
    /** Worker thread names when none is given: this plus the worker's index. */
    public static final String DEFAULT_THREAD_NAME_PREFIX = "weft-worker-";
    /** Ticks between a worker's checks of the injection queue (Tokio: 31). */
    public static final int DEFAULT_GLOBAL_QUEUE_INTERVAL = 31;
    /** Ticks between a busy worker's firings of due timers and I/O (Tokio: 61). */
    public static final int DEFAULT_EVENT_INTERVAL = 61;
    /** Each worker's run-queue capacity (Tokio: 256). */
    public static final int DEFAULT_LOCAL_QUEUE_CAPACITY = 256;

    /**
     * @param workerThreads how many workers
     * @return the defaults for that many workers, with no thread hooks
     */
    public static MultiThreadConfig defaults(int workerThreads) {
        return new MultiThreadConfig(workerThreads, DEFAULT_THREAD_NAME_PREFIX, DEFAULT_GLOBAL_QUEUE_INTERVAL,
                DEFAULT_EVENT_INTERVAL, DEFAULT_LOCAL_QUEUE_CAPACITY, t -> { }, t -> { });
    }
}
