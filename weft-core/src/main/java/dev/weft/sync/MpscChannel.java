package dev.weft.sync;

import dev.weft.future.Context;
import dev.weft.future.Poll;
import dev.weft.future.Stream;
import dev.weft.future.Waker;
import dev.weft.runtime.internal.Coop;

/**
 * The shared state of one {@link Mpsc} channel.
 *
 * <p><b>Implementation notes.</b> Everything is guarded by this object's monitor: correctness
 * first (Tokio's bounded channel is a semaphore plus a lock-free block list; that can come
 * later, behind the same API). A lock also gives the memory effects for free: a send
 * happens-before the receive that returns its message.
 *
 * <p><b>Slots.</b> A bounded channel has {@code capacity} slots; {@code ring.size() + reserved}
 * of them are in use, where {@code reserved} counts slots held by a {@link Mpsc.Permit} or
 * granted to a waiting sender that has not yet been polled. Invariant: if a sender waits, the
 * channel is full ({@code ring.size() + reserved == capacity}). A freed slot is handed straight
 * to the first waiting sender ({@link #freeSlot}), which makes waiting senders FIFO and keeps a
 * later {@code trySend} from jumping the queue. A waiter cancelled after it was granted a slot
 * frees it again, so a cancelled send loses no capacity. An unbounded channel is one whose
 * capacity is {@link Integer#MAX_VALUE}.
 *
 * <p><b>Closing.</b> The channel is closed for sending when the receiver closed or every
 * sender handle was closed; pending sends are then woken and fail. The receiver sees the end
 * once the ring is empty and nothing can add to it any more (no sender, no live permit).
 */
final class MpscChannel<T> {
    final int capacity;
    private final ChannelRing ring;
    private int reserved;
    private int livePermits;
    private int senders = 1;
    private boolean receiverClosed;
    private Waker receiverWaker;
    private final ChannelWaiters sendWaiters = new ChannelWaiters();

    MpscChannel(int capacity) {
        this.capacity = capacity;
        this.ring = new ChannelRing(Math.min(capacity, 16));
    }

    // ---- senders ----

    synchronized void addSender() {
        senders++;
    }

    void dropSender() {
        Waker[] waiters;
        Waker rx;
        synchronized (this) {
            if (--senders > 0) {
                return;
            }
            waiters = sendWaiters.drain(); // they fail when polled: closed for sending
            rx = takeReceiverWaker();
        }
        ChannelWaiters.wakeAll(waiters);
        ChannelWaiters.wake(rx);
    }

    private boolean closedForSend() {
        return receiverClosed || senders == 0;
    }

    synchronized boolean isReceiverClosed() {
        return receiverClosed;
    }

    TrySend trySend(T value) {
        Waker rx;
        synchronized (this) {
            if (closedForSend()) {
                return TrySend.CLOSED;
            }
            if (!sendWaiters.isEmpty() || ring.size() + reserved >= capacity) {
                return TrySend.FULL;
            }
            ring.push(value);
            rx = takeReceiverWaker();
        }
        ChannelWaiters.wake(rx);
        return TrySend.SENT;
    }

    /** A send or reserve waiting for a slot. Its fields are guarded by the channel. */
    static final class SlotWaiter extends ChannelWaiters.Node {
        boolean done;
    }

    /**
     * Polls a send ({@code value != null}) or a reserve ({@code value == null}).
     *
     * @return ready(null) when sent or reserved (a reserve then owns a permit), a
     *         {@link ChannelClosedException} failure, or pending with the waiter queued
     */
    Poll<Void> pollSend(SlotWaiter w, T value, Context cx) {
        if (!Coop.proceed(cx)) {
            return Poll.pending(); // budget spent: the task is already re-woken
        }
        Waker wake;
        Poll<Void> result;
        synchronized (this) {
            if (w.done) {
                throw new IllegalStateException("mpsc send/reserve polled after it completed");
            }
            if (closedForSend()) {
                w.done = true;
                sendWaiters.remove(w);
                wake = w.granted ? releaseReserved() : null;
                w.granted = false;
                result = Poll.failed(new ChannelClosedException(receiverClosed
                        ? "mpsc receiver was closed" : "every mpsc sender was closed"));
            } else {
                if (!w.granted) {
                    if (w.isQueued() || !sendWaiters.isEmpty() || ring.size() + reserved >= capacity) {
                        w.waker = cx.waker(); // the newest waker is the one woken
                        if (!w.isQueued()) {
                            sendWaiters.add(w);
                        }
                        return Poll.pending();
                    }
                    reserved++;
                }
                w.granted = false;
                w.done = true;
                if (value == null) {
                    livePermits++; // the slot stays reserved, now owned by the permit
                    return Poll.ready(null);
                }
                reserved--;
                ring.push(value);
                wake = takeReceiverWaker();
                result = Poll.ready(null);
            }
        }
        ChannelWaiters.wake(wake);
        return result;
    }

