package dev.weft.time;

import dev.weft.future.internal.Args;
import java.time.Duration;
import java.time.Instant;

/**
 * The source of time for a runtime: the {@linkplain #system() system clock}, or a
 * {@linkplain #paused() paused clock} for tests, on which time stands still until it is
 * advanced by hand or, in a runtime, jumps to the next timer when every task is idle.
 *
 * <p>A clock counts monotonic nanoseconds ({@link #nanoTime()}). Its {@link Instant}s
 * ({@link #now()}) lie on the clock's own wall timeline: the wall time when the clock was
 * made plus the time elapsed on the clock since. They never jump back when the system's
 * wall clock is adjusted, and on a paused clock they stand still with it.
 *
 * <p>Thread-safe: every method may be called from any thread.
 *
 * {@snippet :
 * Clock clock = Clock.paused();
 * Instant t0 = clock.now();
 * clock.advance(Duration.ofSeconds(5));
 * assert clock.now().equals(t0.plusSeconds(5));
 * clock.resume();                      // from here on it runs with the system clock
 * }
 */
public abstract class Clock {
    private final long nanoAnchor;
    private final Instant wallAnchor;

    /**
     * @param nanoAnchor a reading of {@link #nanoTime()}
     * @param wallAnchor the wall time of that reading
     */
    Clock(long nanoAnchor, Instant wallAnchor) {
        this.nanoAnchor = nanoAnchor;
        this.wallAnchor = wallAnchor;
    }

    /** {@return the system clock ({@link System#nanoTime()}); it cannot be paused} */
    public static Clock system() {
        return SystemClock.INSTANCE;
    }

    /**
     * A clock that starts paused at the current system time: {@link #nanoTime()} starts at
     * {@link System#nanoTime()} and {@link #now()} at the system clock's {@link #now()}, and
     * neither moves until {@link #advance}d or {@link #resume()}d.
     *
     * @return a new paused clock
     */
    public static Clock paused() {
        return new PausableClock(System.nanoTime());
    }

    /** {@return monotonic nanoseconds on this clock's timeline} */
    public abstract long nanoTime();

    /** {@return the current instant on this clock's wall timeline} */
    public Instant now() {
        return instantAt(nanoTime());
    }

    /** {@return whether time stands still (and auto-advances when the runtime is idle)} */
    public boolean isPaused() {
        return false;
    }

    /**
     * Stops time; a no-op if already paused.
     *
     * @throws IllegalStateException if this clock cannot be paused (the system clock)
     */
    public void pause() {
        throw notPausable("pause()");
    }

    /**
     * Lets a paused clock run again with the system clock, from where it stands; a no-op if it
     * runs.
     *
     * @throws IllegalStateException if this clock cannot be paused (the system clock)
     */
    public void resume() {
        throw notPausable("resume()");
    }

    /**
     * Moves a paused clock forward by {@code duration}; one too large to add saturates at the
     * farthest time ({@code Long.MAX_VALUE - 1} nanoseconds).
     *
     * @param duration how far, not negative
     * @throws IllegalArgumentException if {@code duration} is null or negative
     * @throws IllegalStateException if the clock is not paused
     */
    public void advance(Duration duration) {
        Args.nonNegative(duration, "duration");
        throw notPausable("advance(Duration)");
    }

    /**
     * Moves a paused clock forward to {@code nanos}: a no-op if that is not later than now,
     * and for {@link Long#MAX_VALUE}, which means never.
     *
     * @param nanos the new time
     * @throws IllegalStateException if the clock is not paused
     */
    public void advanceTo(long nanos) {
        throw notPausable("advanceTo(long)");
    }

    /**
     * @param nanos a time on {@link #nanoTime()}'s timeline
     * @return its instant on this clock's wall timeline; {@link Instant#MAX} for
     *         {@link Long#MAX_VALUE} (never)
     */
    Instant instantAt(long nanos) {
        if (nanos == Long.MAX_VALUE) {
            return Instant.MAX;
        }
        long delta = nanos - nanoAnchor;
        if (((nanos ^ nanoAnchor) & (nanos ^ delta)) < 0) {
            return wallAnchor.plusNanos(nanos).minusNanos(nanoAnchor); // the difference overflows
        }
        return wallAnchor.plusNanos(delta);
    }

    /**
     * @param instant an instant on this clock's wall timeline
     * @return its time on {@link #nanoTime()}'s timeline, saturated: {@link Long#MAX_VALUE}
     *         (never) if beyond a long of nanoseconds, at most {@link Long#MIN_VALUE} plus the
     *         anchor for the far past (never wrapping round)
     */
    long nanosAt(Instant instant) {
        return Nanos.add(nanoAnchor, Nanos.of(Duration.between(wallAnchor, instant)));
    }

    private IllegalStateException notPausable(String what) {
        return new IllegalStateException(what + " needs a pausable clock, but " + this
                + " cannot be paused: give the runtime Clock.paused()");
    }
}
