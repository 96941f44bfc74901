package dev.weft.runtime.scheduler;

import dev.weft.future.internal.ShortLock;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Which workers are parked and how many are searching for work (Tokio's {@code idle.rs}).
 *
 * <p>Implementation notes. {@code state} packs the number of searching workers (high 16 bits)
 * and of unparked workers (low 16 bits). The sleeper stack and each worker's {@code sleeping}
 * flag change only under {@code lock}; a worker is on the stack iff its flag is set.
 * <ul>
 * <li><b>Notify.</b> New work is published (queue push, a volatile/CAS write) before
 *     {@link #notifyOne} reads {@code state}; a worker that parks registers itself under the lock
 *     and then re-checks every queue. Both sides go through sequentially consistent accesses
 *     (the CAS/lock on one side, the volatile read on the other), so either the notifier sees
 *     the parker as a sleeper, or the parker sees the work.</li>
 * <li><b>Searching cap.</b> At most half the workers search at once
 *     ({@link #tryStartSearching}); a notified worker starts as searching, so a burst of pushes
 *     wakes one worker at a time instead of all.</li>
 * <li><b>Count, then flag.</b> A notifier updates {@code state} before it clears the woken
 *     worker's {@code sleeping} flag: the worker reads the flag without the lock whenever its
 *     park returns (spuriously too) and then acts on the counts at once.</li>
 * <li><b>Last searcher.</b> The worker whose stop makes the searching count zero returns
 *     {@code true} from {@link #stopSearching} / {@link #park}: it must check the queues once
 *     more and notify if work appeared, since notifiers skip waking while someone searches.</li>
 * </ul>
 */
final class Idle {
    private static final int UNPARKED_MASK = 0xFFFF;
    private static final int SEARCHING_ONE = 1 << 16;

    private final AtomicInteger state;
    private final int workers;
    /** A spin lock, not a monitor: coroutines notify workers too (see {@link ShortLock}). */
    private final ShortLock lock = new ShortLock();
    private final int[] sleepers;
    private int sleeperCount;

    Idle(int workers) {
        this.workers = workers;
        this.state = new AtomicInteger(workers); // all unparked, none searching
        this.sleepers = new int[workers];
    }

    private static int searching(int s) {
        return s >>> 16;
    }

    private static int unparked(int s) {
        return s & UNPARKED_MASK;
    }

    /** @return whether a sleeper should be woken: nobody searches and someone sleeps */
    private boolean shouldNotify() {
        int s = state.get(); // volatile read: after the caller's publication of work
        return searching(s) == 0 && unparked(s) < workers;
    }

    /**
     * Wakes one parked worker, as searching, if nobody is searching.
     *
     * @return the index of the worker to unpark, or -1
     */
    int notifyOne(Worker[] all) {
        if (!shouldNotify()) {
            return -1;
        }
        int w;
        lock.lock();
        try {
            if (!shouldNotify() || sleeperCount == 0) {
                return -1;
            }
            w = sleepers[--sleeperCount];
            // Count it first: the worker reads its flag without the lock, at any return from its
            // park, and then may stop searching at once. Flag first let that stop come before the
            // count (searching went below zero: every later notify was skipped, a hang).
            state.addAndGet(SEARCHING_ONE + 1); // the woken worker is unparked and searching
            all[w].sleeping = false; // volatile write, after the count: pairs with Worker.park's read
        } finally {
            lock.unlock();
        }
        all[w].unparkThread();
        return w;
    }

    /**
     * Wakes {@code target} if it sleeps: a task bound to it was queued on its remote queue. The
     * caller published the task first; {@code target} re-checks that queue after it registered as
     * parked, so one of the two sees the other. Counted as searching, like any woken worker.
     */
    void wakeWorker(Worker target, Worker[] all) {
        if (!target.sleeping) { // volatile read after the caller's publication
            return;
        }
        lock.lock();
        try {
            if (!target.sleeping) {
                return;
            }
            for (int i = 0; i < sleeperCount; i++) {
                if (sleepers[i] == target.index) {
                    sleepers[i] = sleepers[--sleeperCount];
                    break;
                }
            }
            state.addAndGet(SEARCHING_ONE + 1); // count first, then the flag: see notifyOne
            target.sleeping = false;
        } finally {
            lock.unlock();
        }
        target.unparkThread();
    }

    /** Wakes every parked worker (shutdown). */
    void notifyAll(Worker[] all) {
        lock.lock();
        try {
            while (sleeperCount > 0) {
                int w = sleepers[--sleeperCount];
                state.addAndGet(1); // before the flag, as in notifyOne
                all[w].sleeping = false;
            }
        } finally {
            lock.unlock();
        }
        for (Worker w : all) {
            w.unparkThread();
        }
    }

    /** @return true if the caller may search (fewer than half the workers do) */
    boolean tryStartSearching() {
        for (;;) {
            int s = state.get();
            if (2 * searching(s) >= workers) {
                return false;
            }
            if (state.compareAndSet(s, s + SEARCHING_ONE)) {
                return true;
            }
        }
    }

    /** @return true if the caller was the last searching worker */
    boolean stopSearching() {
        int prev = state.getAndAdd(-SEARCHING_ONE);
        return searching(prev) == 1;
    }

    /**
     * Registers {@code w} as parked.
     *
     * @return true if it was the last searching worker (it must re-check the queues)
     */
    boolean park(Worker w, boolean wasSearching) {
        lock.lock();
        try {
            int delta = -1 - (wasSearching ? SEARCHING_ONE : 0);
            int prev = state.getAndAdd(delta);
            sleepers[sleeperCount++] = w.index;
            w.sleeping = true;
            return wasSearching && searching(prev) == 1;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Takes {@code w} off the sleeper stack by itself (it found work without being notified).
     *
     * @return false if a notifier had already taken it off (it is then counted as searching)
     */
    boolean unparkSelf(Worker w) {
        lock.lock();
        try {
            if (!w.sleeping) {
                return false;
            }
            for (int i = 0; i < sleeperCount; i++) {
                if (sleepers[i] == w.index) {
                    sleepers[i] = sleepers[--sleeperCount];
                    break;
                }
            }
            w.sleeping = false;
            state.addAndGet(1);
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** @return how many workers are not parked */
    int unparkedCount() {
        return unparked(state.get());
    }

    /** @return how many workers are searching */
    int searchingCount() {
        return searching(state.get());
    }
}
