package dev.weft.time.wheel;

import dev.weft.time.Clock;

/**
 * The time driver of one runtime (contract; implementation in progress).
 *
 * <p>Thread-safe: {@link #insert} and {@link #remove} may be called from any thread;
 * {@link #processExpired}, {@link #nextDeadline} are called by the thread that drives the
 * runtime. Deadlines are absolute nanoseconds on {@link Clock#nanoTime()}'s timeline;
 * {@link Long#MAX_VALUE} means never.
 */
public final class TimeDriver {
    private final Clock clock;
    private volatile Runnable onEarlierDeadline = () -> { };

    /** @param clock the clock whose time this driver follows */
    public TimeDriver(Clock clock) {
        this.clock = clock;
    }

    /** @return the clock */
    public Clock clock() {
        return clock;
    }

    /**
     * Sets the action run when an insert makes the earliest deadline earlier (the runtime
     * unparks its driving thread so it re-computes its park timeout).
     *
     * @param action the action
     */
    public void onEarlierDeadline(Runnable action) {
        this.onEarlierDeadline = action;
    }

    /**
     * Registers {@code entry} to fire at {@code deadlineNanos}; O(1). An entry already
     * registered is moved. A deadline at or before now fires at the next {@link #processExpired}.
     *
     * @param entry the entry
     * @param deadlineNanos absolute deadline, {@link Long#MAX_VALUE} for never
     */
    public void insert(TimerEntry entry, long deadlineNanos) {
        throw new UnsupportedOperationException("not yet");
    }

    /**
     * Removes {@code entry} if registered; O(1), idempotent.
     *
     * @param entry the entry
     */
    public void remove(TimerEntry entry) {
        throw new UnsupportedOperationException("not yet");
    }

    /**
     * Fires every entry whose deadline is at or before {@code clock().nanoTime()}.
     *
     * @return how many fired
     */
    public int processExpired() {
        return 0;
    }

    /** @return the earliest registered deadline, or {@link Long#MAX_VALUE} if none */
    public long nextDeadline() {
        return Long.MAX_VALUE;
    }

    /** @return how many entries are registered */
    public int size() {
        return 0;
    }

    Runnable earlierDeadlineAction() {
        return onEarlierDeadline;
    }
}
