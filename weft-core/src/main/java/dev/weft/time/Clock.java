package dev.weft.time;

/**
 * The source of time for a runtime (contract; implementation in progress).
 *
 * {@snippet :
 * Runtime rt = Runtime.builder().currentThread().enableTime().startPaused(true).build();
 * }
 */
public abstract class Clock {
    Clock() {
    }

    /** @return the system clock ({@link System#nanoTime()}) */
    public static Clock system() {
        return new Clock() {
            @Override
            public long nanoTime() {
                return System.nanoTime();
            }
        };
    }

    /** @return a paused clock (placeholder until the time driver lands) */
    public static Clock paused() {
        throw new UnsupportedOperationException("paused clock: not yet");
    }

    /** @return monotonic nanoseconds on this clock's timeline */
    public abstract long nanoTime();

    /** @return whether time stands still (and auto-advances when the runtime is idle) */
    public boolean isPaused() {
        return false;
    }

    /**
     * Moves a paused clock forward to {@code nanos} (no-op if not later than now).
     *
     * @param nanos the new time
     */
    public void advanceTo(long nanos) {
        throw new IllegalStateException("the clock is not paused");
    }
}
