package dev.weft.runtime.scheduler;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * What a paused clock must know before it may jump: how many coroutines are alive and how many
 * are running (not waiting in an await), and how much blocking work is in flight. When the
 * running coroutines or the blocking work drop to zero, {@code onIdle} runs so the driver can
 * re-check whether it may advance the clock.
 *
 * <p>Implementation notes. The counts are atomics, touched from any thread. Running coroutines
 * are counted only when {@code countActive}: only a paused clock reads that count, so on the
 * system clock the park and the wake of a virtual-thread coroutine touch no shared counter. The
 * blocking count rises before the work can start and falls after it ended, so it never dips
 * early; its fall to zero is a volatile write followed by {@code onIdle}, which reads the
 * driver's parked flag, while the driver writes that flag and then reads this count: one of
 * them sees the other, and no advance is lost.
 */
final class ActivityCounts {
    private final AtomicInteger liveCoroutines = new AtomicInteger();
    private final AtomicInteger activeCoroutines = new AtomicInteger();
    private final AtomicInteger blockingInFlight = new AtomicInteger();
    private final boolean countActive;
    private final Runnable onIdle;

    /**
     * @param countActive whether running coroutines are counted (a paused clock may read them)
     * @param onIdle run when the running coroutines or the blocking work reach zero
     */
    ActivityCounts(boolean countActive, Runnable onIdle) {
        this.countActive = countActive;
        this.onIdle = onIdle;
    }

    /** A virtual-thread coroutine started: alive, and running. */
    void coroutineStarted() {
        liveCoroutines.incrementAndGet();
        if (countActive) {
            activeCoroutines.incrementAndGet();
        }
    }

    /** A continuation-engine coroutine started: alive, counted running only by the task that runs it. */
    void continuationStarted() {
        liveCoroutines.incrementAndGet();
    }

    /** A coroutine's body ended (it still counts as running until {@link #coroutineParked()}). */
    void coroutineEnded() {
        liveCoroutines.decrementAndGet();
    }

    void coroutineParked() {
        if (countActive && activeCoroutines.decrementAndGet() == 0) {
            onIdle.run();
        }
    }

    void coroutineWoken() {
        if (countActive) {
            activeCoroutines.incrementAndGet();
        }
    }

    void blockingStarted() {
        blockingInFlight.incrementAndGet(); // volatile: before the work can start, so the count never dips early
    }

    void blockingFinished() {
        // volatile write, then onIdle reads the driver's parked flag: see the class notes
        if (blockingInFlight.decrementAndGet() == 0) {
            onIdle.run();
        }
    }

    /** @return coroutines started and not finished */
    int liveCoroutines() {
        return liveCoroutines.get();
    }

    /** @return coroutines running or runnable (not waiting in an await), if counted */
    int activeCoroutines() {
        return activeCoroutines.get();
    }

    /** @return blocking tasks in flight plus blocking bodies running in place */
    int blockingInFlight() {
        return blockingInFlight.get();
    }
}
