package dev.weft.runtime.scheduler;

import dev.weft.runtime.jfr.WeftEvents;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * The counters of one thread that runs tasks: a multi-thread {@link Worker}, or the thread
 * inside a current-thread runtime's {@code blockOn}.
 *
 * <p>Implementation notes. Written only by that thread (for the current-thread flavor, one
 * driver at a time: the {@code blockOn} claim orders one driver's writes before the next one's),
 * with opaque stores; read by anyone with opaque loads: never torn, possibly a little stale.
 * The hot path — each run — pays two opaque stores ({@link #onPoll}) and one plain store of a
 * coarse time stamp into the task (for the task dump); the clock is read around parks and every
 * 64 runs ({@link Stamps}). The current-thread driver publishes its local queue depth once per
 * turn, not per push (a worker's depth is read from its queue instead).
 */
final class RunStats implements WorkerStats {
    private static final VarHandle POLLS;
    private static final VarHandle PARKS;
    private static final VarHandle STEALS;
    private static final VarHandle STEAL_OPS;
    private static final VarHandle BUSY_NANOS;
    private static final VarHandle LOCAL_DEPTH;
    private static final VarHandle CURRENT;
    private static final VarHandle THREAD;

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            POLLS = l.findVarHandle(RunStats.class, "polls", long.class);
            PARKS = l.findVarHandle(RunStats.class, "parks", long.class);
            STEALS = l.findVarHandle(RunStats.class, "steals", long.class);
            STEAL_OPS = l.findVarHandle(RunStats.class, "stealOps", long.class);
            BUSY_NANOS = l.findVarHandle(RunStats.class, "busyNanos", long.class);
            LOCAL_DEPTH = l.findVarHandle(RunStats.class, "localDepth", int.class);
            CURRENT = l.findVarHandle(RunStats.class, "current", Object.class);
            THREAD = l.findVarHandle(RunStats.class, "thread", Thread.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private long polls;
    private long parks;
    private long steals;
    private long stealOps;
    private long busyNanos;
    private int localDepth;
    private Object current;
    private Thread thread;
    /** Driver only: when it last woke (or entered blockOn). */
    private long busySince;
    /** Driver only: a coarse clock ({@link Stamps}), read at wake-up and every 64 runs. */
    private int clock;

    /** The driver entered blockOn. */
    void enter(Thread driver) {
        THREAD.setOpaque(this, driver); // opaque: read by the watchdog and metrics, never torn
        busySince = System.nanoTime();
        clock = Stamps.of(busySince);
        WeftEvents.refresh();
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
        long n = polls + 1;
        POLLS.setOpaque(this, n); // opaque: the watchdog reads polls as the run's number
        CURRENT.setOpaque(this, what);
        if ((n & Stamps.REFRESH_MASK) == 0) {
            clock = Stamps.now();
            WeftEvents.refresh(); // which JFR events recordings want, re-read with the clock
        }
        if (what instanceof Task<?> t) {
            t.lastPoll = clock; // plain: see Task.lastPoll
        } else if (what instanceof Coroutine<?> c) {
            c.lastRun = clock; // plain: see Coroutine.lastRun
        }
    }

    /** One steal operation took {@code tasks} tasks from another worker. */
    void onSteal(int tasks) {
        STEAL_OPS.setOpaque(this, stealOps + 1); // opaque: read by metrics
        STEALS.setOpaque(this, steals + tasks);
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

    /** The driver jumped a paused clock instead of parking: it has been idle, so read the clock again. */
    void refreshClock() {
        clock = Stamps.now();
    }

    void afterPark() {
        busySince = System.nanoTime();
        clock = Stamps.of(busySince);
        WeftEvents.refresh();
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
        return (long) STEALS.getOpaque(this);
    }

    @Override
    public long stealOps() {
        return (long) STEAL_OPS.getOpaque(this);
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
