package dev.weft.runtime.blocking;

import dev.weft.runtime.internal.RuntimeContext;
import dev.weft.runtime.internal.UnjoinedFailures;

/**
 * What the blocking pool needs from the runtime that owns it: task ids, the count of blocking
 * work a paused clock waits for, failure tracking, whether the runtime still accepts work, and the
 * context its threads enter (so {@code Handle.current()}, {@code Weft.spawn} and timers work inside
 * a body). The scheduler implements it; the pool depends on nothing else of the runtime.
 */
public interface BlockingHost {
    /** @return whether the runtime was shut down (new blocking tasks are refused) */
    boolean isShutdown();

    /** @return a new task id, unique within the runtime (tasks and blocking tasks share them) */
    long newTaskId();

    /** Blocking work started (spawned, or a body run in place): a paused clock holds still. */
    void blockingStarted();

    /** The blocking work counted by {@link #blockingStarted()} ended. */
    void blockingFinished();

    /**
     * Starts tracking the failure of a blocking task nobody joined yet.
     *
     * @param task the object whose reachability bounds the report (the join handle)
     * @param taskId its id
     * @param e the failure
     * @return the entry; dismissed when a joiner takes the failure
     */
    UnjoinedFailures.Entry trackUnobserved(Object task, long taskId, Throwable e);

    /** @return the runtime context blocking threads enter */
    RuntimeContext context();
}
