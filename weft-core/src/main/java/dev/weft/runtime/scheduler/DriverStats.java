package dev.weft.runtime.scheduler;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * The counters of a current-thread runtime's one "worker": the thread inside {@code blockOn}.
 *
 * <p>Implementation notes. Written only by the driving thread (one at a time: the
 * {@code blockOn} claim orders one driver's writes before the next one's), with opaque stores;
 * read by anyone with opaque loads. The hot path — each run — pays two opaque stores
 * ({@link #onPoll}); the clock is read only around parks, as {@link Worker} does. The local
 * queue depth is published once per turn, not per push, so it is the depth at the start of the
 * last turn (zero while parked); wakes from other threads are counted by the injection queue.
 */
final class DriverStats implements WorkerStats {
    private static final VarHandle POLLS;
    private static final VarHandle PARKS;
    private static final VarHandle BUSY_NANOS;
    private static final VarHandle LOCAL_DEPTH;
    private static final VarHandle CURRENT;
    private static final VarHandle THREAD;

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            POLLS = l.findVarHandle(DriverStats.class, "polls", long.class);
            PARKS = l.findVarHandle(DriverStats.class, "parks", long.class);
            BUSY_NANOS = l.findVarHandle(DriverStats.class, "busyNanos", long.class);
            LOCAL_DEPTH = l.findVarHandle(DriverStats.class, "localDepth", int.class);
            CURRENT = l.findVarHandle(DriverStats.class, "current", Object.class);
            THREAD = l.findVarHandle(DriverStats.class, "thread", Thread.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private long polls;
    private long parks;
    private long busyNanos;
    private int localDepth;
    private Object current;
    private Thread thread;
    /** Driver only: when it last woke (or entered blockOn). */
    private long busySince;

    /** The driver entered blockOn. */
    void enter(Thread driver) {
        THREAD.setOpaque(this, driver); // opaque: read by the watchdog and metrics, never torn
        busySince = System.nanoTime();
    }

    /** The driver leaves blockOn: it is no longer running anything. */
    void exit() {
        CURRENT.setOpaque(this, null); // opaque: the watchdog stops looking at this driver
        addBusy();
        LOCAL_DEPTH.setOpaque(this, 0);
        THREAD.setOpaque(this, null);
    }

    /** The driver is about to run {@code what}: a task, a coroutine, or the blockOn future's waker. */
    void onPoll(Object what) {
        POLLS.setOpaque(this, polls + 1); // opaque: the watchdog reads polls as the run's number
        CURRENT.setOpaque(this, what);
    }

    void publishLocalDepth(int depth) {
        LOCAL_DEPTH.setOpaque(this, depth);
    }

    /** The driver is about to park. */
    void beforePark() {
        CURRENT.setOpaque(this, null); // opaque: parked is not blocked
        LOCAL_DEPTH.setOpaque(this, 0);
        PARKS.setOpaque(this, parks + 1);
        addBusy();
    }

    void afterPark() {
        busySince = System.nanoTime();
    }

    private void addBusy() {
        BUSY_NANOS.setOpaque(this, busyNanos + (System.nanoTime() - busySince));
    }

    @Override
    public long polls() {
        return (long) POLLS.getOpaque(this);
    }

    @Override
    public long steals() {
        return 0;
    }

    @Override
    public long stealOps() {
        return 0;
    }

    @Override
    public long parks() {
        return (long) PARKS.getOpaque(this);
    }

    @Override
    public long busyNanos() {
        return (long) BUSY_NANOS.getOpaque(this);
    }

    @Override
    public int localQueueDepth() {
        return (int) LOCAL_DEPTH.getOpaque(this);
    }

    @Override
    public Thread thread() {
        return (Thread) THREAD.getOpaque(this);
    }

    @Override
    public Object currentPoll() {
        return CURRENT.getOpaque(this);
    }
}
