package dev.weft.time;

import java.time.Instant;

/** {@link Clock#system()}: {@link System#nanoTime()}, anchored to the wall clock at class load. */
final class SystemClock extends Clock {
    static final SystemClock INSTANCE = new SystemClock(System.nanoTime(), Instant.now());

    private SystemClock(long nanoAnchor, Instant wallAnchor) {
        super(nanoAnchor, wallAnchor);
    }

    @Override
    public long nanoTime() {
        return System.nanoTime();
    }

    @Override
    public String toString() {
        return "Clock.system()";
    }
}
