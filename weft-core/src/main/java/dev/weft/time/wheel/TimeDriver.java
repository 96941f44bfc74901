package dev.weft.time.wheel;

import dev.weft.future.internal.Args;
import dev.weft.future.internal.SeededRandom;
import dev.weft.future.internal.ShortLock;
import dev.weft.time.Clock;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;

/**
 * The time driver of one runtime: a {@link Wheel} of 1 ms ticks behind a lock.
 *
 * <p>Thread-safe: every method may be called from any thread. The runtime calls
 * {@link #processExpired()} on each turn of its loop and parks until {@link #nextDeadline()};
 * timers call {@link #insert} and {@link #remove} from whichever thread polls them. Deadlines
 * are absolute nanoseconds on {@link Clock#nanoTime()}'s timeline; {@link Long#MAX_VALUE} means
 * never: such an entry is not stored at all.
 *
 * <p>Rounding: an entry fires at the first 1 ms tick at or after its deadline, never before
 * it. Tick 0 is the clock's time when the driver was made.
 *
 * {@snippet :
 * TimeDriver driver = new TimeDriver(clock);
 * driver.onEarlierDeadline(() -> LockSupport.unpark(loopThread));
 * for (;;) {
 *     driver.processExpired();                       // fires due entries
 *     runReadyTasks();
 *     long wait = driver.nextDeadline() - clock.nanoTime();
 *     if (wait > 0) LockSupport.parkNanos(wait);     // Long.MAX_VALUE - now: park "forever"
 * }
 * }
 */
public final class TimeDriver {
    /*
     * Implementation notes.
     *
     * Lock. One ShortLock guards the wheel and every entry's link fields. insert/remove are
     * O(1) under it; processExpired takes due entries out in batches of BATCH under the lock and
     * calls fire() outside it, so a fire() that wakes a task (which may insert again) never runs
     * under the lock. A spin lock, not a ReentrantLock or a monitor: coroutines insert timers, and
     * a coroutine must never unmount while waiting for a lock the workers also need (see
     * ShortLock's notes: workers queued behind a parked coroutine deadlock).
     *
     * nextDeadline is a volatile copy of the wheel's next expiration in nanoseconds, written
     * under the lock after every change, so the loop reads it without locking. processExpired
     * returns at once, without the lock, while the clock is before it.
     *
     * Seeded order (deterministic runtime). The wheel hands out the entries of one tick in an
     * order that depends on its slot lists, not on anything a test controls; with a fireOrder,
     * processExpired takes every due entry first, sorts them by tick and shuffles each run of
     * one tick with the seed before firing (fireSeeded), so simultaneous wake-ups follow the seed. Only the
     * driving thread of a deterministic runtime calls it, so the stream needs no lock.
     *
     * Saturation. A deadline whose tick would not fit back into a long of nanoseconds (within a
     * millisecond of Long.MAX_VALUE on this clock) is treated as never, like Long.MAX_VALUE.
     */

    /** Nanoseconds per tick: 1 ms. */
    static final long TICK_NANOS = 1_000_000L;
    private static final int BATCH = 32;
    private static final VarHandle SPARE;

