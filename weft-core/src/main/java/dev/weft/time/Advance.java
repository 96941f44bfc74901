package dev.weft.time;

import dev.weft.future.Context;
import dev.weft.future.Future;
import dev.weft.future.Poll;
import dev.weft.future.UncheckedFuture;
import dev.weft.time.wheel.TimeDriver;
import java.time.Duration;

/**
 * {@link Time#advance}: moves the paused clock on the first poll, fires the timers now due,
 * and yields once so the tasks they woke can run before the caller continues.
 */
final class Advance implements UncheckedFuture<Void> {
    private final TimeDriver driver;
    private final Duration duration;
    private int polls;

    Advance(TimeDriver driver, Duration duration) {
        this.driver = driver;
        this.duration = duration;
    }

    @Override
    public Poll<Void> poll(Context cx) {
        switch (polls++) {
            case 0 -> {
                driver.clock().advance(duration); // throws IllegalStateException if not paused
                driver.processExpired();
                cx.waker().wake();
                return Poll.pending();
            }
            case 1 -> {
                return Poll.ready(null);
            }
            default -> throw new IllegalStateException("advance polled after it completed");
        }
    }
}
