package dev.weft.sync;

import dev.weft.future.Context;
import dev.weft.future.Poll;
import dev.weft.future.internal.ShortLock;
import dev.weft.future.internal.Coop;

/**
 * The senders of a bounded {@link MpscChannel} that wait for a slot, in FIFO order, and the
 * send and reserve futures' polling.
 *
 * <p><b>Implementation notes.</b> The list, each queued {@link SlotWaiter}'s fields but
 * {@code phase}, and the channel word's {@code WAITERS} flag are changed under {@code lock}; the
 * channel sets {@code CLOSED} under it too, so waiting senders fail exactly once. While
 * {@code WAITERS} is set no new send takes a slot. A slot freed by the
 * receiver or by a returned permit is granted to the head waiter by reserving it in the word
 * ({@code reserved + 1}); the waiter, polled, turns the reservation into a claim. {@code
 * sendersWait} mirrors {@code WAITERS} for the receiver on a line producers do not write per
 * message; setting it, then the flag in the word (a full fence), then reading the consumer's
 * {@code head} pairs with the receiver's volatile store of {@code head} and then read of
 * {@code sendersWait} (Dekker), so a slot freed meanwhile is granted by one of the two.
 * The lock is a {@link ShortLock}, not a monitor: coroutines and poll-based tasks on the workers
 * both take it, and a coroutine that waits for a monitor unmounts and may be handed it while
 * queued, so a worker blocked on it could wait forever (docs/design-notes.md). Its sections are
 * a few field updates and CASes on the word; wakers are called after it.
 *
 * @param <T> the type of the messages
 */
final class MpscSendWaiters<T> {
    private final MpscChannel<T> chan;
    /** Guards the list and the queued waiters' fields; see the notes. */
    private final ShortLock lock = new ShortLock();
    /** Guarded by {@code lock}. */
    private final WaitQueue<SlotWaiter> sendWaiters = new WaitQueue<>();
    /** Mirrors WAITERS for the receiver; written under the lock. */
    private volatile boolean sendersWait;

    MpscSendWaiters(MpscChannel<T> chan) {
        this.chan = chan;
    }

    /** A send or reserve; its fields but {@code phase} are guarded by the waiter list's lock. */
    static final class SlotWaiter extends WaitQueue.Node {
        static final int INIT = 0;
        static final int QUEUED = 1;
        static final int DONE = 2;
        /** Owner only. QUEUED: in the list, or granted a reserved slot (then out of it). */
        int phase = INIT;
        /** A slot was reserved for this waiter in the channel's word (by itself, or by a releaser). */
        boolean granted;
    }

    /**
     * Polls a send ({@code value != null}) or a reserve ({@code value == null}).
     *
     * @return ready(null) when sent or reserved (a reserve then owns a permit, counted as a
     *         handle), a {@link ChannelClosedException} failure, or pending
     */
    Poll<Void> pollSend(SlotWaiter w, T value, Context cx) {
        if (w.phase == SlotWaiter.DONE) {
            throw new IllegalStateException("mpsc send/reserve polled after it completed");
        }
        if (w.phase == SlotWaiter.INIT) {
            TrySend first = tryFirst(value, cx);
            if (first == null) {
                return Poll.pending(); // the budget is spent: the task was woken to yield
            }
            if (first == TrySend.SENT) {
                return sent(w, value);
            }
            if (first == TrySend.CLOSED) {
                w.phase = SlotWaiter.DONE;
                return Poll.failed(chan.closedError());
            }
            w.phase = SlotWaiter.QUEUED;
            switch (waitForSlot(w, cx)) {
                case QUEUED_NOW -> {
                    return Poll.pending();
                }
                case CLOSED_NOW -> {
                    w.phase = SlotWaiter.DONE;
                    return Poll.failed(chan.closedError());
                }
                default -> { } // reserved: send below
            }
        } else {
            boolean closed = false;
            lock.lock();
            try {
                if (!w.granted) {
                    if ((chan.getVolatileTx() & MpscChannel.CLOSED) == 0) {
                        w.waker = cx.waker(); // the newest waker is the one woken
                        return Poll.pending();
                    }
                    w.phase = SlotWaiter.DONE;
                    closed = true;
                }
            } finally {
                lock.unlock();
            }
            if (closed) {
                return Poll.failed(chan.closedError()); // the exception is made outside the lock
            }
        }
        // A slot is reserved for us, and out of the list nobody else touches w.
        if (!Coop.proceed(cx)) {
            return Poll.pending(); // the reservation is kept for the next poll
        }
        w.granted = false;
        if (value == null || chan.permitSend(value)) {
            return sent(w, value);
        }
        w.phase = SlotWaiter.DONE;
        return Poll.failed(chan.closedError());
    }

    /**
     * The first poll's fast path, without a waiter: a send ({@code value != null}) or a reserve
     * into a slot that is free now, the budget asked only when one looks free. Also taken by
     * {@code SendFuture.await()} before it publishes anything.
     *
     * @return {@link TrySend#SENT} (sent or reserved; a reserve's permit is for the caller to
     *     count), {@link TrySend#CLOSED}, {@link TrySend#FULL} (no free slot, or senders wait:
     *     queue), or null if the budget is spent (the task was woken to yield: answer pending)
     */
    TrySend tryFirst(T value, Context cx) {
        long s = chan.getVolatileTx();
        if ((s & MpscChannel.CLOSED) != 0) {
            return TrySend.CLOSED;
        }
        if ((s & MpscChannel.WAITERS) != 0 || !chan.room(s)) {
            return TrySend.FULL;
        }
        if (!Coop.proceed(cx)) { // looks free: ask the budget before taking
            return null;
        }
        if (value == null) {
            return chan.reserveFast() ? TrySend.SENT : TrySend.FULL;
        }
        return chan.trySend(value);
    }

