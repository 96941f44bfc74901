package dev.weft.sync;

import dev.weft.future.Context;
import dev.weft.future.Poll;
import dev.weft.future.UncheckedFuture;
import dev.weft.future.internal.Await;
import dev.weft.future.internal.ShortLock;
import dev.weft.future.internal.Coop;

/**
 * Wakes waiting tasks without passing data: Tokio's {@code Notify}. {@link #notifyOne()} wakes
 * the longest-waiting {@link #notified()} future, or, if none waits, stores a single permit that
 * the next {@code notified()} consumes at once (several calls store one permit, not several).
 * {@link #notifyWaiters()} wakes every waiter and stores nothing.
 *
 * <p><b>Fairness:</b> {@code notifyOne} serves waiters in FIFO order of their first poll.
 *
 * <p><b>Memory effects:</b> a {@code notifyOne}/{@code notifyWaiters} call happens-before the
 * completion of every {@code notified()} it completes.
 *
 * <p><b>Threads:</b> every method may be called from any thread.
 *
 * <h2>Implementation notes</h2>
 * A FIFO {@link WaitQueue} of {@link Notified} futures, a stored-permit flag, and an epoch that
 * counts {@code notifyWaiters} calls, all guarded by {@code lock}. A {@code Notified}
 * remembers the epoch when it was created, so a {@code notifyWaiters} between its creation and
 * its first poll still completes it (Tokio's guarantee, which makes "create, check a condition,
 * await" race-free). The epoch is also written volatile so {@code notified()} reads it without
 * the lock. The lock is a {@link ShortLock}, not a monitor: coroutines and poll-based tasks on
 * the workers both take it, and a coroutine that waits for a monitor unmounts and may be handed
 * it while queued, so a worker blocked on it could wait forever (docs/design-notes.md). Its
 * sections are a few field updates; wakers are called after it.
 *
 * {@snippet :
 * Notify dataReady = new Notify();
 * // consumer
 * while (true) {
 *     Notify.Notified n = dataReady.notified();   // created before checking: no lost wake-up
 *     if (queue.poll() instanceof Item item) { handle(item); continue; }
 *     n.await();
 * }
 * // producer
 * queue.add(item);
 * dataReady.notifyOne();
 * }
 */
public final class Notify {
    /** Guards the queue, {@code permit} and the queued futures' state; see the notes. */
    private final ShortLock lock = new ShortLock();
    private final WaitQueue<Notified> waiters = new WaitQueue<>();
    /** Guarded by {@code lock}. */
    private boolean permit;
    /** Written under the lock; read without it by {@link #notified()} (volatile pairs with that read). */
    private volatile int epoch;

    /** A notify with no stored permit. */
    public Notify() {
    }

    /**
     * A future that completes when this is notified: by a {@link #notifyOne()} that picks it
     * (or a permit stored before it first polled), or by any {@link #notifyWaiters()} after this
     * call — even one that comes before its first poll.
     *
     * <p><b>Cancel safety:</b> safe. A cancelled {@code notified()} that had already been picked
     * by {@code notifyOne} passes the notification on: to the next waiter, or as the stored
     * permit. A {@code notifyWaiters} notification is not passed on (it reached everybody).
     *
     * @return a lazy future; it joins the queue when first polled
     */
    public Notified notified() {
        return new Notified(this, epoch);
    }

    /** Wakes the longest waiter; if nobody waits, stores one permit for the next {@code notified()}. */
    public void notifyOne() {
        WaitQueue.WakeList wake = new WaitQueue.WakeList();
        lock.lock();
        try {
            notifyOneLocked(wake);
        } finally {
            lock.unlock();
        }
        wake.wakeAll();
    }

    private void notifyOneLocked(WaitQueue.WakeList wake) {
        Notified head = waiters.pollFirst();
        if (head == null) {
            permit = true;
        } else {
            head.state = Notified.NOTIFIED_ONE;
            wake.take(head);
        }
    }

    /** Wakes every waiter (and every {@code notified()} created so far); stores no permit. */
    public void notifyWaiters() {
        WaitQueue.WakeList wake = new WaitQueue.WakeList();
        lock.lock();
        try {
            epoch = epoch + 1; // volatile write under the lock: read by notified() without it
            Notified n;
            while ((n = waiters.pollFirst()) != null) {
                n.state = Notified.NOTIFIED_ALL;
                wake.take(n);
            }
        } finally {
            lock.unlock();
        }
        wake.wakeAll();
    }

    @Override
    public String toString() {
        lock.lock();
        try {
            return "Notify[waiters=" + waiters.size() + (permit ? ", permit]" : "]");
        } finally {
            lock.unlock();
        }
    }

    /** A wait for a notification; see {@link Notify#notified()}. It is the queue entry itself. */
    public static final class Notified extends WaitQueue.Node implements UncheckedFuture<Void> {
        static final int INIT = 0;
        static final int WAITING = 1;
        static final int NOTIFIED_ONE = 2;
        static final int NOTIFIED_ALL = 3;
        static final int DONE = 4;
        static final int CANCELLED = 5;

        private final Notify notify;
        private final int epoch;
        /**
         * Guarded by {@code notify.lock} while INIT or WAITING; once NOTIFIED the future is
         * out of the queue and only its owner moves it on (to DONE, or CANCELLED).
         */
        int state = INIT;

        Notified(Notify notify, int epoch) {
            this.notify = notify;
            this.epoch = epoch;
        }

        @Override
        public Poll<Void> poll(Context cx) {
            notify.lock.lock();
            try {
                switch (state) {
                    case INIT -> {
                        if (notify.epoch != epoch) {
                            state = NOTIFIED_ALL;
                        } else if (notify.permit) {
                            notify.permit = false;
                            state = NOTIFIED_ONE; // the permit is ours now: a cancel passes it on
                        } else {
                            waker = cx.waker();
                            notify.waiters.addLast(this);
                            state = WAITING;
                            return Poll.pending();
                        }
                    }
                    case WAITING -> {
                        waker = cx.waker();
                        return Poll.pending();
                    }
                    case NOTIFIED_ONE, NOTIFIED_ALL -> { }
                    default -> throw new IllegalStateException("notified() polled after it completed or was cancelled");
                }
            } finally {
                notify.lock.unlock();
            }
            // Notified, and out of the queue: only this future's owner touches the state now.
            if (!Coop.proceed(cx)) {
                return Poll.pending(); // budget spent: re-woken; the notification stays ours
            }
            state = DONE;
            return Poll.ready(null);
        }

        /** Leaves the queue; a {@code notifyOne} it had received goes on (see {@link Notify#notified()}). */
        @Override
        public void cancel() {
            WaitQueue.WakeList wake = new WaitQueue.WakeList();
            notify.lock.lock();
            try {
                if (state == WAITING) {
                    notify.waiters.remove(this);
                } else if (state == NOTIFIED_ONE) {
                    notify.notifyOneLocked(wake);
                }
                if (state != DONE) {
                    state = CANCELLED;
                }
                waker = null;
            } finally {
                notify.lock.unlock();
            }
            wake.wakeAll();
        }

        /**
         * Waits for the notification. Call from a coroutine or a plain thread, not from a worker
         * that polls a task. <b>Cancel safety:</b> safe (see {@link Notify#notified()}).
         *
         * @return {@code null}
         */
        @Override
        public Void await() {
            return Await.await(this);
        }
    }
}