    /** Cancels a send or reserve: leaves the queue, and returns a slot granted to it. */
    void cancelSend(SlotWaiter w) {
        Waker wake = null;
        synchronized (this) {
            if (w.done) {
                return;
            }
            w.done = true;
            sendWaiters.remove(w);
            if (w.granted) {
                w.granted = false;
                wake = releaseReserved();
            }
        }
        ChannelWaiters.wake(wake);
    }

    /** A permit sends: its slot now holds the message. */
    boolean permitSend(T value) {
        Waker wake;
        synchronized (this) {
            livePermits--;
            reserved--;
            if (receiverClosed) {
                return false;
            }
            ring.push(value);
            wake = takeReceiverWaker();
        }
        ChannelWaiters.wake(wake);
        return true;
    }

    /** A permit is closed unused: its slot goes to the next waiting sender. */
    void permitRelease() {
        Waker next;
        Waker rx;
        synchronized (this) {
            livePermits--;
            next = releaseReserved();
            rx = takeReceiverWaker(); // the end of the stream may have come
        }
        ChannelWaiters.wake(next);
        ChannelWaiters.wake(rx);
    }

    /** Gives up one reserved slot. @return the waker of the sender the slot went to, or null */
    private Waker releaseReserved() {
        reserved--;
        return freeSlot();
    }

    /** One slot became free: hand it to the first waiting sender. @return its waker, or null */
    private Waker freeSlot() {
        ChannelWaiters.Node n = sendWaiters.poll();
        if (n == null) {
            return null;
        }
        n.granted = true;
        reserved++;
        return n.waker;
    }

    // ---- receiver ----

    private Waker takeReceiverWaker() {
        Waker w = receiverWaker;
        receiverWaker = null;
        return w;
    }

    private boolean ended() {
        return ring.size() == 0 && (receiverClosed || senders == 0 && livePermits == 0);
    }

    /** @return an item, {@link Stream#end()}, or pending with the receiver's waker stored */
    @SuppressWarnings("unchecked") // the ring holds only Ts
    Poll<T> pollRecv(Context cx) {
        if (!Coop.proceed(cx)) {
            return Poll.pending();
        }
        Waker next;
        T item;
        synchronized (this) {
            if (ring.size() == 0) {
                if (ended()) {
                    return Stream.end();
                }
                receiverWaker = cx.waker();
                return Poll.pending();
            }
            item = (T) ring.poll();
            next = receiverClosed ? null : freeSlot();
        }
        ChannelWaiters.wake(next);
        return Poll.ready(item);
    }

    @SuppressWarnings("unchecked") // the ring holds only Ts
    TryRecv<T> tryRecv() {
        Waker next;
        T item;
        synchronized (this) {
            if (ring.size() == 0) {
                return ended() ? TryRecv.closed() : TryRecv.empty();
            }
            item = (T) ring.poll();
            next = receiverClosed ? null : freeSlot();
        }
        ChannelWaiters.wake(next);
        return new TryRecv.Received<>(item);
    }

    synchronized void clearReceiverWaker() {
        receiverWaker = null;
    }

    void closeReceiver() {
        Waker[] waiters;
        synchronized (this) {
            if (receiverClosed) {
                return;
            }
            receiverClosed = true;
            receiverWaker = null;
            waiters = sendWaiters.drain(); // they fail when polled
        }
        ChannelWaiters.wakeAll(waiters);
    }

    /** @return messages in the channel now (for tests and metrics) */
    synchronized int len() {
        return ring.size();
    }
}
