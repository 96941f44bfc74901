package dev.weft.runtime.scheduler;

/**
 * Figures of a runtime's blocking pool, as {@code RuntimeMetrics} shows them.
 *
 * <p>Merge point: the blocking pool ({@code spawnBlocking}) implements this interface and
 * {@link Scheduler#blockingCounters()} returns it. Until then every runtime reports
 * {@link #NONE}: zeros. Any thread may call these methods; values are snapshots.
 */
public interface BlockingCounters {
    /** A runtime without a blocking pool: every figure is zero. */
    BlockingCounters NONE = new BlockingCounters() { };

    /** @return blocking threads alive (running a body or idle) */
    default int threads() {
        return 0;
    }

    /** @return blocking threads waiting for work */
    default int idleThreads() {
        return 0;
    }

    /** @return blocking tasks queued, waiting for a thread */
    default int queueDepth() {
        return 0;
    }

    /** @return blocking tasks queued or running */
    default int inFlight() {
        return 0;
    }
}
