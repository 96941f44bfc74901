package dev.weft.runtime.scheduler;

import dev.weft.io.reactor.Reactor;
import dev.weft.time.Clock;
import dev.weft.time.wheel.TimeDriver;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The time and I/O drivers of a multi-thread runtime, as its workers share them: no dedicated
 * timer or reactor thread. A worker about to park tries the driver lock; the holder parks until
 * the next deadline (in the reactor if I/O is enabled) and fires timers, the others park plainly.
 * A timer inserted with an earlier deadline unparks the holder. Busy workers fire due timers and
 * poll I/O every {@code eventInterval} ticks ({@link #maintenance()}). With a paused clock, the
 * holder advances the clock only when every worker is parked, every queue empty and no
 * coroutine runs ({@link #everythingIdle()}).
 */
final class WorkerDrivers {
    private final MultiThreadScheduler sched;
    private final TimeDriver time;
    private final Reactor io;
    private final Clock clock;
    private final ReentrantLock lock = new ReentrantLock();
    /**
     * The worker parked in the drivers, if any; unparked when a deadline moves earlier. Written
     * before the holder re-reads its sleeping flag, read by notifiers after they clear it.
     */
    private volatile Worker holder;

    /**
     * @param sched the scheduler whose workers share the drivers (for the idle check)
     * @param time the time driver, or null
     * @param io the I/O driver, or null
     */
    WorkerDrivers(MultiThreadScheduler sched, TimeDriver time, Reactor io) {
        this.sched = sched;
        this.time = time;
        this.io = io;
        this.clock = time == null ? null : time.clock();
        if (time != null) {
            time.onEarlierDeadline(this::unparkHolder);
        }
    }

    /** Wakes the worker parked in the drivers, if any. */
    void unparkHolder() {
        Worker d = holder;
        if (d != null) {
            d.unparkThread();
        }
    }

    /**
     * Wakes {@code w}'s thread: through the selector if it is the one parked in the drivers
     * (a plain unpark does not end a select), else with an unpark.
     */
    void unparkWorker(Worker w, Thread t) {
        if (io != null && holder == w) { // volatile read: pairs with parkWorker's write
            io.wakeup();
        }
        LockSupport.unpark(t);
    }

    /**
     * Busy workers fire due timers and poll I/O now and then, so a long run of tasks cannot
     * delay them.
     */
    void maintenance() {
        boolean timers = time != null && time.nextDeadline() <= clock.nanoTime();
        if ((timers || io != null) && lock.tryLock()) {
            try {
                if (io != null) {
                    io.turn(0);
                }
                if (time != null) {
                    time.processExpired();
                }
            } finally {
                lock.unlock();
            }
        }
    }

    /** Parks {@code w} once: in the drivers if it can take them, else plainly. */
    void parkWorker(Worker w) {
        if ((time == null && io == null) || !lock.tryLock()) {
            LockSupport.park(sched);
            return;
        }
        holder = w;
        try {
            if (w.sleeping && !sched.shuttingDown) { // volatile reads after the holder write above
                parkInDriver();
            }
            if (time != null) {
                time.processExpired();
            }
        } finally {
            holder = null;
            lock.unlock();
        }
    }

    private void parkInDriver() {
        long deadline = time == null ? Long.MAX_VALUE : time.nextDeadline();
        if (clock != null && clock.isPaused()) {
            if (io != null && io.turn(0) > 0) {
                return; // I/O woke tasks, or someone woke us: let them run, then look again
            }
            if (deadline != Long.MAX_VALUE && everythingIdle()) {
                // Re-read once idle: a task may have inserted an earlier timer (a timeout) between
                // the first read and its suspension; jumping to the old deadline skipped it.
                clock.advanceTo(time.nextDeadline()); // idle: jump to the next timer instead of waiting
            } else {
                parkFor(0);
            }
        } else if (deadline == Long.MAX_VALUE) {
            parkFor(0);
        } else {
            long wait = deadline - clock.nanoTime();
            if (wait > 0) {
                parkFor(wait);
            }
        }
    }

    private void parkFor(long nanos) {
        sched.parkInDrivers(io, nanos);
    }

    /**
     * Whether nothing can make progress without time moving. The reads are not one atomic
     * snapshot, and work moves while they happen: a queued task is popped by a worker woken for
     * it, a running task wakes a coroutine and its worker parks, a coroutine on the JDK's
     * scheduler queues a task and suspends. Every such move makes the new holder visible before
     * the old one disappears, so each pass reads the places in the order work leaves them
     * (coroutines and blocking work, then the queues, then the workers), and two quiet passes
     * with no task run in between (the workers' poll counts unchanged) are needed. One pass was
     * fooled: the clock jumped an hour while a worker ran the task that joined a finished
     * coroutine.
     */
    private boolean everythingIdle() {
        long polls = sched.totalPolls();
        return sched.quiet() && sched.quiet() && sched.totalPolls() == polls;
    }

    /** A worker parked: if it was the last one, the holder may advance the paused clock. */
    void onWorkerParked() {
        if (clock != null && clock.isPaused() && sched.idle.unparkedCount() == 0) {
            unparkHolder(); // the last worker parked: the driver may advance the paused clock
        }
    }

    /** No coroutine runs any more: the holder may advance the paused clock. */
    void onCoroutinesIdle() {
        if (clock != null && clock.isPaused()) {
            unparkHolder();
        }
    }
}
