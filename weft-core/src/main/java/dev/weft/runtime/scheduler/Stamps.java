package dev.weft.runtime.scheduler;

/**
 * Coarse time stamps for the task dump's "last polled": milliseconds of {@link System#nanoTime()}
 * in an {@code int}, 0 meaning "never". Ages are taken modulo 2<sup>32</sup> ms, so they are
 * right up to 49 days.
 *
 * <p>A worker does not read the clock for every poll (about 25 ns here, a quarter of a short
 * poll): it keeps the value it read when it last woke up, refreshed every {@link #REFRESH_MASK}
 * + 1 runs, and stamps that on each task it polls. A stamp may therefore be older than the poll
 * by the run time of up to 63 earlier runs of the same worker: microseconds, unless those runs
 * were long polls themselves.
 */
final class Stamps {
    /** Runs between two clock reads of a busy worker, minus one (a mask of the run count). */
    static final long REFRESH_MASK = 63;

    private Stamps() {
    }

    /** @return the stamp of now */
    static int now() {
        return of(System.nanoTime());
    }

    /** @return the stamp of a {@link System#nanoTime()} reading; never 0 */
    static int of(long nanoTime) {
        int ms = (int) (nanoTime / 1_000_000);
        return ms == 0 ? 1 : ms;
    }

    /** @return the milliseconds from {@code stamp} to {@code now}, or -1 for a task never stamped */
    static long ageMillis(int stamp, int now) {
        return stamp == 0 ? -1 : Integer.toUnsignedLong(now - stamp);
    }
}
