package dev.weft.sync;

import dev.weft.future.Context;
import dev.weft.future.Poll;
import dev.weft.future.Stream;
import dev.weft.future.Waker;
import dev.weft.future.internal.Coop;
import dev.weft.future.internal.ObjOp;
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
 * (bounded only; set and cleared under the lock of {@link MpscSendWaiters}, which also guards
 * the waiter list). One word, so a bounded send decides "full" and claims its slot in one CAS: a
 * send is linearized at its claim, and a receive that finds an empty slot whose index was
 * claimed waits for that store (a few instructions away) instead of reporting "empty".
 *
 * <p><b>Capacity</b> (bounded): a claim needs {@code index - head + reserved < capacity}, where
 * {@code head} is the consumer's index; a {@code Permit} or granted waiter turns its reserved
 * slot into a claim with one CAS ({@code index + 1, reserved - 1}). So at most
 * {@code capacity} messages are ever stored and unreceived, which is what lets {@link
 * MpscSlots.Ring} reuse slots. Waiting senders get freed slots in FIFO order: while
 * {@code WAITERS} is set no new send takes one (a {@code trySend} answers FULL); the receiver
 * (or a returned permit) grants them under the lock by reserving for the head waiter
 * ({@link MpscSendWaiters}).
 *
 * <p><b>Receiver wake-ups.</b> A receiver that finds its slot empty stores its waker (volatile)
 * and then reads the word; a producer claims with a CAS and reads the waker after it: one of
 * them sees the other (Dekker on the claim). If the receiver sees no claim beyond its index it
 * sleeps, and the next claim wakes it; if it sees one, that message is on its way and it waits
 * for the store itself (briefly, else it polls again later), so the store needs no fence. The
 * waker is taken with a CAS, so a message wakes the receiver at most once. The same pairing
 * holds between a sender that sets {@code WAITERS} (flag, then the word) and then reads
 * {@code head}, and the receiver that stores {@code head} (volatile) and then reads the flag.
 *
 * <p><b>Closing.</b> Sender handles and live permits are counted in {@code handles}; when it
 * drops to zero, or the receiver closes, {@code CLOSED} is set (under the waiters' lock, so
 * waiting senders are failed exactly once). The index then stops, and the receiver sees the end once it
 * has received every message up to it. A send linearized before the close is delivered.
 */
final class MpscChannel<T> extends ObjOp {
    /** The largest capacity of a bounded channel (the word has 22 bits for reservations). */
    static final int MAX_CAPACITY = (1 << 22) - 1;

    static final long CLOSED = 1;
    static final long WAITERS = 2;
    static final long RES_ONE = 1L << 2;
    private static final long RES_MASK = (long) MAX_CAPACITY;
    private static final int IDX_SHIFT = 24;
    private static final long IDX_ONE = 1L << IDX_SHIFT;
    private static final long MASK = MpscSlots.INDEX_MASK;

