package dev.weft.time;

/**
 * What an {@link Interval} does when a tick is missed: when {@link Interval#tick()} is
 * called more than 5 ms after the tick was due (the task was busy, or the runtime late).
 * Within 5 ms a tick counts as on time and the next one is due one period after it. Tokio's
 * semantics, exactly.
 *
 * <p>With a period of 50 ms starting at 0, and the second tick awaited only at 175 ms:
 * <ul>
 *   <li>{@link #BURST}: ticks 50, 100, 150 complete at once, then 200, 250, ... (the
 *       schedule is kept; missed ticks come in a burst).</li>
 *   <li>{@link #DELAY}: tick 50 completes at once, then 225, 275, ... (the schedule restarts
 *       one period after the late tick was taken).</li>
 *   <li>{@link #SKIP}: tick 50 completes at once, then 200, 250, ... (missed ticks are
 *       dropped; the schedule stays on multiples of the period from the start).</li>
 * </ul>
 *
 * {@snippet :
 * Interval every = Time.interval(Duration.ofSeconds(1));
 * every.setMissedTickBehavior(MissedTickBehavior.SKIP);
 * }
 */
public enum MissedTickBehavior {
    /** Tick as fast as possible until caught up; the ticks keep their schedule. The default. */
    BURST,
    /** Take the late tick now and schedule the next one a full period after now. */
    DELAY,
    /** Take the late tick now and schedule the next one at the next multiple of the period. */
    SKIP;

    /**
     * @param timeout when the late tick was due
     * @param now when it was taken ({@code now > timeout})
     * @param period the period, positive
     * @return when the next tick is due, saturated at never
     */
    long nextTimeout(long timeout, long now, long period) {
        return switch (this) {
            case BURST -> Nanos.add(timeout, period);
            case DELAY -> Nanos.add(now, period);
            case SKIP -> Nanos.add(now, period - (now - timeout) % period);
        };
    }
}