    static {
        try {
            SPARE = MethodHandles.lookup().findVarHandle(TimeDriver.class, "spare", TimerEntry[].class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final Clock clock;
    /** The clock's time at tick 0. */
    private final long origin;
    /** The largest tick whose start fits in a long of nanoseconds. */
    private final long maxTick;
    private final ShortLock lock = new ShortLock();
    private final Wheel wheel; // guarded by lock

    // Written under the lock after each change of the wheel; read without it by the loop.
    private volatile long nextDeadline = Long.MAX_VALUE;
    private volatile Runnable onEarlierDeadline = () -> { };
    // A batch array for processExpired, reused so a turn that fires allocates nothing.
    // getAndSet takes it (a concurrent processExpired then makes its own); setRelease returns
    // it after its slots were cleared.
    @SuppressWarnings("unused")
    private volatile TimerEntry[] spare = new TimerEntry[BATCH];
    /** Orders entries due at the same tick (deterministic runtime), or null: the wheel's order. */
    private final SeededRandom fireOrder;

    /** @param clock the clock whose time this driver follows */
    public TimeDriver(Clock clock) {
        this(clock, Wheel.DEFAULT_LEVELS, null);
    }

    /**
     * A driver that fires entries due at the same tick in an order drawn from {@code fireOrder}
     * (the deterministic runtime). Only one thread may then call {@link #processExpired()}.
     *
     * @param clock the clock whose time this driver follows
     * @param fireOrder the seeded stream
     */
    public TimeDriver(Clock clock, SeededRandom fireOrder) {
        this(clock, Wheel.DEFAULT_LEVELS, Args.notNull(fireOrder, "fireOrder"));
    }

    /**
     * A driver over a wheel of {@code levels} levels (tests use few to reach the top ring).
     *
     * @param clock the clock
     * @param levels the wheel's levels, 1 to 10
     */
    TimeDriver(Clock clock, int levels) {
        this(clock, levels, null);
    }

    private TimeDriver(Clock clock, int levels, SeededRandom fireOrder) {
        this.fireOrder = fireOrder;
        this.clock = Args.notNull(clock, "clock");
        this.wheel = new Wheel(levels);
        this.origin = clock.nanoTime();
        this.maxTick = origin < 0 ? Long.MAX_VALUE / TICK_NANOS : (Long.MAX_VALUE - 1 - origin) / TICK_NANOS;
    }

    /** @return the clock */
    public Clock clock() {
        return clock;
    }

    /**
     * Sets the action run when an insert makes the earliest deadline earlier (the runtime
     * unparks its driving thread so it re-computes its park timeout). It runs on the inserting
     * thread, outside the lock, and must be cheap and not throw.
     *
     * @param action the action
     */
    public void onEarlierDeadline(Runnable action) {
        this.onEarlierDeadline = Args.notNull(action, "action");
    }

    /**
     * Registers {@code entry} to fire at {@code deadlineNanos}; O(1). An entry already
     * registered (or due and not yet fired) is moved. A deadline at or before now fires at the
     * next {@link #processExpired}. {@link Long#MAX_VALUE} (never) only unregisters the entry.
     * Clears {@link TimerEntry#hasFired()}.
     *
     * @param entry the entry
     * @param deadlineNanos absolute deadline, {@link Long#MAX_VALUE} for never
     */
    public void insert(TimerEntry entry, long deadlineNanos) {
        Args.notNull(entry, "entry");
        long tick = tickOf(deadlineNanos);
        boolean earlier = false;
        lock.lock();
        try {
            entry.clearFired();
            if (tick == Wheel.NEVER) {
                if (wheel.remove(entry)) {
                    publishNextDeadline();
                }
            } else {
                wheel.insert(entry, tick);
                earlier = publishNextDeadline();
            }
        } finally {
            lock.unlock();
        }
        if (earlier) {
            onEarlierDeadline.run();
        }
    }

    /**
     * Removes {@code entry} if registered; O(1), idempotent: a no-op for an entry that fired or
     * was never inserted.
     *
     * @param entry the entry
     */
    public void remove(TimerEntry entry) {
        Args.notNull(entry, "entry");
        lock.lock();
        try {
            if (wheel.remove(entry)) {
                publishNextDeadline();
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Fires every entry whose deadline is at or before {@code clock().nanoTime()}, read once
     * at the start: each is unlinked and marked {@linkplain TimerEntry#hasFired() fired} under
     * the lock, then its {@link TimerEntry#fire()} runs outside the lock, in deadline order.
     * Cheap (one volatile read, no lock) when nothing is due. If a {@code fire()} throws, the
     * other entries still fire and the first exception is rethrown at the end.
     *
     * @return how many fired
     */
    public int processExpired() {
        long now = clock.nanoTime();
        if (now < nextDeadline) {
            return 0;
        }
        if (fireOrder != null) {
            return fireSeeded(now);
        }
        TimerEntry[] batch = (TimerEntry[]) SPARE.getAndSet(this, (TimerEntry[]) null);
        if (batch == null) {
            batch = new TimerEntry[BATCH];
        }
        long tick = tickFloor(now);
        int total = 0;
        RuntimeException failure = null;
        int n;
        do {
            n = 0;
            lock.lock();
            try {
                TimerEntry e;
                while (n < BATCH && (e = wheel.poll(tick)) != null) {
                    e.setFired();
                    batch[n++] = e;
                }
                publishNextDeadline();
            } finally {
                lock.unlock();
            }
            for (int i = 0; i < n; i++) {
                TimerEntry e = batch[i];
                batch[i] = null;
                failure = fire(e, failure);
            }
            total += n;
        } while (n == BATCH);
        SPARE.setRelease(this, batch); // pairs with the getAndSet above, in a later call
        if (failure != null) {
            throw failure;
        }
        return total;
    }

    /** processExpired of a seeded driver: see the notes. */
    private int fireSeeded(long now) {
        ArrayList<TimerEntry> due = new ArrayList<>();
        long tick = tickFloor(now);
        lock.lock();
        try {
            TimerEntry e;
            while ((e = wheel.poll(tick)) != null) {
                e.setFired();
                due.add(e);
            }
            publishNextDeadline();
        } finally {
            lock.unlock();
        }
        due.sort(Comparator.comparingLong(e -> e.when)); // stable: deadline order first, as unseeded
        for (int from = 0; from < due.size(); ) { // then shuffle each run of one tick (Fisher-Yates)
            int to = from + 1;
            while (to < due.size() && due.get(to).when == due.get(from).when) {
                to++;
            }
            for (int i = to - 1; i > from; i--) {
                Collections.swap(due, i, from + fireOrder.nextInt(i - from + 1));
            }
            from = to;
        }
        RuntimeException failure = null;
        for (TimerEntry e : due) {
            failure = fire(e, failure);
        }
        if (failure != null) {
            throw failure;
        }
        return due.size();
    }

    /**
     * When {@link #processExpired} next has work: at or before the earliest registered
     * deadline (exactly its 1 ms tick when that is within 64 ms of the last processing; for
     * farther deadlines the start of the wheel slot that must be cascaded first). The runtime
     * parks until then. At or before now if entries are due.
     *
     * @return the time in nanoseconds on the clock, or {@link Long#MAX_VALUE} if nothing is
     *         registered
     */
    public long nextDeadline() {
        return nextDeadline;
    }

    /** @return how many entries are registered (waiting or due, not yet fired) */
    public int size() {
        lock.lock();
        try {
            return wheel.size();
        } finally {
            lock.unlock();
        }
    }

    Runnable earlierDeadlineAction() {
        return onEarlierDeadline;
    }

    /** Under the lock: copies the wheel's next expiration; returns whether it got earlier. */
    private boolean publishNextDeadline() {
        long tick = wheel.nextExpiration();
        long nanos = tick == Wheel.NEVER ? Long.MAX_VALUE : origin + tick * TICK_NANOS;
        long old = nextDeadline;
        if (nanos != old) {
            nextDeadline = nanos; // volatile write: read by nextDeadline()/processExpired()
        }
        return nanos < old;
    }

    /** The first tick at or after {@code deadline}, or {@link Wheel#NEVER}. */
    private long tickOf(long deadline) {
        if (deadline == Long.MAX_VALUE) {
            return Wheel.NEVER;
        }
        if (deadline <= origin) {
            return 0;
        }
        long delta = deadline - origin;
        if (delta < 0) {
            return Wheel.NEVER; // overflow: farther than a long of nanoseconds reaches
        }
        long tick = Math.ceilDiv(delta, TICK_NANOS);
        return tick > maxTick ? Wheel.NEVER : tick;
    }

    /** The last tick at or before {@code now}. */
    private long tickFloor(long now) {
        if (now <= origin) {
            return 0;
        }
        long delta = now - origin;
        return delta < 0 ? maxTick : Math.min(delta / TICK_NANOS, maxTick);
    }

    /** Fires {@code e}; a failure joins the earlier ones (the first, with the others suppressed). */
    private static RuntimeException fire(TimerEntry e, RuntimeException failure) {
        try {
            e.fire();
        } catch (RuntimeException ex) {
            if (failure == null) {
                return ex;
            }
            failure.addSuppressed(ex);
        }
        return failure;
    }
}
