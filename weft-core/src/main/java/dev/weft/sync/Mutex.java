package dev.weft.sync;

import dev.weft.future.Context;
import dev.weft.future.Poll;
import dev.weft.future.UncheckedFuture;
import dev.weft.future.internal.Await;
import dev.weft.future.internal.Coop;
import java.util.Optional;

/**
 * An async mutual-exclusion lock around a value: {@link #lock()} waits without blocking a
 * thread, and the {@link Guard} it yields reads and writes the value until it is closed.
 *
 * <p><b>Fairness:</b> waiters queue in FIFO order, but the lock is not handed strictly in that
 * order: a task that finds it free takes it at once, even while others wait (barging, as
 * {@code ReentrantLock}, parking_lot and Go do; Tokio's and kotlinx's mutexes are strictly FIFO).
 * An unlock with waiters frees the lock and wakes the longest waiter to try again; a waiter that
 * has lost that race twice gets the lock handed over at
 * the next unlock, and nobody barges until it has it. So no waiter starves, and under contention
 * a running task takes the lock again without a task switch per lock (a strictly fair hand-off
 * costs one for every lock: see {@code docs/design-notes.md}). {@link #tryLock()} barges too.
 *
 * <p><b>Memory effects:</b> an unlock ({@link Guard#close()}) happens-before every subsequent
 * successful lock, so the next holder sees every write made under the previous guard.
 *
 * <p><b>Threads:</b> any thread may lock and unlock; a guard may be closed on another thread
 * than the one that locked. Unlike {@code ReentrantLock} it is not reentrant: a holder that
 * locks again waits for itself forever.
 *
 * <p><b>Allocation:</b> an uncontended {@code lock()} polled ready, or a {@code tryLock()}, whose
 * guard is closed in the same method (try-with-resources) allocates nothing once compiled: the
 * future, the {@code Optional} and the guard do not escape, and the JIT scalar-replaces them. A
 * lock that waits queues one small waiter.
 *
 * {@snippet :
 * Mutex<List<String>> names = new Mutex<>(new ArrayList<>());
 * try (Mutex.Guard<List<String>> g = names.lock().await()) {
 *     g.get().add("ada");
 * }
 * }
 *
 * @param <T> the type of the protected value
 */
public final class Mutex<T> {
    final RawMutex raw = new RawMutex(); // package-private for tests
    /** Read and written only under a guard: the lock word orders the holders. */
    private T value;

    /**
     * Makes an unlocked mutex that protects {@code value}.
     *
     * @param value the initial value, may be null
     */
    public Mutex(T value) {
        this.value = value;
    }

    /**
     * Waits for the lock.
     *
     * <p><b>Cancel safety:</b> safe. A cancelled lock leaves the queue, passing on a wake-up it
     * had; if the lock had already been handed to it, it is unlocked again.
     *
     * @return a lazy future; it tries the lock, or queues, when first polled
     */
    public Lock<T> lock() {
        return new Lock<>(this);
    }

    /**
     * Takes the lock now if it is free (even if others wait: see the fairness rule).
     *
     * @return the guard, or empty
     */
    public Optional<Guard<T>> tryLock() {
        long gen = raw.tryLock();
        return gen >= 0 ? Optional.of(new Guard<>(this, gen)) : Optional.empty();
    }

    /**
     * Locks from a thread that may block: a plain platform or virtual thread, or a
     * {@code spawnBlocking} body. The thread parks until the lock is free (in a coroutine it
     * suspends, like {@code lock().await()}).
     *
     * @return the guard
     * @throws IllegalStateException on a Weft worker thread that polls a task: blocking there
     *         would stall every task of the worker
     * @throws dev.weft.future.CancelledException if the thread is interrupted while waiting
     *         (the lock is then not taken)
     */
    public Guard<T> blockingLock() {
        return Await.await(lock());
    }

    /** {@return whether a guard holds the lock right now (a snapshot)} */
    public boolean isLocked() {
        return raw.isLocked();
    }

    @Override
    public String toString() {
        return isLocked() ? "Mutex[locked]" : "Mutex[unlocked]";
    }

