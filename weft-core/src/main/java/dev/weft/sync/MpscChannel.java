package dev.weft.sync;

import dev.weft.future.Context;
import dev.weft.future.Poll;
import dev.weft.future.Stream;
import dev.weft.future.Waker;
import dev.weft.runtime.internal.Coop;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * The shared state of one {@link Mpsc} channel: lock-free for sending and receiving.
 *
 * <h2>Implementation notes</h2>
 *
 * <p><b>The word.</b> {@code tx = index << 24 | reserved << 2 | WAITERS | CLOSED}. {@code index}
 * (40 bits, modulo) counts the messages ever claimed; a producer claims the next one with a CAS
 * and then stores its message in that slot of {@link MpscSlots}. {@code reserved} counts slots
 * promised but not yet claimed: {@link Mpsc.Permit}s, and slots granted to waiting senders.
 * {@code CLOSED}: nothing can be claimed any more. {@code WAITERS}: senders wait for a slot
 * (bounded only; set and cleared under {@code synchronized (this)}, which also guards the
 * waiter list). One word, so a bounded send decides "full" and claims its slot in one CAS: a
 * send is linearized at its claim, and a receive that finds an empty slot whose index was
 * claimed waits for that store (a few instructions away) instead of reporting "empty".
 *
 * <p><b>Capacity</b> (bounded): a claim needs {@code index - head + reserved < capacity}, where
 * {@code head} is the consumer's index; a {@code Permit} or granted waiter turns its reserved
 * slot into a claim with one CAS ({@code index + 1, reserved - 1}). So at most
 * {@code capacity} messages are ever stored and unreceived, which is what lets {@link
 * MpscSlots.Ring} reuse slots. Waiting senders get freed slots in FIFO order: while
 * {@code WAITERS} is set no new send takes one (a {@code trySend} answers FULL); the receiver
 * (or a returned permit) grants them under the lock by reserving for the head waiter.
 *
 * <p><b>Receiver wake-ups.</b> The receiver stores its waker (volatile) and then looks at its
 * slot again; a producer stores its message (volatile) and then reads the waker: one of them
 * sees the other, so no wake-up is lost (Dekker). The waker is taken with a CAS, so a message
 * wakes the receiver at most once. The same pairing holds between a sender that sets
 * {@code WAITERS} and then reads {@code head}, and the receiver that stores {@code head} and
 * then reads the word.
 *
 * <p><b>Closing.</b> Sender handles and live permits are counted in {@code handles}; when it
 * drops to zero, or the receiver closes, {@code CLOSED} is set (under the lock, so waiting
 * senders are failed exactly once). The index then stops, and the receiver sees the end once it
 * has received every message up to it. A send linearized before the close is delivered.
 */
final class MpscChannel<T> {
    /** The largest capacity of a bounded channel (the word has 22 bits for reservations). */
    static final int MAX_CAPACITY = (1 << 22) - 1;

    private static final long CLOSED = 1;
    private static final long WAITERS = 2;
    private static final long RES_ONE = 1L << 2;
    private static final long RES_MASK = (long) MAX_CAPACITY;
    private static final int IDX_SHIFT = 24;
    private static final long IDX_ONE = 1L << IDX_SHIFT;
    private static final long MASK = MpscSlots.INDEX_MASK;

