package dev.weft.time;

import dev.weft.runtime.internal.RuntimeContext;
import dev.weft.time.wheel.TimeDriver;
import java.time.Duration;

/**
 * Stands in for a runtime in unit tests: a paused clock and a time driver, installed as the
 * current thread's RuntimeContext so that Time.* works; close() removes it. advance() does
 * what the runtime's loop does after time moves: process expired timers.
 */
final class TimeFixture implements AutoCloseable {
    static final long MS = 1_000_000L;

    final Clock clock;
    final TimeDriver driver;
    final long t0;
    private final RuntimeContext previous;

    TimeFixture() {
        this(Clock.paused());
    }

    TimeFixture(Clock clock) {
        this.clock = clock;
        this.driver = new TimeDriver(clock);
        this.t0 = clock.nanoTime();
        this.previous = RuntimeContext.enter(context(driver));
    }

    static RuntimeContext context(TimeDriver driver) {
        return new RuntimeContext() {
            @Override
            public TimeDriver timeDriver() {
                return driver;
            }

            @Override
            public TimeDriver timeDriverOrNull() {
                return driver;
            }
        };
    }

    /** Moves the clock to t0 + {@code ms} and fires what is due; returns how many fired. */
    int at(long ms) {
        clock.advanceTo(t0 + ms * MS);
        return driver.processExpired();
    }

    int advance(Duration d) {
        clock.advance(d);
        return driver.processExpired();
    }

    @Override
    public void close() {
        RuntimeContext.enter(previous);
    }

}
