package dev.weft.sync;

import dev.weft.future.Context;
import dev.weft.future.Future;
import dev.weft.future.Poll;
import dev.weft.runtime.internal.Coop;

/**
 * The machinery under {@link Semaphore}, {@link Mutex} and {@link RwLock}: Tokio's batch
 * semaphore, a pool of permits with a FIFO of waiters that each need a number of them.
 *
 * <h2>Implementation notes</h2>
 *
 * <p><b>State.</b> {@code permits} available now, {@code total} permits in existence (initial +
 * added − forgotten; bounds {@link #addPermits}), {@code closed}, and the waiter queue. All of it,
 * and every field of a queued {@link Acquire}, is guarded by {@code synchronized (this)}.
 *
 * <p><b>Invariant: if the queue is not empty, {@code permits == 0}.</b> Released permits go to
 * the head waiter first, even partially (a waiter for 5 that got 3 keeps them and needs 2
 * more); only what no waiter needs stays in the pool. A new acquire takes from the pool only
 * when nobody waits. That is the fairness rule: a large acquire at the head is never starved by
 * later small ones, because they queue behind it.
 *
 * <p><b>Cancellation.</b> A cancelled waiter leaves the queue and releases what it was assigned
 * so far — partially or fully — through the normal release path, so those permits go on to the
 * next waiters or back into the pool. Nothing is lost, nothing is counted twice.
 *
 * <p><b>Wake-ups</b> are collected under the lock and issued after it ({@link WaitQueue.WakeList}).
 *
 * <p><b>Happens-before.</b> Every release and every acquire passes through the monitor, so a
 * release happens-before the acquire that receives its permits.
 */
final class BatchSemaphore {
    /** The largest number of permits a semaphore may hold in total. */
    static final int MAX_PERMITS = Integer.MAX_VALUE >>> 1;

    private final WaitQueue<Acquire<?>> waiters = new WaitQueue<>();
    private int permits;
    private int total;
    private boolean closed;
    /** The message of the exception a closed acquire fails with, naming the primitive. */
    private final String closedMessage;

    BatchSemaphore(int permits, String closedMessage) {
        if (permits < 0 || permits > MAX_PERMITS) {
            throw new IllegalArgumentException("permits must be in [0, " + MAX_PERMITS + "], was " + permits);
        }
        this.permits = permits;
        this.total = permits;
        this.closedMessage = closedMessage;
    }

    static int checkCount(int n, String name) {
        if (n < 1 || n > MAX_PERMITS) {
            throw new IllegalArgumentException(name + " must be in [1, " + MAX_PERMITS + "], was " + n);
        }
        return n;
    }

    synchronized int availablePermits() {
        return permits;
    }

    synchronized boolean isClosed() {
        return closed;
    }

    /**
     * @param n permits wanted
     * @return whether they were taken; false when not enough are free or others wait first
     * @throws SemaphoreClosedException if closed
     */
    synchronized boolean tryAcquire(int n) {
        if (closed) {
            throw new SemaphoreClosedException(closedMessage);
        }
        if (!waiters.isEmpty() || permits < n) {
            return false;
        }
        permits -= n;
        return true;
    }

