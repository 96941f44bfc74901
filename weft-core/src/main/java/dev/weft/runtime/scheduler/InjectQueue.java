package dev.weft.runtime.scheduler;

import dev.weft.future.internal.ShortLock;
import java.util.Objects;

/**
 * The multi-thread scheduler's global injection queue: tasks spawned or woken from outside the
 * workers, and the overflow of full {@link LocalQueue}s. Any thread pushes, any worker pops;
 * FIFO. {@link #isEmpty} and {@link #len} take no lock, so workers may check them often.
 *
 * <p>After {@link #close} (runtime shutdown) pushes are refused; tasks already queued can still
 * be popped, so shutdown can drain and cancel them.
 */
final class InjectQueue implements Overflow {
    /*
     * Implementation notes.
     *
     * State. A ring of tasks, `buffer` (length a power of two), holding `size` tasks from index
     * `head`, all guarded by `lock`. The ring doubles when full and never shrinks, so a steady
     * state allocates nothing. Taken slots are cleared so the queue keeps no task alive.
     *
     * Lock-free reads. `len` is a volatile copy of `size`, written inside the lock after every
     * change; `closed` is volatile, written inside the lock. Readers outside the lock get a value
     * that was true at some instant during the call (each critical section changes `len` once,
     * at the point where the change is linearized), so a push that returned before isEmpty() was
     * called is seen by it: the scheduler's "publish work, then check for sleepers" and
     * "announce sleep, then re-check the queue" handshake can rely on that.
     *
     * Tokio (runtime/scheduler/inject) uses a mutex around an intrusive linked list; a ring
     * avoids per-task links in Task and keeps the tasks contiguous.
     */

    /** Initial ring size for a scheduler: grows on demand. */
    static final int DEFAULT_INITIAL_CAPACITY = 64;

    /** A spin lock, not a monitor: coroutines push here too (see {@link ShortLock}). */
    private final ShortLock lock = new ShortLock();
    private Runnable[] buffer; // guarded by lock
    private int head; // guarded by lock
    private int size; // guarded by lock
    /** Equals size; written under lock, read without it. */
    private volatile int len;
    /** Written under lock, read without it. */
    private volatile boolean closed;

    InjectQueue() {
        this(DEFAULT_INITIAL_CAPACITY);
    }

    /**
     * @param initialCapacity at least 1; rounded up to a power of two; the ring grows beyond it
     * @throws IllegalArgumentException if initialCapacity is below 1 or above 2^30
     */
    InjectQueue(int initialCapacity) {
        if (initialCapacity < 1 || initialCapacity > 1 << 30) {
            throw new IllegalArgumentException("initialCapacity must be in [1, 2^30]: " + initialCapacity);
        }
        buffer = new Runnable[ceilPowerOfTwo(initialCapacity)];
    }

    private static int ceilPowerOfTwo(int n) {
        return n == 1 ? 1 : Integer.highestOneBit(n - 1) << 1;
    }