    private static final VarHandle TX;
    private static final VarHandle HEAD;
    private static final VarHandle LIMIT;
    private static final VarHandle HANDLES;
    private static final VarHandle RX_WAKER;

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            TX = l.findVarHandle(MpscChannel.class, "tx", long.class);
            HEAD = l.findVarHandle(MpscChannel.class, "head", long.class);
            LIMIT = l.findVarHandle(MpscChannel.class, "limit", long.class);
            HANDLES = l.findVarHandle(MpscChannel.class, "handles", int.class);
            RX_WAKER = l.findVarHandle(MpscChannel.class, "rxWaker", Waker.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** {@link Integer#MAX_VALUE} for an unbounded channel. */
    final int capacity;
    final boolean bounded;
    private final MpscSlots slots;
    @SuppressWarnings("unused") // through TX
    private volatile long tx;
    /** Written by the consumer only; read by producers for the capacity check. */
    @SuppressWarnings("unused") // through HEAD
    private volatile long head;
    /**
     * A value {@code head} had, cached by producers so that they read the consumer's line only
     * when the channel looks full by it (JCTools' producer limit).
     */
    @SuppressWarnings("unused") // through LIMIT
    private volatile long limit;
    @SuppressWarnings("unused") // through HANDLES
    private volatile int handles = 1;
    @SuppressWarnings("unused") // through RX_WAKER
    private volatile Waker rxWaker;
    /** Set once, by the receiver's close before it closes the word; read by senders (isClosed, closedError). */
    private volatile boolean receiverClosed;
    /** Bounded: the senders waiting for a slot. */
    final MpscSendWaiters<T> waiters = new MpscSendWaiters<>(this);

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
        this.limit = start & MASK;
    }

    private static int checkCapacity(int capacity) {
        if (capacity != Integer.MAX_VALUE && capacity > MAX_CAPACITY) {
            throw new IllegalArgumentException("capacity must be at most " + MAX_CAPACITY
                    + " (use an unbounded channel beyond), was " + capacity);
        }
        return capacity;
    }

    // ---- accessors by memory mode ----

    long getVolatileTx() {
        return (long) TX.getVolatile(this); // volatile: pairs with every casTx and getAndAddTx
    }

    boolean casTx(long expect, long update) {
        return TX.compareAndSet(this, expect, update); // full fence: a claim, then rxWaker is read (Dekker, pollRecv)
    }

    private void getAndAddTx(long delta) {
        TX.getAndAdd(this, delta); // full fence: a returned reservation comes before the read of sendersWait
    }

    private long getVolatileHead() {
        return (long) HEAD.getVolatile(this); // volatile: pairs with setVolatileHead (Dekker with WAITERS)
    }

    private long getOpaqueHead() {
        return (long) HEAD.getOpaque(this); // opaque, consumer only: pairs with nothing, it reads its own writes
    }

    private void setVolatileHead(long h) {
        HEAD.setVolatile(this, h); // full fence, bounded: pairs with getVolatileHead; then sendersWait is read
    }

    private void setReleaseHead(long h) {
        HEAD.setRelease(this, h); // release, unbounded: pairs with len()'s read; no producer checks room
    }

    private long getOpaqueLimit() {
        return (long) LIMIT.getOpaque(this); // opaque: a stale copy of head is only more cautious
    }

    private void setOpaqueLimit(long h) {
        LIMIT.setOpaque(this, h); // opaque: a stale copy of head is only more cautious
    }

    private int getAndAddHandles(int delta) {
        return (int) HANDLES.getAndAdd(this, delta); // full fence: a handle's claims come before its drop
    }

    private Waker getVolatileRxWaker() {
        return (Waker) RX_WAKER.getVolatile(this); // volatile: after a claim; pairs with setVolatileRxWaker
    }

    private void setVolatileRxWaker(Waker w) {
        RX_WAKER.setVolatile(this, w); // full fence: then the word is read; pairs with getVolatileRxWaker
    }

    private void setReleaseRxWaker(Waker w) {
        RX_WAKER.setRelease(this, w); // release: a clearing nobody waits on (see clearReceiverWaker)
    }

    private boolean casRxWaker(Waker expect, Waker update) {
        return RX_WAKER.compareAndSet(this, expect, update); // full fence: a waker is taken, so woken, once
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
    boolean room(long s) {
        if (!bounded) {
            return true;
        }
        long seen = getOpaqueLimit(); // a head some producer saw: at most the real one
        long stored = (index(s) - seen) & MASK;
        if (stored <= MAX_CAPACITY && stored + reserved(s) < capacity) {
            return true; // there is room even by that old head; the consumer's line stays put
        }
        long h = getVolatileHead(); // after reading s; pairs with the consumer's store
        setOpaqueLimit(h); // racing producers may store an older one: only more cautious
        stored = (index(s) - h) & MASK;
        return stored > MAX_CAPACITY || stored + reserved(s) < capacity;
    }

    // ---- handles and closing ----

    void addSender() {
        getAndAddHandles(1); // counted before the handle exists, so the count never reaches 0 early
    }

    /** Drops a sender handle or a permit; the last one closes the channel for sending. */
    void dropSender() {
        if (getAndAddHandles(-1) == 1) { // full fence: every send of ours is claimed before
            close();
        }
    }

    boolean isReceiverClosed() {
        return receiverClosed;
    }

    void closeReceiver() {
        receiverClosed = true;
        setVolatileRxWaker(null);
        close();
    }

    private void close() {
        if (waiters.close()) {
            wakeReceiver(); // it may have reached the end
        }
    }

    ChannelClosedException closedError() {
        return new ChannelClosedException(receiverClosed ? "mpsc receiver was closed" : "every mpsc sender was closed");
    }

    // ---- sending ----

    TrySend trySend(T value) {
        Object hint = slots.hint();
        for (;;) {
            long s = getVolatileTx();
            if ((s & CLOSED) != 0) {
                return TrySend.CLOSED;
            }
            if ((s & WAITERS) != 0 || !room(s)) {
                return TrySend.FULL;
            }
            if (casTx(s, s + IDX_ONE)) {
                publish(hint, index(s), value);
                return TrySend.SENT;
            }
        }
    }

    /** After a successful claim of {@code index}: stores the message, then wakes the receiver. */
    private void publish(Object hint, long index, Object value) {
        slots.store(hint, index, value);
        wakeReceiver();
    }

    private void wakeReceiver() {
        // Volatile read after the claim's CAS: pairs with the receiver's store of its waker and
        // then read of the word (Dekker on the claim, not on the slot store).
        Waker w = getVolatileRxWaker();
        if (w != null && casRxWaker(w, null)) { // one waker wakes once
            w.wake();
        }
    }

    /** A reserve without waiting (unbounded: only checks that the channel is open). */
    boolean reserveFast() {
        for (;;) {
            long s = getVolatileTx();
            if ((s & (CLOSED | WAITERS)) != 0 || !room(s)) {
                return false;
            }
            if (casTx(s, s + (bounded ? RES_ONE : 0))) {
                return true;
            }
        }
    }

    /** Turns a reserved slot into a claim and stores {@code value}; false if closed (the slot is given up). */
    boolean permitSend(T value) {
        Object hint = slots.hint();
        long dres = bounded ? RES_ONE : 0;
        for (;;) {
            long s = getVolatileTx();
            if ((s & CLOSED) != 0) {
                if (casTx(s, s - dres)) {
                    return false;
                }
            } else if (casTx(s, s + IDX_ONE - dres)) {
                publish(hint, index(s), value);
                return true;
            }
        }
    }

    /** A reserved slot is given up: it goes to the next waiting sender. */
    void permitRelease() {
        if (bounded) {
            getAndAddTx(-RES_ONE); // full fence: then look for waiters
            waiters.grantWaiters();
        }
    }

    // ---- receiving (one consumer) ----

    /**
     * The message at the consumer's index {@code h}, which was claimed: its producer is
     * between the claim and the store, a few instructions away unless it was descheduled.
     *
     * @param spins how long to wait before giving up (then null), or -1 for as long as it takes
     */
    private Object awaitClaimed(long h, int spins) {
        for (int i = 0;; i++) {
            Object v = slots.load(h);
            if (v != null || i == spins) {
                return v;
            }
            if (i < 64) {
                Thread.onSpinWait();
            } else {
                Thread.yield();
            }
        }
    }

    /** Consumer only: the message at {@code h} was loaded; moves on and frees its slot. */
    private void advance(long h) {
        slots.clear(h);
        if (bounded) {
            setVolatileHead(h + 1); // full fence: then the waiters' flag is read (Dekker, see MpscSendWaiters)
            waiters.grantWaiters();
        } else {
            setReleaseHead(h + 1); // only len() reads it
        }
    }

    /** {@link #pollObj}'s answer at the end of the channel: closed and drained. */
    static final Object END = new Object();

    /** @return an item, {@link Stream#end()}, or pending with the receiver's waker stored */
    @SuppressWarnings("unchecked") // the slots hold only Ts
    Poll<T> pollRecv(Context cx) {
        Object v = pollObj(cx);
        return v == PENDING ? Poll.pending() : v == END ? Stream.end() : Poll.ready((T) v);
    }

    /**
     * The receive itself, for {@link #pollRecv} and for a coroutine's {@code recv().await()},
     * which awaits the channel as its operation and so allocates nothing per message.
     *
     * @return a message, {@link #END}, or {@link ObjOp#PENDING} with the receiver's waker stored
     */
    @Override
    public Object pollObj(Context cx) {
        long h = getOpaqueHead(); // our own field
        Object v = slots.load(h);
        if (v == null) {
            Waker mine = cx.waker();
            setVolatileRxWaker(mine); // then read the word: pairs with wakeReceiver (Dekker)
            long s = getVolatileTx();
            if (((index(s) - h) & MASK) == 0) { // nothing claimed: the next claim sees our waker
                if ((s & CLOSED) == 0) {
                    return PENDING;
                }
                casRxWaker(mine, null);
                return Coop.proceed(cx) ? END : PENDING;
            }
            casRxWaker(mine, null); // claimed: ours to wait for, not a wake-up's
            v = awaitClaimed(h, 128);
            if (v == null) {
                mine.wake(); // its producer was descheduled: poll again after the others had a turn
                return PENDING;
            }
        }
        if (!Coop.proceed(cx)) {
            return PENDING; // the message stays where it is
        }
        advance(h);
        return v;
    }

    /** A receive awaited by a coroutine ended early: its waker goes, nothing else was taken. */
    @Override
    public void abandon() {
        clearReceiverWaker();
    }

    @SuppressWarnings("unchecked") // the slots hold only Ts
    TryRecv<T> tryRecv() {
        long h = getOpaqueHead(); // our own field
        Object v = slots.load(h);
        if (v == null) {
            long s = getVolatileTx();
            if (((index(s) - h) & MASK) == 0) {
                return (s & CLOSED) != 0 ? TryRecv.closed() : TryRecv.empty();
            }
            v = awaitClaimed(h, -1);
        }
        advance(h);
        return new TryRecv.Received<>((T) v);
    }

    void clearReceiverWaker() {
        setReleaseRxWaker(null); // a producer that already took it wakes us once more: harmless
    }

    /** @return messages claimed and not received (for tests and metrics) */
    int len() {
        return (int) ((index(getVolatileTx()) - getVolatileHead()) & MASK);
    }
}