    void addPermits(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("n must not be negative, was " + n);
        }
        if (n == 0) {
            return;
        }
        WaitQueue.WakeList wake = new WaitQueue.WakeList();
        synchronized (this) {
            if (n > MAX_PERMITS - total) {
                throw new IllegalArgumentException("n = " + n + " would make the semaphore hold more than "
                        + MAX_PERMITS + " permits (it holds " + total + ")");
            }
            total += n;
            releaseLocked(n, wake);
        }
        wake.wakeAll();
    }

    /** Returns {@code n} permits that were handed out. */
    void release(int n) {
        WaitQueue.WakeList wake = new WaitQueue.WakeList();
        synchronized (this) {
            releaseLocked(n, wake);
        }
        wake.wakeAll();
    }

    /** Drops {@code n} handed-out permits for good. */
    synchronized void forget(int n) {
        total -= n;
    }

    /** Head first, partially if need be; the rest back into the pool. */
    private void releaseLocked(int n, WaitQueue.WakeList wake) {
        int left = n;
        Acquire<?> head;
        while (left > 0 && (head = waiters.peekFirst()) != null) {
            int give = Math.min(left, head.needed);
            head.needed -= give;
            left -= give;
            if (head.needed == 0) {
                waiters.pollFirst();
                head.state = Acquire.ASSIGNED;
                wake.take(head);
            }
        }
        permits += left;
    }

    /** Fails every waiter and every later acquire; permits held stay valid and may be released. */
    void close() {
        WaitQueue.WakeList wake = new WaitQueue.WakeList();
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            Acquire<?> w;
            while ((w = waiters.pollFirst()) != null) {
                permits += w.count - w.needed; // what it was assigned so far goes back
                w.state = Acquire.CLOSED;
                wake.take(w);
            }
        }
        wake.wakeAll();
    }

    /**
     * A waiting acquire of {@code count} permits: the queue node is the future itself, so one
     * acquire allocates this object and the value {@link #acquired()} makes.
     *
     * @param <T> what a successful acquire yields (a permit, a guard)
     */
    abstract static class Acquire<T> extends WaitQueue.Node implements Future<T> {
        static final int INIT = 0;
        static final int WAITING = 1;
        static final int ASSIGNED = 2;
        static final int CLOSED = 3;
        static final int DONE = 4;
        static final int CANCELLED = 5;

        final BatchSemaphore sem;
        final int count;
        /** Guarded by {@code sem}: permits still missing while WAITING. */
        int needed;
        /** Guarded by {@code sem}. */
        int state = INIT;

        Acquire(BatchSemaphore sem, int count) {
            this.sem = sem;
            this.count = count;
        }

        /** Makes the value once the permits are ours; runs outside the lock. */
        abstract T acquired();

        @Override
        public final Poll<T> poll(Context cx) {
            if (!Coop.proceed(cx)) {
                return Poll.pending(); // budget spent: the task is re-woken, the assignment keeps
            }
            synchronized (sem) {
                switch (state) {
                    case INIT -> {
                        if (sem.closed) {
                            state = DONE;
                            return Poll.failed(new SemaphoreClosedException(sem.closedMessage));
                        }
                        if (sem.waiters.isEmpty()) {
                            int take = Math.min(sem.permits, count);
                            sem.permits -= take;
                            needed = count - take;
                        } else {
                            needed = count;
                        }
                        if (needed > 0) {
                            waker = cx.waker();
                            sem.waiters.addLast(this);
                            state = WAITING;
                            return Poll.pending();
                        }
                    }
                    case WAITING -> {
                        waker = cx.waker();
                        return Poll.pending();
                    }
                    case ASSIGNED -> { }
                    case CLOSED -> {
                        state = DONE;
                        return Poll.failed(new SemaphoreClosedException(sem.closedMessage));
                    }
                    default -> throw new IllegalStateException("acquire polled after it completed or was cancelled");
                }
                state = DONE;
            }
            return Poll.ready(acquired());
        }

        /**
         * Leaves the queue; permits assigned so far (some, or all if it was about to complete)
         * go on to the next waiters or back into the pool.
         */
        @Override
        public final void cancel() {
            WaitQueue.WakeList wake = new WaitQueue.WakeList();
            synchronized (sem) {
                int giveBack = switch (state) {
                    case WAITING -> {
                        sem.waiters.remove(this);
                        yield count - needed;
                    }
                    case ASSIGNED -> count;
                    default -> 0;
                };
                if (state != DONE) {
                    state = CANCELLED;
                }
                waker = null;
                if (giveBack > 0) {
                    sem.releaseLocked(giveBack, wake);
                }
            }
            wake.wakeAll();
        }
    }
}
