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
}
