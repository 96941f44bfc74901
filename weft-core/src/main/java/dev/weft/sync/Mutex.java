package dev.weft.sync;

import dev.weft.future.internal.Await;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Optional;

/**
 * An async, fair mutual-exclusion lock around a value: {@link #lock()} waits without blocking a
 * thread, and the {@link Guard} it yields reads and writes the value until it is closed.
 * Tokio's {@code Mutex}: a batch semaphore with one permit.
 *
 * <p><b>Fairness:</b> FIFO; waiters get the lock in the order they first polled, and
 * {@link #tryLock()} never overtakes a waiter.
 *
 * <p><b>Memory effects:</b> an unlock ({@link Guard#close()}) happens-before every subsequent
 * successful lock, so the next holder sees every write made under the previous guard.
 *
 * <p><b>Threads:</b> any thread may lock and unlock; a guard may be closed on another thread
 * than the one that locked. Unlike {@code ReentrantLock} it is not reentrant: a holder that
 * locks again waits for itself forever.
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
    private final BatchSemaphore sem = new BatchSemaphore(1, "mutex closed");
    /** Read and written only under a guard: the semaphore orders the holders. */
    private T value;

    /** @param value the initial value, may be null */
    public Mutex(T value) {
        this.value = value;
    }

    /**
     * Waits for the lock.
     *
     * <p><b>Cancel safety:</b> safe. A cancelled lock leaves the queue; if the lock had already
     * been handed to it, it goes on to the next waiter (or is released).
     *
     * @return a lazy future; it joins the queue when first polled
     */
    public Lock<T> lock() {
        return new Lock<>(this);
    }

    /**
     * Takes the lock now if it is free and nobody waits.
     *
     * @return the guard, or empty
     */
    public Optional<Guard<T>> tryLock() {
        return sem.tryAcquire(1) ? Optional.of(new Guard<>(this)) : Optional.empty();
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

    /** @return whether a guard holds the lock right now (a snapshot) */
    public boolean isLocked() {
        return sem.availablePermits() == 0;
    }

    @Override
    public String toString() {
        return isLocked() ? "Mutex[locked]" : "Mutex[unlocked]";
    }

    /**
     * A wait for the lock; see {@link Mutex#lock()}. It is the queue entry itself.
     *
     * @param <T> the type of the protected value
     */
    public static final class Lock<T> extends BatchSemaphore.Acquire<Guard<T>> {
        private final Mutex<T> mutex;

        Lock(Mutex<T> mutex) {
            super(mutex.sem, 1);
            this.mutex = mutex;
        }

        @Override
        Guard<T> acquired() {
            return new Guard<>(mutex);
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
     * {@link #set} throw {@link IllegalStateException}.
     *
     * @param <T> the type of the protected value
     */
    public static final class Guard<T> implements AutoCloseable {
        private static final VarHandle RELEASED;

        static {
            try {
                RELEASED = MethodHandles.lookup().findVarHandle(Guard.class, "released", boolean.class);
            } catch (ReflectiveOperationException e) {
                throw new ExceptionInInitializerError(e);
            }
        }

        private final Mutex<T> mutex;
        @SuppressWarnings("unused") // through RELEASED: the CAS makes close() unlock once
        private volatile boolean released;

        Guard(Mutex<T> mutex) {
            this.mutex = mutex;
        }

        /** @return the protected value */
        public T get() {
            check();
            return mutex.value;
        }

        /** @param value the new value, may be null */
        public void set(T value) {
            check();
            mutex.value = value;
        }

        private void check() {
            if (released) {
                throw new IllegalStateException("mutex guard used after close()");
            }
        }

        /** Unlocks, handing the lock to the next waiter; only the first call counts. */
        @Override
        public void close() {
            if (RELEASED.compareAndSet(this, false, true)) { // one winner among racing closes
                mutex.sem.release(1);
            }
        }

        @Override
        public String toString() {
            return released ? "Mutex.Guard[released]" : "Mutex.Guard[held]";
        }
    }
}
