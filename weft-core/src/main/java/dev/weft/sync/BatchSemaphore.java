package dev.weft.sync;

import dev.weft.future.Waker;
import dev.weft.future.internal.ShortLock;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * The machinery under {@link Semaphore}, {@link RwLock} and {@link OnceCell}: Tokio's batch
 * semaphore, a pool of permits with a FIFO of waiters that each need a number of them.
 *
 * <h2>Implementation notes</h2>
 *
 * <p><b>State.</b> One word, {@code state = permits << 2 | WAITERS | CLOSED}, read and CASed
 * without a lock; the waiter queue, {@code total} (permits in existence: initial + added −
 * forgotten, which bounds {@link #addPermits}) and every field of a queued {@link Waiter} are
 * guarded by {@code lock}, a {@link ShortLock} (not a monitor: see <b>The lock</b> below).
 *
 * <p><b>Invariants.</b> {@code WAITERS} is set exactly while the queue is not empty, and it is
 * set and cleared only under the lock. {@code WAITERS} implies {@code permits == 0}: released
 * permits go to the head waiter first, even partially (a waiter for 5 that got 3 keeps them and
 * needs 2 more); only what no waiter needs goes back into the word. That is the fairness rule: a
 * large acquire at the head is never starved by later small ones, which queue behind it.
 *
 * <p><b>Fast paths</b> (no lock): an acquire CASes permits out of the word when {@code WAITERS}
 * and {@code CLOSED} are clear and enough are there; a release CASes them back when
 * {@code WAITERS} is clear. Everything else (queueing, a release while somebody waits, close,
 * cancel, addPermits) takes the lock and changes the word by CAS too, since fast paths may race
 * with it while {@code WAITERS} is clear. While {@code WAITERS} is set no fast path changes the
 * word, so under the lock it is stable but for {@code CLOSED}, which only the lock sets.
 *
 * <p><b>Hand-over.</b> A releaser that completes a waiter's count removes it from the queue and
 * publishes {@code ASSIGNED} in the waiter's state with a release store; the waiting future
 * reads it with an acquire load, so it needs no lock to see that its permits are there.
 *
 * <p><b>Cancellation.</b> A cancelled waiter leaves the queue and releases what it was assigned
 * so far — partially or fully — through the normal release path, so those permits go on to the
 * next waiters or back into the word. Nothing is lost, nothing is counted twice.
 *
 * <p><b>Wake-ups</b> are collected under the lock and issued after it ({@link WaitQueue.WakeList}).
 *
 * <p><b>The lock</b> is a {@link ShortLock}, not a monitor: coroutines and poll-based tasks on
 * the workers both take it, and a coroutine that waits for a monitor unmounts and may be handed
 * it while queued, so a worker blocked on it would wait for a coroutine only that worker can run
 * (docs/design-notes.md). Sections are a few field updates; it is not reentrant.
 *
 * <p><b>Happens-before.</b> A fast release is a CAS on the word, which the acquire that takes
 * the permits reads with its own CAS; a slow release hands over through the lock (unlock is a
 * release store, lock a volatile CAS) and the waiter's release/acquire state. Either way a
 * release happens-before the acquire that receives its permits.
 */
final class BatchSemaphore {
    /** The largest number of permits a semaphore may hold in total. */
    static final int MAX_PERMITS = Integer.MAX_VALUE >>> 1;

    private static final long CLOSED = 1;
    private static final long WAITERS = 2;
    private static final int SHIFT = 2;

    private static final VarHandle STATE;

    static {
        try {
            STATE = MethodHandles.lookup().findVarHandle(BatchSemaphore.class, "state", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** {@code permits << SHIFT | WAITERS | CLOSED}; see the notes. */
    @SuppressWarnings("unused") // through STATE
    private volatile long state;
    /** Guards the queue, {@code total} and the queued waiters' fields; see the notes. */
    private final ShortLock lock = new ShortLock();
    private final WaitQueue<Waiter> waiters = new WaitQueue<>();
    private int total;
    /** The message of the exception a closed acquire fails with, naming the primitive. */
    final String closedMessage;

    BatchSemaphore(int permits, String closedMessage) {
        if (permits < 0 || permits > MAX_PERMITS) {
            throw new IllegalArgumentException("permits must be in [0, " + MAX_PERMITS + "], was " + permits);
        }
        this.state = (long) permits << SHIFT;
        this.total = permits;
        this.closedMessage = closedMessage;
    }

    static int checkCount(int n, String name) {
        if (n < 1 || n > MAX_PERMITS) {
            throw new IllegalArgumentException(name + " must be in [1, " + MAX_PERMITS + "], was " + n);
        }
        return n;
    }

    // ---- the word: accessors by memory mode ----

    long getVolatileState() {
        return (long) STATE.getVolatile(this); // volatile: pairs with every casState (fast paths and the lock's)
    }

    boolean casState(long expect, long update) {
        return STATE.compareAndSet(this, expect, update); // full fence: a release happens-before the acquire taking it
    }

    /** @return whether an acquire of {@code n} may take them from the word {@code s} without queueing */
    static boolean fastAcquirable(long s, int n) {
        return (s & (CLOSED | WAITERS)) == 0 && s >>> SHIFT >= n;
    }

    static long minus(long s, int n) {
        return s - ((long) n << SHIFT);
    }

    int availablePermits() {
        return (int) (getVolatileState() >>> SHIFT);
    }

    boolean isClosed() {
        return (getVolatileState() & CLOSED) != 0;
    }

    /**
     * @param n permits wanted
     * @return whether they were taken; false when not enough are free or others wait first
     * @throws SemaphoreClosedException if closed
     */
    boolean tryAcquire(int n) {
        for (;;) {
            long s = getVolatileState();
            if ((s & CLOSED) != 0) {
                throw new SemaphoreClosedException(closedMessage);
            }
            if (!fastAcquirable(s, n)) {
                return false;
            }
            if (casState(s, minus(s, n))) {
                return true;
            }
        }
    }

    /** Returns {@code n} permits that were handed out. */
    void release(int n) {
        for (;;) {
            long s = getVolatileState();
            if ((s & WAITERS) != 0) {
                break;
            }
            if (casState(s, s + ((long) n << SHIFT))) {
                return;
            }
        }
        WaitQueue.WakeList wake = new WaitQueue.WakeList();
        lock.lock();
        try {
            releaseLocked(n, wake);
        } finally {
            lock.unlock();
        }
        wake.wakeAll();
    }

    void addPermits(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("n must not be negative, was " + n);
        }
        if (n == 0) {
            return;
        }
        WaitQueue.WakeList wake = new WaitQueue.WakeList();
        lock.lock();
        try {
            if (n > MAX_PERMITS - total) {
                throw new IllegalArgumentException("n = " + n + " would make the semaphore hold more than "
                        + MAX_PERMITS + " permits (it holds " + total + ")");
            }
            total += n;
            releaseLocked(n, wake);
        } finally {
            lock.unlock();
        }
        wake.wakeAll();
    }

    /** Drops {@code n} handed-out permits for good. */
    void forget(int n) {
        lock.lock();
        try {
            total -= n;
        } finally {
            lock.unlock();
        }
    }

    /** Head first, partially if need be; the rest back into the word (under the lock). */
    private void releaseLocked(int n, WaitQueue.WakeList wake) {
        int left = n;
        Waiter head;
        while (left > 0 && (head = waiters.peekFirst()) != null) {
            int give = Math.min(left, head.needed);
            head.needed -= give;
            left -= give;
            if (head.needed == 0) {
                waiters.pollFirst();
                head.setReleaseState(Waiter.ASSIGNED);
                wake.take(head);
            }
        }
        if (waiters.isEmpty()) {
            queueEmptiedLocked(left);
        }
    }

    /** The queue is empty: clear WAITERS and put {@code left} permits into the word. */
    private void queueEmptiedLocked(int left) {
        for (;;) {
            long s = getVolatileState();
            if (casState(s, (s & ~WAITERS) + ((long) left << SHIFT))) {
                return;
            }
        }
    }

    /** Fails every waiter and every later acquire; permits held stay valid and may be released. */
    void close() {
        WaitQueue.WakeList wake = new WaitQueue.WakeList();
        lock.lock();
        try {
            long s;
            do {
                s = getVolatileState();
                if ((s & CLOSED) != 0) {
                    return;
                }
            } while (!casState(s, s | CLOSED));
            int back = 0;
            Waiter w;
            while ((w = waiters.pollFirst()) != null) {
                back += w.count - w.needed; // what it was assigned so far goes back
                w.setReleaseState(Waiter.CLOSED);
                wake.take(w);
            }
            if ((s & WAITERS) != 0) {
                queueEmptiedLocked(back);
            }
        } finally {
            lock.unlock();
        }
        wake.wakeAll();
    }

    /**
     * The slow path of an acquire's first poll: takes the permits if it can after all, or
     * queues a waiter with what is there so far.
     *
     * @return {@link Waiter#TAKEN} (the permits are the caller's), {@link Waiter#REFUSED} (closed),
     *         or a queued waiter
     */
    Waiter acquireSlow(int n, Waker waker) {
        lock.lock();
        try {
            for (;;) {
                long s = getVolatileState();
                if ((s & CLOSED) != 0) {
                    return Waiter.REFUSED;
                }
                if ((s & WAITERS) != 0) {
                    return enqueueLocked(new Waiter(n, n), waker); // permits are 0 while anybody waits
                }
                long free = s >>> SHIFT;
                if (free >= n) {
                    if (casState(s, minus(s, n))) {
                        return Waiter.TAKEN;
                    }
                } else if (casState(s, WAITERS)) { // takes every free permit, marks the queue
                    return enqueueLocked(new Waiter(n, n - (int) free), waker);
                }
            }
        } finally {
            lock.unlock();
        }
    }

    private Waiter enqueueLocked(Waiter w, Waker waker) {
        w.waker = waker;
        waiters.addLast(w);
        return w;
    }

    /** @return whether {@code w} still waits (and now holds {@code waker}, the newest) */
    boolean stillWaiting(Waiter w, Waker waker) {
        lock.lock();
        try {
            if (w.getAcquireState() != Waiter.WAITING) {
                return false;
            }
            w.waker = waker;
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** Runs {@code r} holding the lock: lets a test hold it while others contend. */
    void runLocked(Runnable r) {
        lock.lock();
        try {
            r.run();
        } finally {
            lock.unlock();
        }
    }

    /** Cancels {@code w}: leaves the queue and gives back what it was assigned. */
    void cancel(Waiter w) {
        WaitQueue.WakeList wake = new WaitQueue.WakeList();
        lock.lock();
        try {
            int giveBack = switch (w.getAcquireState()) {
                case Waiter.WAITING -> {
                    waiters.remove(w);
                    yield w.count - w.needed;
                }
                case Waiter.ASSIGNED -> w.count;
                default -> 0;
            };
            w.setReleaseState(Waiter.CANCELLED);
            w.waker = null;
            if (giveBack > 0) {
                releaseLocked(giveBack, wake);
            } else if (waiters.isEmpty() && (getVolatileState() & WAITERS) != 0) {
                queueEmptiedLocked(0);
            }
        } finally {
            lock.unlock();
        }
        wake.wakeAll();
    }

    /**
     * A queued acquire of {@code count} permits. {@code needed} and the waker are guarded by
     * the semaphore's lock; {@code state} is written under it (release) and read by the
     * waiting future without it (acquire).
     */
    static final class Waiter extends WaitQueue.Node {
        static final int WAITING = 0;
        static final int ASSIGNED = 1;
        static final int CLOSED = 2;
        static final int CANCELLED = 3;

        /** Not a queue entry: the slow path took the permits at once. */
        static final Waiter TAKEN = new Waiter(0, 0);
        /** Not a queue entry: the semaphore was closed. */
        static final Waiter REFUSED = new Waiter(0, 0);

        private static final VarHandle W_STATE;

        static {
            try {
                W_STATE = MethodHandles.lookup().findVarHandle(Waiter.class, "state", int.class);
            } catch (ReflectiveOperationException e) {
                throw new ExceptionInInitializerError(e);
            }
        }

        final int count;
        int needed;
        @SuppressWarnings("unused") // through W_STATE
        private int state = WAITING;

        Waiter(int count, int needed) {
            this.count = count;
            this.needed = needed;
        }

        int getAcquireState() {
            return (int) W_STATE.getAcquire(this); // acquire: pairs with setReleaseState; ASSIGNED brings the permits
        }

        /** Under the semaphore's lock. */
        void setReleaseState(int s) {
            W_STATE.setRelease(this, s); // release: pairs with getAcquireState, read without the lock
        }
    }
}
