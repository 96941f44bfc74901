package dev.weft.runtime.scheduler;

/**
 * The read side of one worker's counters, for {@code RuntimeMetrics} and the blocked-worker
 * {@link Watchdog}. A multi-thread runtime has one per {@link Worker}; a current-thread runtime
 * has one for the thread that drives it ({@link RunStats}).
 *
 * <p>Threads: the owner writes every figure with an opaque store; any thread reads them with
 * opaque loads. A value is never torn and never goes backwards for one reader, but figures are
 * read one at a time, so two of them may disagree by the work done in between.
 */
public interface WorkerStats {

    /** @return runs of a task or coroutine continuation so far; also the number of the poll in progress */
    long polls();

    /** @return tasks taken from other workers' queues (zero for the current-thread flavor) */
    long steals();

    /** @return successful steal operations, each taking one or more tasks */
    long stealOps();

    /** @return times the worker went to sleep for lack of work */
    long parks();

    /** @return nanoseconds spent between waking and parking, as of the last park */
    long busyNanos();

    /** @return tasks waiting in this worker's own queue */
    int localQueueDepth();

    /** @return the thread running this worker now, or null (a current-thread runtime nobody drives) */
    Thread thread();

    /**
     * @return what the worker is running now — a {@link Task}, a {@link Coroutine} whose
     *         continuation it runs, or another object standing for a future it polls — or null
     *         between polls. May lag: it is set before each run and cleared only when the worker
     *         parks or stops, so a value with an unchanged {@link #polls()} means "the same run".
     */
    Object currentPoll();
}
