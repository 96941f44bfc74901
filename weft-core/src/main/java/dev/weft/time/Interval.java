package dev.weft.time;

import dev.weft.future.Context;
import dev.weft.future.Poll;
import dev.weft.future.UncheckedFuture;
import dev.weft.future.internal.Args;
import dev.weft.future.internal.Coop;
import dev.weft.future.internal.Await;
import dev.weft.time.wheel.TimeDriver;
import java.time.Duration;
import java.time.Instant;

/**
 * Ticks at a fixed period: {@link Time#interval} and {@link Time#intervalAt} make one. The
 * first tick completes at the start (at once for {@code interval}); each next one a period
 * after the previous one was due, so the time a task spends between ticks is not added to the
 * period, unlike a sleep in a loop. When ticks are missed, {@link MissedTickBehavior} decides
 * (default {@link MissedTickBehavior#BURST}).
 *
 * <p>An interval belongs to one task at a time; it holds a single timer entry, registered only
 * while a tick is awaited.
 *
 * {@snippet :
 * Interval every = Time.interval(Duration.ofSeconds(1));
 * while (running) {
 *     Instant due = every.tick().await();   // the first tick completes at once
 *     report(due);
 * }
 * }
 */
public final class Interval {
    /** Within this much after its deadline a tick is on time (as in Tokio). */
    private static final long MISSED_TOLERANCE = 5_000_000L;

    private final Sleep delay;
    private final Duration period;
    private final long periodNanos;
    private MissedTickBehavior missedTickBehavior = MissedTickBehavior.BURST;

    Interval(TimeDriver driver, long start, Duration period) {
        this.delay = new Sleep(driver, start);
        this.period = period;
        this.periodNanos = Math.max(1, Nanos.of(period));
    }

    /**
     * A future of the next tick: it completes with the instant the tick was due (on the
     * clock's wall timeline), which may be earlier than now if the tick was late.
     *
     * <p><b>Cancel safety:</b> safe; a tick future abandoned before it completed consumes no
     * tick (the next {@code tick()} gets it) and removes the timer entry at once.
     * <b>Memory effects:</b> none; ticking synchronizes with no other task.
     *
     * @return the tick future
     */
    public Tick tick() {
        return new Tick(this);
    }

    /**
     * Polls for the next tick, for hand-written futures: ready with the instant the tick was
     * due, or pending after arranging for {@code cx.waker()} (the newest one) to be woken
     * when it is due.
     *
     * @param cx the task's context
     * @return the tick's instant, or pending
     */
    public Poll<Instant> pollTick(Context cx) {
        Args.notNull(cx, "cx");
        if (!delay.pollElapsed(cx) || !Coop.proceed(cx)) {
            return Poll.pending(); // budget is spent only by a tick that is due, as in Sleep
        }
        long timeout = delay.deadlineNanos();
        long now = delay.clock.nanoTime();
        long next = now > Nanos.add(timeout, MISSED_TOLERANCE)
                ? missedTickBehavior.nextTimeout(timeout, now, periodNanos)
                : Nanos.add(timeout, periodNanos);
        delay.rearm(next);
        return Poll.ready(delay.clock.instantAt(timeout));
    }

    /** Schedules the next tick one period from now. */
    public void reset() {
        delay.setDeadline(Nanos.add(delay.clock.nanoTime(), periodNanos));
    }

    /** Schedules the next tick now: it completes at once. */
    public void resetImmediately() {
        delay.setDeadline(delay.clock.nanoTime());
    }

    /**
     * Schedules the next tick at {@code deadline}; later ticks follow a period apart.
     *
     * @param deadline an instant on the clock's wall timeline
     * @throws IllegalArgumentException if {@code deadline} is null
     */
    public void resetAt(Instant deadline) {
        Args.notNull(deadline, "deadline");
        delay.setDeadline(delay.clock.nanosAt(deadline));
    }

    /** {@return the period} */
    public Duration period() {
        return period;
    }

    /** {@return what happens when ticks are missed} */
    public MissedTickBehavior missedTickBehavior() {
        return missedTickBehavior;
    }

    /**
     * Sets what this interval does when ticks are missed.
     *
     * @param behavior what to do when ticks are missed, from the next tick on
     * @throws IllegalArgumentException if {@code behavior} is null
     */
    public void setMissedTickBehavior(MissedTickBehavior behavior) {
        this.missedTickBehavior = Args.notNull(behavior, "behavior");
    }

    @Override
    public String toString() {
        return "Interval[period=" + period + ", next=" + delay.deadline() + ", " + missedTickBehavior + "]";
    }

    /**
     * The future of one tick, from {@link Interval#tick()}; its {@link #await()} throws
     * nothing checked.
     *
     * {@snippet :
     * Instant due = interval.tick().await();
     * }
     */
    public static final class Tick implements UncheckedFuture<Instant> {
        private Interval interval;

        Tick(Interval interval) {
            this.interval = interval;
        }

        /**
         * @param cx the task's context
         * @return the tick's instant, or pending
         * @throws IllegalStateException if polled again after it completed
         */
        @Override
        public Poll<Instant> poll(Context cx) {
            Interval i = interval;
            if (i == null) {
                throw new IllegalStateException("tick polled after it completed; call tick() again for the next one");
            }
            Poll<Instant> p = i.pollTick(cx);
            if (p.isReady()) {
                interval = null;
            }
            return p;
        }

        /** Gives the tick back (the next {@code tick()} gets it) and removes the timer entry. */
        @Override
        public void cancel() {
            Interval i = interval;
            interval = null;
            if (i != null) {
                i.delay.unregister();
            }
        }

        /**
         * Waits for the tick; see {@link Interval#tick()} for cancel safety.
         *
         * @return the instant the tick was due
         */
        @Override
        public Instant await() {
            return Await.await(this);
        }
    }
}