    /**
     * A wait for the lock; see {@link Mutex#lock()}. The cooperative budget is spent only by a
     * poll that gets the lock (a lock handed over while the budget is spent is kept for the
     * next poll).
     *
     * @param <T> the type of the protected value
     */
    public static final class Lock<T> implements UncheckedFuture<Guard<T>> {
        private final Mutex<T> mutex;
        /** Null before the slow path; then the waiter (queued, or HANDED the lock). Owned by the polling task. */
        private RawMutex.Waiter waiter;
        private boolean done;

        Lock(Mutex<T> mutex) {
            this.mutex = mutex;
        }

        @Override
        public Poll<Guard<T>> poll(Context cx) {
            if (done) {
                throw new IllegalStateException("lock polled after it completed or was cancelled");
            }
            RawMutex raw = mutex.raw;
            RawMutex.Waiter w = waiter;
            if (w == null) {
                if (RawMutex.free(raw.getVolatileState())) {
                    if (!Coop.proceed(cx)) {
                        return Poll.pending(); // nothing taken; the task is re-woken
                    }
                    long gen = raw.tryLock();
                    if (gen >= 0) {
                        done = true;
                        return Poll.ready(new Guard<>(mutex, gen));
                    }
                }
                w = raw.lockSlow(cx.waker());
                waiter = w;
            } else if (w.getAcquireState() != RawMutex.Waiter.HANDED) {
                if (RawMutex.free(raw.getVolatileState()) && !Coop.proceed(cx)) {
                    return Poll.pending(); // retry on the next poll
                }
                if (!raw.retry(w, cx.waker())) {
                    return Poll.pending();
                }
            }
            if (w.getAcquireState() != RawMutex.Waiter.HANDED) {
                return Poll.pending(); // queued
            }
            if (!Coop.proceed(cx)) {
                return Poll.pending(); // the lock is ours; kept for the next poll
            }
            done = true;
            return Poll.ready(new Guard<>(mutex, w.gen));
        }

        /** Leaves the queue; a lock already handed to it is unlocked (see {@link Mutex#lock()}). */
        @Override
        public void cancel() {
            if (done) {
                return;
            }
            done = true;
            if (waiter != null) {
                mutex.raw.cancel(waiter);
            }
        }

        /**
         * Waits for the lock. Call from a coroutine or a plain thread, not from a worker that
         * polls a task. <b>Cancel safety:</b> safe (see {@link Mutex#lock()}).
         *
         * @return the guard
         */
        @Override
        public Guard<T> await() {
            return Await.await(this);
        }
    }

    /**
     * The lock, held. {@link #close()} unlocks exactly once; after it, {@link #get()} and
     * {@link #set} throw {@link IllegalStateException} (on a thread that sees the close: the
     * one that closed it, or one the guard was handed to afterwards). Each guard stands for one
     * hold of the lock (a generation of the lock word), so a stale guard never unlocks somebody
     * else's hold.
     *
     * @param <T> the type of the protected value
     */
    public static final class Guard<T> implements AutoCloseable {
        private final Mutex<T> mutex;
        /**
         * The hold this guard stands for, or -1 once this guard was closed. An unlock names the
         * hold, so of two closes racing on different threads only the first unlocks.
         */
        private long gen;

        Guard(Mutex<T> mutex, long gen) {
            this.mutex = mutex;
            this.gen = gen;
        }

        /** {@return the protected value} */
        public T get() {
            check();
            return mutex.value;
        }

        /**
         * Replaces the protected value.
         *
         * @param value the new value, may be null
         */
        public void set(T value) {
            check();
            mutex.value = value;
        }

        private void check() {
            if (gen < 0) {
                throw new IllegalStateException("mutex guard used after close()");
            }
        }

        /**
         * Unlocks (waking the longest waiter, or handing it the lock); only the first call
         * counts, even if two threads race to close it.
         */
        @Override
        public void close() {
            long g = gen;
            if (g >= 0) {
                gen = -1;
                mutex.raw.unlock(g);
            }
        }

        @Override
        public String toString() {
            return gen < 0 ? "Mutex.Guard[released]" : "Mutex.Guard[held]";
        }
    }
}