    private static final VarHandle TX;
    private static final VarHandle HEAD;
    private static final VarHandle HANDLES;
    private static final VarHandle RX_WAKER;

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            TX = l.findVarHandle(MpscChannel.class, "tx", long.class);
            HEAD = l.findVarHandle(MpscChannel.class, "head", long.class);
            HANDLES = l.findVarHandle(MpscChannel.class, "handles", int.class);
            RX_WAKER = l.findVarHandle(MpscChannel.class, "rxWaker", Waker.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** {@link Integer#MAX_VALUE} for an unbounded channel. */
    final int capacity;
    private final boolean bounded;
    private final MpscSlots slots;
    @SuppressWarnings("unused") // through TX
    private volatile long tx;
    /** Written by the consumer only; read by producers for the capacity check. */
    @SuppressWarnings("unused") // through HEAD
    private volatile long head;
    @SuppressWarnings("unused") // through HANDLES
    private volatile int handles = 1;
    @SuppressWarnings("unused") // through RX_WAKER
    private volatile Waker rxWaker;
    private volatile boolean receiverClosed;
    /** Guarded by {@code this}. */
    private final ChannelWaiters sendWaiters = new ChannelWaiters();

    /** @param capacity the number of slots, or {@link Integer#MAX_VALUE} for an unbounded channel */
    MpscChannel(int capacity) {
        this(checkCapacity(capacity), capacity == Integer.MAX_VALUE
                ? new MpscSlots.Linked(MpscSlots.Linked.SEGMENT, 0) : MpscSlots.forCapacity(capacity), 0);
    }

    /** For tests: given slots, and a first index (to run across the index's wrap). */
    MpscChannel(int capacity, MpscSlots slots, long start) {
        this.capacity = capacity;
        this.bounded = capacity != Integer.MAX_VALUE;
        this.slots = slots;
        this.tx = (start & MASK) << IDX_SHIFT;
        this.head = start & MASK;
    }

    private static int checkCapacity(int capacity) {
        if (capacity != Integer.MAX_VALUE && capacity > MAX_CAPACITY) {
            throw new IllegalArgumentException("capacity must be at most " + MAX_CAPACITY
                    + " (use an unbounded channel beyond), was " + capacity);
        }
        return capacity;
    }

    // ---- the word ----

    /** Volatile read: pairs with every CAS on the word. */
    private long tx() {
        return (long) TX.getVolatile(this);
    }

    /** Full-fence CAS: a claim, a reservation, or a flag. */
    private boolean cas(long expect, long update) {
        return TX.compareAndSet(this, expect, update);
    }

    private static long index(long s) {
        return s >>> IDX_SHIFT;
    }

    private static long reserved(long s) {
        return (s >>> 2) & RES_MASK;
    }

    /**
     * @return whether the word {@code s} leaves a slot free (always, unbounded). True also when
     *         {@code s} is stale (the consumer is already past its index): a CAS on it fails
     *         and the caller reads the word again.
     */
    private boolean room(long s) {
        if (!bounded) {
            return true;
        }
        long h = (long) HEAD.getVolatile(this); // after reading s; pairs with the consumer's store
        long stored = (index(s) - h) & MASK;
        return stored > MAX_CAPACITY || stored + reserved(s) < capacity;
    }

    // ---- handles and closing ----

    void addSender() {
        HANDLES.getAndAdd(this, 1); // counted before the handle exists, so the count never reaches 0 early
    }

    /** Drops a sender handle or a permit; the last one closes the channel for sending. */
    void dropSender() {
        if ((int) HANDLES.getAndAdd(this, -1) == 1) { // full fence: every send of ours is claimed before
            close();
        }
    }

    boolean isReceiverClosed() {
        return receiverClosed;
    }

    void closeReceiver() {
        receiverClosed = true;
        RX_WAKER.setVolatile(this, null);
        close();
    }

    private void close() {
        Waker[] waiting;
        synchronized (this) {
            long s;
            do {
                s = tx();
                if ((s & CLOSED) != 0) {
                    return;
                }
            } while (!cas(s, (s | CLOSED) & ~WAITERS));
            waiting = sendWaiters.drain(); // they fail when polled
        }
        ChannelWaiters.wakeAll(waiting);
        wakeReceiver(); // it may have reached the end
    }

    private ChannelClosedException closedError() {
        return new ChannelClosedException(receiverClosed ? "mpsc receiver was closed" : "every mpsc sender was closed");
    }

    // ---- sending ----

    TrySend trySend(T value) {
        Object hint = slots.hint();
        for (;;) {
            long s = tx();
            if ((s & CLOSED) != 0) {
                return TrySend.CLOSED;
            }
            if ((s & WAITERS) != 0 || !room(s)) {
                return TrySend.FULL;
            }
            if (cas(s, s + IDX_ONE)) {
                publish(hint, index(s), value);
                return TrySend.SENT;
            }
        }
    }

    private void publish(Object hint, long index, Object value) {
        slots.store(hint, index, value); // volatile store, then the waker read below (Dekker)
        wakeReceiver();
    }

    private void wakeReceiver() {
        Waker w = (Waker) RX_WAKER.getVolatile(this); // after our store: pairs with the receiver's store then re-load
        if (w != null && RX_WAKER.compareAndSet(this, w, null)) { // one waker wakes once
            w.wake();
        }
    }

    /** Turns a reserved slot into a claim and stores {@code value}; false if closed (the slot is given up). */
    boolean permitSend(T value) {
        Object hint = slots.hint();
        long dres = bounded ? RES_ONE : 0;
        for (;;) {
            long s = tx();
            if ((s & CLOSED) != 0) {
                if (cas(s, s - dres)) {
                    return false;
                }
            } else if (cas(s, s + IDX_ONE - dres)) {
                publish(hint, index(s), value);
                return true;
            }
        }
    }

    /** A reserved slot is given up: it goes to the next waiting sender. */
    void permitRelease() {
        if (bounded) {
            TX.getAndAdd(this, -RES_ONE); // full fence: then look for waiters
            grantWaiters();
        }
    }

    /** A send or reserve; its fields but {@code phase} are guarded by the channel. */
    static final class SlotWaiter extends ChannelWaiters.Node {
        static final int INIT = 0;
        static final int QUEUED = 1;
        static final int DONE = 2;
        /** Owner only. QUEUED: in the list, or granted a reserved slot (then out of it). */
        int phase = INIT;
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
            long s = tx();
            if ((s & CLOSED) != 0) {
                w.phase = SlotWaiter.DONE;
                return Poll.failed(closedError());
            }
            if ((s & WAITERS) == 0 && room(s)) { // looks free: ask the budget before taking
                if (!Coop.proceed(cx)) {
                    return Poll.pending();
                }
                if (value == null ? reserveFast() : trySend(value) == TrySend.SENT) {
                    return sent(w, value);
                }
            }
            w.phase = SlotWaiter.QUEUED;
            switch (waitForSlot(w, cx)) {
                case QUEUED_NOW -> {
                    return Poll.pending();
                }
                case CLOSED_NOW -> {
                    w.phase = SlotWaiter.DONE;
                    return Poll.failed(closedError());
                }
                default -> { } // reserved: send below
            }
        } else {
            synchronized (this) {
                if (!w.granted) {
                    if ((tx() & CLOSED) == 0) {
                        w.waker = cx.waker(); // the newest waker is the one woken
                        return Poll.pending();
                    }
                    w.phase = SlotWaiter.DONE;
                    return Poll.failed(closedError());
                }
            }
        }
        // A slot is reserved for us, and out of the list nobody else touches w.
        if (!Coop.proceed(cx)) {
            return Poll.pending(); // the reservation is kept for the next poll
        }
        w.granted = false;
        if (value == null || permitSend(value)) {
            return sent(w, value);
        }
        w.phase = SlotWaiter.DONE;
        return Poll.failed(closedError());
    }

    private Poll<Void> sent(SlotWaiter w, T value) {
        w.phase = SlotWaiter.DONE;
        if (value == null) {
            addSender(); // the permit keeps the channel open like a handle
        }
        return Poll.ready(null);
    }

    /** A reserve without waiting. */
    private boolean reserveFast() {
        for (;;) {
            long s = tx();
            if ((s & (CLOSED | WAITERS)) != 0 || !room(s)) {
                return false;
            }
            if (cas(s, s + (bounded ? RES_ONE : 0))) {
                return true;
            }
        }
    }

    private static final int RESERVED_NOW = 0;
    private static final int QUEUED_NOW = 1;
    private static final int CLOSED_NOW = 2;

    /** Under the lock: reserves a slot for {@code w} at once, or queues it. */
    private int waitForSlot(SlotWaiter w, Context cx) {
        WaitQueue.WakeList wake = new WaitQueue.WakeList();
        synchronized (this) {
            for (;;) {
                long s = tx();
                if ((s & CLOSED) != 0) {
                    return CLOSED_NOW;
                }
                if ((s & WAITERS) == 0 && room(s)) {
                    if (cas(s, s + (bounded ? RES_ONE : 0))) {
                        w.granted = true;
                        break;
                    }
                } else if ((s & WAITERS) != 0 || cas(s, s | WAITERS)) { // full fence, then head is read again
                    w.waker = cx.waker();
                    sendWaiters.add(w);
                    grantLocked(wake); // the receiver may have made room before it saw WAITERS
                    break;
                }
            }
        }
        wake.wakeAll();
        return w.granted ? RESERVED_NOW : QUEUED_NOW;
    }

    /** If senders wait, grants them the free slots (a freed slot, a returned permit). */
    private void grantWaiters() {
        if ((tx() & WAITERS) == 0) {
            return;
        }
        WaitQueue.WakeList wake = new WaitQueue.WakeList();
        synchronized (this) {
            grantLocked(wake);
        }
        wake.wakeAll();
    }

    /** Reserves a slot for each head waiter while there is room; clears WAITERS once nobody waits. */
    private void grantLocked(WaitQueue.WakeList wake) {
        for (;;) {
            long s = tx();
            ChannelWaiters.Node head = sendWaiters.peek();
            if ((s & CLOSED) != 0) {
                return;
            }
            if (head == null) {
                if ((s & WAITERS) == 0 || cas(s, s & ~WAITERS)) {
                    return;
                }
            } else if (!room(s)) {
                return;
            } else if (cas(s, s + RES_ONE)) {
                sendWaiters.poll();
                head.granted = true;
                wake.add(head.waker);
                head.waker = null;
            }
        }
    }

    /** Cancels a send or reserve: leaves the queue, and gives back a slot granted to it. */
    void cancelSend(SlotWaiter w) {
        boolean release;
        synchronized (this) {
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
                grantLocked(new WaitQueue.WakeList()); // clears WAITERS if it was the last (wakes nobody)
            }
        }
        if (release) {
            permitRelease();
        }
    }

