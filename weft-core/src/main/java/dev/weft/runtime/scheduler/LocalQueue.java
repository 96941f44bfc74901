package dev.weft.runtime.scheduler;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Arrays;
import java.util.Objects;

/**
 * A worker's run queue in the multi-thread scheduler: a bounded ring of tasks that one
 * <em>owner</em> thread pushes to and pops from (FIFO), and that any number of other workers
 * <em>steal</em> half of at a time. Tokio's design ({@code runtime/scheduler/multi_thread/queue.rs}).
 *
 * <p>Threads: {@link #pushBack}, {@link #pushBackBatch}, {@link #pop} and
 * {@link #remainingSlots} only on the owner thread; {@link #stealInto} on any thread that owns
 * the destination queue; {@link #len}, {@link #isEmpty}, {@link #hasTasks} on any thread
 * (exact on the owner, a snapshot elsewhere).
 */
final class LocalQueue {
    /*
     * Implementation notes.
     *
     * State. Positions are 32-bit ints that only grow and wrap (modular arithmetic; differences
     * never exceed the capacity, so comparing differences is exact). Position p lives in slot
     * p & mask. `tail` is the next position the owner writes. `head` packs `steal` (high half)
     * and `real` (low half): [real, tail) is queued; [steal, real) was claimed by the one stealer
     * still copying it out (steal == real: no steal in progress).
     *
     * Invariants. steal <= real <= tail and tail - steal <= capacity, so the slots of
     * [steal, tail) are distinct, and the owner, which writes slot tail & mask only when
     * tail - steal < capacity, never writes a slot a stealer may still read.
     *
     * Who moves what. Only the owner writes `tail`. Every write of `head` is a CAS: the owner's
     * pop advances real (and steal with it when no steal runs); the overflow path advances both
     * by half the capacity; a stealer claims a batch by advancing real only, copies it, then
     * sets steal = real.
     *
     * Slot publication. Slots are plain. The owner's slot write happens-before its release store
     * of tail, which a stealer's acquire load of tail reads before it claims the slot. A
     * stealer's slot reads and clearing writes happen-before its final CAS of head; the owner
     * reuses a slot only after an acquire load of head shows steal past it (as every later
     * write of head is a CAS, reading a later value still synchronizes with that final CAS).
     *
     * Linearization (one stealer, ring not full): push at the tail store, pop at its CAS, a
     * steal at its last read of tail (its CAS succeeding proves head did not change since; the
     * owner can only have appended). Two relaxations, as in Tokio: a steal that meets another
     * steal in progress returns nothing even if tasks remain, and a push that finds the ring
     * full while a steal is in progress sends only its own task to the overflow (the steal is
     * about to free room) instead of half the ring.
     *
     * Taken slots are cleared so that a queue does not keep finished tasks alive.
     */