    /**
     * Queues a task at the back; any thread.
     *
     * @return false if the queue is closed (the task is not queued)
     */
    @Override
    public boolean push(Runnable task) {
        Objects.requireNonNull(task, "task");
        lock.lock();
        try {
            if (closed) {
                return false;
            }
            ensureRoom(1);
            buffer[(head + size) & (buffer.length - 1)] = task;
            len = ++size; // volatile write: pairs with the lock-free read in len()/isEmpty()
            return true;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Queues {@code tasks[0..count)} at the back, in order, as one unit; any thread.
     *
     * @return false if the queue is closed (none of the tasks is queued)
     */
    @Override
    public boolean pushBatch(Runnable[] tasks, int count) {
        Objects.checkFromIndexSize(0, count, tasks.length);
        for (int i = 0; i < count; i++) {
            Objects.requireNonNull(tasks[i], "tasks[i]");
        }
        lock.lock();
        try {
            if (closed) {
                return false;
            }
            ensureRoom(count);
            int mask = buffer.length - 1;
            int t = head + size;
            for (int i = 0; i < count; i++) {
                buffer[(t + i) & mask] = tasks[i];
            }
            size += count;
            len = size; // volatile write: pairs with the lock-free read in len()/isEmpty()
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** Takes the oldest task, or returns null if there is none; any thread. */
    Runnable pop() {
        if (len == 0) { // volatile read: pairs with the write under lock; skips the lock when idle
            return null;
        }
        lock.lock();
        try {
            if (size == 0) {
                return null;
            }
            Runnable task = buffer[head];
            buffer[head] = null;
            head = (head + 1) & (buffer.length - 1);
            len = --size; // volatile write: pairs with the lock-free read in len()/isEmpty()
            return task;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Takes up to {@code max} of the oldest tasks: returns the first, to run now, and pushes the
     * others to the back of {@code dst} (no more than fit). Returns null if the queue is empty.
     * Tokio does this when a worker turns to the injection queue, so it comes back less often.
     *
     * @param dst a queue owned by the calling thread
     * @param max at least 1
     * @throws IllegalArgumentException if max is below 1
     */
    Runnable popInto(LocalQueue dst, int max) {
        if (max < 1) {
            throw new IllegalArgumentException("max must be >= 1: " + max);
        }
        if (len == 0) { // volatile read: pairs with the write under lock; skips the lock when idle
            return null;
        }
        lock.lock();
        try {
            int n = Math.min(Math.min(size, max), dst.remainingSlots() + 1);
            if (n == 0) {
                return null;
            }
            int mask = buffer.length - 1;
            Runnable first = buffer[head];
            buffer[head] = null;
            int from = (head + 1) & mask;
            int rest = n - 1;
            int untilEnd = Math.min(rest, buffer.length - from); // the ring may wrap once
            dst.pushBackBatch(buffer, from, untilEnd);
            dst.pushBackBatch(buffer, 0, rest - untilEnd);
            for (int i = 0; i < rest; i++) {
                buffer[(from + i) & mask] = null;
            }
            head = (head + n) & mask;
            size -= n;
            len = size; // volatile write: pairs with the lock-free read in len()/isEmpty()
            return first;
        } finally {
            lock.unlock();
        }
    }

    /** For tests: runs {@code body} while holding the queue's lock, as a slow pusher would. */
    void runLocked(Runnable body) {
        lock.lock();
        try {
            body.run();
        } finally {
            lock.unlock();
        }
    }

    /** Grows the ring (under lock) so that {@code extra} more tasks fit. */
    private void ensureRoom(int extra) {
        int needed = size + extra;
        if (needed <= buffer.length) {
            return;
        }
        if (needed > 1 << 30 || needed < 0) {
            throw new IllegalStateException("inject queue cannot hold " + size + " + " + extra + " tasks");
        }
        Runnable[] bigger = new Runnable[ceilPowerOfTwo(needed)];
        int untilEnd = Math.min(size, buffer.length - head);
        System.arraycopy(buffer, head, bigger, 0, untilEnd);
        System.arraycopy(buffer, 0, bigger, untilEnd, size - untilEnd);
        buffer = bigger;
        head = 0;
    }

    /** The number of queued tasks, without locking: a value it had during the call. */
    int len() {
        return len; // volatile read: pairs with the writes under lock
    }

    /** True if no task is queued, without locking: see {@link #len}. */
    boolean isEmpty() {
        return len == 0; // volatile read: pairs with the writes under lock
    }

    /** Refuses all later pushes; queued tasks stay poppable. Idempotent. */
    void close() {
        lock.lock();
        try {
            closed = true; // volatile write under lock: pushes check it under the same lock
        } finally {
            lock.unlock();
        }
    }

    boolean isClosed() {
        return closed; // volatile read: pairs with the write in close()
    }

    @Override
    public String toString() {
        return "InjectQueue[len=" + len + (closed ? ", closed]" : "]");
    }
}