    // ---- receiving (one consumer) ----

    /** @return the message at the consumer's index, waiting (spinning) for a claimed one */
    private Object awaitClaimed(long h) {
        for (int spins = 0;; spins++) {
            Object v = slots.load(h);
            if (v != null) {
                return v;
            }
            if (spins < 64) {
                Thread.onSpinWait(); // its producer is between the claim and the store
            } else {
                Thread.yield();
            }
        }
    }

    /** @return whether every claimed message was received and nothing can be claimed */
    private boolean ended(long h) {
        long s = tx();
        return (s & CLOSED) != 0 && ((index(s) - h) & MASK) == 0;
    }

    /** Consumer only: the message at {@code h} was loaded; moves on and frees its slot. */
    private void advance(long h) {
        slots.clear(h);
        if (bounded) {
            HEAD.setVolatile(this, h + 1); // full fence: then the word is read (pairs with WAITERS' CAS)
            grantWaiters();
        } else {
            HEAD.setRelease(this, h + 1); // only len() reads it
        }
    }

    /** @return an item, {@link Stream#end()}, or pending with the receiver's waker stored */
    @SuppressWarnings("unchecked") // the slots hold only Ts
    Poll<T> pollRecv(Context cx) {
        long h = (long) HEAD.getOpaque(this); // our own field
        Object v = slots.load(h);
        if (v == null) {
            if (!ended(h)) {
                Waker mine = cx.waker();
                RX_WAKER.setVolatile(this, mine); // then look again: pairs with publish's store-then-read
                v = slots.load(h);
                if (v == null && !ended(h)) {
                    return Poll.pending();
                }
                RX_WAKER.compareAndSet(this, mine, null); // not needed after all: no spurious wake
            }
            if (v == null) {
                return Coop.proceed(cx) ? Stream.end() : Poll.pending();
            }
        }
        if (!Coop.proceed(cx)) {
            return Poll.pending(); // the message stays where it is
        }
        advance(h);
        return Poll.ready((T) v);
    }

    @SuppressWarnings("unchecked") // the slots hold only Ts
    TryRecv<T> tryRecv() {
        long h = (long) HEAD.getOpaque(this); // our own field
        Object v = slots.load(h);
        if (v == null) {
            long s = tx();
            if (((index(s) - h) & MASK) == 0) {
                return (s & CLOSED) != 0 ? TryRecv.closed() : TryRecv.empty();
            }
            v = awaitClaimed(h);
        }
        advance(h);
        return new TryRecv.Received<>((T) v);
    }

    void clearReceiverWaker() {
        RX_WAKER.setRelease(this, null); // a producer that already took it wakes us once more: harmless
    }

    /** @return messages claimed and not received (for tests and metrics) */
    int len() {
        return (int) ((index(tx()) - (long) HEAD.getVolatile(this)) & MASK);
    }
}