    private static final VarHandle HEAD;
    private static final VarHandle TAIL;

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            HEAD = l.findVarHandle(LocalQueue.class, "head", long.class);
            TAIL = l.findVarHandle(LocalQueue.class, "tail", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** Tokio's capacity; the scheduler's default. */
    static final int DEFAULT_CAPACITY = 256;

    private final Runnable[] buffer;
    private final int mask;
    /** Owner-only scratch for the overflow path: half the ring plus the new task. */
    private final Runnable[] overflowBatch;
    @SuppressWarnings("unused") // accessed through HEAD
    private volatile long head;
    @SuppressWarnings("unused") // accessed through TAIL
    private volatile int tail;

    /**
     * @param capacity a power of two, at least 2 (the scheduler uses {@link #DEFAULT_CAPACITY})
     * @throws IllegalArgumentException if the capacity is not a power of two or is below 2
     */
    LocalQueue(int capacity) {
        this(capacity, 0);
    }

    /** For tests: starts every position at {@code start}, e.g. just below the 32-bit wrap. */
    LocalQueue(int capacity, int start) {
        if (capacity < 2 || Integer.bitCount(capacity) != 1) {
            throw new IllegalArgumentException("capacity must be a power of two >= 2: " + capacity);
        }
        buffer = new Runnable[capacity];
        mask = capacity - 1;
        overflowBatch = new Runnable[capacity / 2 + 1];
        head = pack(start, start);
        tail = start;
    }

    // ---- accessors by memory mode -----------------------------------------------------------

    private long getAcquireHead() {
        return (long) HEAD.getAcquire(this); // acquire: pairs with the CAS that wrote this head
    }

    private long compareAndExchangeHead(long expect, long update) {
        // volatile CAS: acquires the previous head's writer; releases our slot reads and writes
        return (long) HEAD.compareAndExchange(this, expect, update);
    }

    private int getPlainTail() {
        return (int) TAIL.get(this); // plain: only the owner writes tail, and this is the owner
    }

    private int getAcquireTail() {
        return (int) TAIL.getAcquire(this); // acquire: pairs with setReleaseTail, publishing slots
    }

    private void setReleaseTail(int t) {
        TAIL.setRelease(this, t); // release: publishes the slots written before; pairs with getAcquireTail
    }

    private static long pack(int steal, int real) {
        return ((long) steal << 32) | (real & 0xFFFF_FFFFL);
    }

    private static int steal(long head) {
        return (int) (head >>> 32);
    }

    private static int real(long head) {
        return (int) head;
    }

    // ---- owner ------------------------------------------------------------------------------

    /**
     * Owner only: queues a task at the back. If the ring is full, moves the older half of it
     * plus {@code task} to {@code overflow} in one batch (FIFO order kept); if the ring is full
     * because a steal is in progress, sends only {@code task} there.
     *
     * @return false only if the overflow was closed and dropped the tasks (runtime shutdown,
     *     where tasks are cancelled through the scheduler's owned list, not its queues)
     */
    boolean pushBack(Runnable task, Overflow overflow) {
        Objects.requireNonNull(task, "task");
        for (;;) {
            long h = getAcquireHead(); // sees a finished steal, so its slots are free to reuse
            int steal = steal(h);
            int real = real(h);
            int t = getPlainTail();
            if (t - steal < buffer.length) {
                buffer[t & mask] = task; // plain: published by the release store below
                setReleaseTail(t + 1);
                return true;
            }
            if (steal != real) {
                return overflow.push(task); // a stealer is about to free room
            }
            assert t - real == buffer.length : "full without a stealer, t=" + t + " real=" + real;
            int half = buffer.length / 2;
            // Claim the older half by CAS (a stealer may race us for it); the owner is the only
            // writer of slots, so reading them after the claim needs no further ordering.
            if (compareAndExchangeHead(h, pack(real + half, real + half)) != h) {
                continue; // a stealer took some: there may be room now
            }
            Runnable[] batch = overflowBatch;
            for (int i = 0; i < half; i++) {
                int slot = (real + i) & mask;
                batch[i] = buffer[slot];
                buffer[slot] = null;
            }
            batch[half] = task;
            boolean accepted = overflow.pushBatch(batch, half + 1);
            Arrays.fill(batch, null); // keep no task alive from here
            return accepted;
        }
    }

    /**
     * Owner only: queues {@code tasks[from..from+count)} at the back with one publication. They
     * must fit: see {@link #remainingSlots}.
     *
     * @throws IllegalStateException if they do not fit
     */
    void pushBackBatch(Runnable[] tasks, int from, int count) {
        if (count == 0) {
            return;
        }
        int t = getPlainTail();
        int steal = steal(getAcquireHead()); // sees a finished steal, so its slots are free to reuse
        if (count > buffer.length - (t - steal)) {
            throw new IllegalStateException(count + " tasks do not fit, " + remainingSlots() + " slots free");
        }
        for (int i = 0; i < count; i++) {
            buffer[(t + i) & mask] = tasks[from + i]; // plain: published by the release store below
        }
        setReleaseTail(t + count);
    }

    /** Owner only: how many tasks {@link #pushBackBatch} can take now (a steal in progress holds slots). */
    int remainingSlots() {
        int steal = steal(getAcquireHead()); // a finished steal frees its slots
        return buffer.length - (getPlainTail() - steal);
    }

    /** Owner only: takes the oldest task, or returns null if the queue is empty. */
    Runnable pop() {
        long h = getAcquireHead(); // current head; the CAS below validates it
        int real;
        for (;;) {
            int steal = steal(h);
            real = real(h);
            if (real == getPlainTail()) {
                return null;
            }
            // With no steal in progress, steal follows real; otherwise leave the stealer's mark.
            long next = steal == real ? pack(real + 1, real + 1) : pack(steal, real + 1);
            long witness = compareAndExchangeHead(h, next);
            if (witness == h) {
                break;
            }
            h = witness; // a stealer claimed a batch or finished: retry
        }
        int slot = real & mask;
        Runnable task = buffer[slot]; // our CAS claimed it; we wrote it ourselves
        buffer[slot] = null;
        return task;
    }

    // ---- stealers ---------------------------------------------------------------------------

    /**
     * Moves about half of this queue's tasks (rounded up, capped by {@code dst}'s free room)
     * into {@code dst} and returns one of them to run now, or null if nothing was stolen: this
     * queue looked empty, another steal from it was in progress, or {@code dst} is full.
     *
     * @param dst a queue owned by the calling thread, not this one
     */
    Runnable stealInto(LocalQueue dst) {
        if (dst == this) {
            throw new IllegalArgumentException("dst must not be the queue stolen from");
        }
        int dstTail = dst.getPlainTail(); // the caller owns dst
        int dstSteal = steal(dst.getAcquireHead()); // sees a finished steal from dst: slots free
        int room = dst.buffer.length - (dstTail - dstSteal);
        int n = room <= 0 ? 0 : stealBatch(dst, dstTail, room);
        if (n == 0) {
            return null;
        }
        n--; // the last one stolen is returned rather than queued
        int slot = (dstTail + n) & dst.mask;
        Runnable task = dst.buffer[slot]; // written by this thread in stealBatch, never published
        dst.buffer[slot] = null;
        if (n > 0) {
            dst.setReleaseTail(dstTail + n);
        }
        return task;
    }

    /** Claims up to half of this queue (at most {@code room}) and copies it into dst's slots. */
    private int stealBatch(LocalQueue dst, int dstTail, int room) {
        long h = getAcquireHead(); // the CAS below validates it
        int n;
        for (;;) {
            int steal = steal(h);
            int real = real(h);
            if (steal != real) {
                return 0; // another stealer is copying a batch out
            }
            int available = getAcquireTail() - real; // acquire: the slots below tail are written
            n = Math.min(available - available / 2, room);
            if (n <= 0) {
                return 0;
            }
            // Claim [real, real+n) by moving real only: until steal catches up, no other
            // stealer starts and the owner cannot overwrite the claimed slots.
            long next = pack(steal, real + n);
            long witness = compareAndExchangeHead(h, next);
            if (witness == h) {
                h = next;
                break;
            }
            h = witness; // the owner popped or another stealer came first: retry
        }
        int first = steal(h);
        for (int i = 0; i < n; i++) {
            int slot = (first + i) & mask;
            dst.buffer[(dstTail + i) & dst.mask] = buffer[slot]; // dst is ours, published later
            buffer[slot] = null; // before the release CAS below, so the owner's reuse comes after
        }
        for (;;) { // done: steal = real, releasing the slots to the owner; the owner may pop meanwhile
            int real = real(h);
            long witness = compareAndExchangeHead(h, pack(real, real));
            if (witness == h) {
                return n;
            }
            h = witness;
        }
    }

    // ---- any thread -------------------------------------------------------------------------

    /** The number of queued tasks: exact on the owner, a recent snapshot on other threads. */
    int len() {
        int real = real(getAcquireHead()); // head before tail, so the difference is never negative
        int n = getAcquireTail() - real;
        return Math.min(n, buffer.length); // another thread's snapshot may straddle pops and pushes
    }

    /** True if no task is queued (exact on the owner, a snapshot elsewhere). */
    boolean isEmpty() {
        return len() == 0;
    }

    /** Cheap check for a searching worker: is there anything worth a {@link #stealInto}? */
    boolean hasTasks() {
        return len() != 0;
    }

    int capacity() {
        return buffer.length;
    }

    @Override
    public String toString() {
        long h = getAcquireHead();
        return "LocalQueue[steal=" + steal(h) + ", real=" + real(h) + ", tail=" + getAcquireTail()
                + ", capacity=" + buffer.length + "]";
    }
}
