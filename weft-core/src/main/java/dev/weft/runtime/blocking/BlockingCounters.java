package dev.weft.runtime.blocking;

/**
 * Figures of a runtime's blocking pool, as {@code RuntimeMetrics} shows them.
 *
 * <p>The blocking pool ({@link BlockingSpawner}) implements it; a runtime without one reports
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