    private Poll<Void> sent(SlotWaiter w, T value) {
        w.phase = SlotWaiter.DONE;
        if (value == null) {
            chan.addSender(); // the permit keeps the channel open like a handle
        }
        return Poll.ready(null);
    }

    private static final int RESERVED_NOW = 0;
    private static final int QUEUED_NOW = 1;
    private static final int CLOSED_NOW = 2;

    /** Under the lock: reserves a slot for {@code w} at once, or queues it. */
    private int waitForSlot(SlotWaiter w, Context cx) {
        WaitQueue.WakeList wake = new WaitQueue.WakeList();
        lock.lock();
        try {
            for (;;) {
                long s = chan.getVolatileTx();
                if ((s & MpscChannel.CLOSED) != 0) {
                    return CLOSED_NOW;
                }
                if ((s & MpscChannel.WAITERS) == 0 && chan.room(s)) {
                    if (chan.casTx(s, s + (chan.bounded ? MpscChannel.RES_ONE : 0))) {
                        w.granted = true;
                        break;
                    }
                } else if ((s & MpscChannel.WAITERS) != 0 || setWaiters(s)) {
                    w.waker = cx.waker();
                    sendWaiters.addLast(w);
                    grantLocked(wake); // the receiver may have made room before it saw WAITERS
                    break;
                }
            }
        } finally {
            lock.unlock();
        }
        wake.wakeAll();
        return w.granted ? RESERVED_NOW : QUEUED_NOW;
    }

    /** Under the lock: marks that senders wait (the flag, then the word; see the notes). */
    private boolean setWaiters(long s) {
        sendersWait = true;
        if (chan.casTx(s, s | MpscChannel.WAITERS)) {
            return true;
        }
        sendersWait = (chan.getVolatileTx() & MpscChannel.WAITERS) != 0;
        return false;
    }

    /** If senders wait, grants them the free slots (a freed slot, a returned permit). */
    void grantWaiters() {
        if (!sendersWait) { // volatile: after the consumer's store of head (Dekker with setWaiters)
            return;
        }
        WaitQueue.WakeList wake = new WaitQueue.WakeList();
        lock.lock();
        try {
            grantLocked(wake);
        } finally {
            lock.unlock();
        }
        wake.wakeAll();
    }

    /** Reserves a slot for each head waiter while there is room; clears WAITERS once nobody waits. */
    private void grantLocked(WaitQueue.WakeList wake) {
        for (;;) {
            long s = chan.getVolatileTx();
            SlotWaiter head = sendWaiters.peekFirst();
            if ((s & MpscChannel.CLOSED) != 0) {
                return;
            }
            if (head == null) {
                if ((s & MpscChannel.WAITERS) == 0 || chan.casTx(s, s & ~MpscChannel.WAITERS)) {
                    sendersWait = false;
                    return;
                }
            } else if (!chan.room(s)) {
                return;
            } else if (chan.casTx(s, s + MpscChannel.RES_ONE)) {
                sendWaiters.pollFirst();
                head.granted = true;
                wake.take(head);
            }
        }
    }

    /** Cancels a send or reserve: leaves the queue, and gives back a slot granted to it. */
    void cancelSend(SlotWaiter w) {
        boolean release;
        WaitQueue.WakeList wake = null; // made only for a queued waiter: a send that never waited cancels for free
        lock.lock();
        try {
            if (w.phase != SlotWaiter.QUEUED) {
                w.phase = SlotWaiter.DONE;
                return;
            }
            w.phase = SlotWaiter.DONE;
            sendWaiters.remove(w);
            release = w.granted;
            w.granted = false;
            w.waker = null;
            if (!release) {
                // Clears WAITERS if it was the last; if there is room (the receiver freed a slot
                // and has not granted it yet), grants the waiters behind it, who must then be
                // woken: a waker dropped here hung a sender with its slot reserved
                // (SeededCancellationTest.mpscSendCancelledLosesNoMessage).
                wake = new WaitQueue.WakeList();
                grantLocked(wake);
            }
        } finally {
            lock.unlock();
        }
        if (wake != null) {
            wake.wakeAll();
        }
        if (release) {
            chan.permitRelease();
        }
    }

    /**
     * Closes the channel's word (under the lock, so no sender queues after) and fails every
     * waiting sender: they are woken and fail when polled.
     *
     * @return whether this call closed it
     */
    boolean close() {
        WaitQueue.WakeList waiting = new WaitQueue.WakeList();
        lock.lock();
        try {
            long s;
            do {
                s = chan.getVolatileTx();
                if ((s & MpscChannel.CLOSED) != 0) {
                    return false;
                }
            } while (!chan.casTx(s, (s | MpscChannel.CLOSED) & ~MpscChannel.WAITERS));
            sendersWait = false;
            sendWaiters.drainTo(waiting);
        } finally {
            lock.unlock();
        }
        waiting.wakeAll();
        return true;
    }
}
