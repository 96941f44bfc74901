package dev.weft.time.wheel;

/**
 * An intrusive timer entry: the timer future itself extends this class, so registering a
 * timer allocates nothing beyond the future. The {@link TimeDriver} owns the link fields.
 */
public abstract class TimerEntry {
    /** For subclasses. */
    protected TimerEntry() {
    }

    /**
     * Called by the driver, outside its lock, when the deadline has passed. Runs on the thread
     * that drives time; must be short (typically: mark fired, wake the waker).
     */
    protected abstract void fire();
}
