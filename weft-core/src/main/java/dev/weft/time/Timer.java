package dev.weft.time;

import dev.weft.future.Context;
import dev.weft.future.Waker;
import dev.weft.time.wheel.TimeDriver;
import dev.weft.time.wheel.TimerEntry;

/**
 * A deadline that registers with the time driver only while someone waits on it: the part
 * {@link Sleep} and {@link Timeout} share, so each is one object, its own timer entry.
 */
abstract sealed class Timer extends TimerEntry permits Sleep, Timeout {
    /*
     * Implementation notes.
     *
     * Threads. deadline and registered belong to the owner (the task polling the future; the
     * runtime orders its successive polls). fire() runs on whichever thread processes the
     * driver. The two meet in `waker` and in TimerEntry's fired flag: the owner writes `waker`
     * and then reads `fired`; the driver sets `fired` (under its lock) and then, in fire(),
     * reads `waker`. Both are volatile, so at least one side sees the other's write: either the
     * owner sees the timer fired, or fire() wakes the newest waker. No lost wake-up.
     *
     * registered: the owner is waiting; the entry is in the driver unless the deadline is
     * never (Long.MAX_VALUE), which is not stored at all. A stale fire() (the driver took the
     * entry out just before the owner reset it) only causes one spurious wake.
     */

    final TimeDriver driver;
    final Clock clock;
    private long deadline;
    private boolean registered;
    // See the notes: written by the owner, read by fire() on the driver's thread.
    private volatile Waker waker;

    Timer(TimeDriver driver, long deadline) {
        this.driver = driver;
        this.clock = driver.clock();
        this.deadline = deadline;
    }

    /** @return the deadline in nanoseconds on the clock, {@link Long#MAX_VALUE} for never */
    final long deadlineNanos() {
        return deadline;
    }

    /**
     * Checks the deadline; if it has not passed, makes sure {@code cx.waker()} is woken when
     * it does (registering on the first call).
     *
     * @return whether the deadline has passed (then nothing stays registered)
     */
    final boolean pollElapsed(Context cx) {
        if (registered) {
            if (hasFired()) {
                done();
                return true;
            }
            if (deadline <= clock.nanoTime()) {
                unregister();
                return true;
            }
            Waker w = cx.waker();
            if (waker != w) {
                waker = w; // volatile write, then the re-check below: see the notes
                if (hasFired()) {
                    done();
                    return true;
                }
            }
            return false;
        }
        if (deadline <= clock.nanoTime()) {
            return true;
        }
        waker = cx.waker(); // published before insert takes the driver's lock
        if (deadline != Long.MAX_VALUE) {
            driver.insert(this, deadline);
        }
        registered = true;
        return false;
    }

    /** Stops waiting: removes the entry from the driver at once. Idempotent. */
    final void unregister() {
        if (registered) {
            registered = false;
            waker = null;
            if (deadline != Long.MAX_VALUE) {
                driver.remove(this);
            }
        }
    }

    /** Moves the deadline; a registered timer is moved in the driver, keeping its waker. */
    final void setDeadline(long nanos) {
        long old = deadline;
        deadline = nanos;
        if (!registered) {
            return;
        }
        if (nanos != Long.MAX_VALUE) {
            driver.insert(this, nanos); // moves it, and clears a fired flag not yet seen
        } else if (old != Long.MAX_VALUE) {
            driver.remove(this);
        }
    }

    /** The driver took the entry out: nothing is registered any more. */
    private void done() {
        registered = false;
        waker = null;
    }

    @Override
    protected final void fire() {
        Waker w = waker; // volatile read, after the driver set the fired flag
        if (w != null) {
            w.wake();
        }
    }
}
