package dev.weft.time.wheel;

/**
 * An intrusive timer entry: the timer future itself extends this class, so registering a
 * timer allocates nothing beyond the future. The {@link Wheel} (under the {@link TimeDriver}'s
 * lock) owns the link fields.
 *
 * <p>Life cycle: {@link TimeDriver#insert} links the entry into the wheel and clears
 * {@link #hasFired()}; when its deadline has passed, {@link TimeDriver#processExpired} unlinks
 * it, sets {@link #hasFired()} (still under the lock) and then, outside the lock, calls
 * {@link #fire()}. Because the flag is set under the lock and {@code fire()} runs after the
 * lock is released, an owner that re-inserts the entry in between may receive one stale
 * {@code fire()}: owners treat {@code fire()} as a hint to look again and
 * {@link #hasFired()} as the truth.
 *
 * {@snippet :
 * final class Alarm extends TimerEntry {
 *     volatile boolean rang;
 *     @Override protected void fire() { rang = true; }
 * }
 * driver.insert(new Alarm(), clock.nanoTime() + 1_000_000);
 * }
 */
public abstract class TimerEntry {
    // Link fields, owned by the Wheel and guarded by the driver's lock.
    TimerEntry prev;
    TimerEntry next;
    /** The deadline in wheel ticks. */
    long when;
    /** Where the entry is linked: {@link Wheel#NONE}, {@link Wheel#PENDING} or a slot index. */
    int slot = Wheel.NONE;

    // Written under the driver's lock (set when the driver takes the entry out to fire it,
    // cleared on insert); read by the owner without the lock. The owner publishes its waker
    // before reading this flag and fire() reads the waker after the flag was set, so one of
    // the two always sees the other: no lost wake-up.
    private volatile boolean fired;

    /** For subclasses. */
    protected TimerEntry() {
    }

    /**
     * Called by the driver, outside its lock, when the deadline has passed. Runs on the thread
     * that processes expired timers; must be short (typically: wake the waker) and should not
     * throw.
     */
    protected abstract void fire();

    /**
     * {@return whether the driver has taken this entry out of the wheel to fire it since it was
     *         last inserted (a volatile read)}
     */
    protected final boolean hasFired() {
        return fired;
    }

    /** Under the driver's lock: marks the entry taken out to fire. */
    final void setFired() {
        fired = true; // volatile write: pairs with the owner's read in hasFired()
    }

    /** Under the driver's lock, on insert. */
    final void clearFired() {
        if (fired) { // a volatile read is cheap; skipping the store saves a fence per insert
            fired = false;
        }
    }

    /** @return whether the entry is linked in a wheel (guarded by the driver's lock) */
    final boolean isLinked() {
        return slot != Wheel.NONE;
    }
}
