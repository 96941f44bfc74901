package dev.weft.sync;

import dev.weft.future.internal.Await;
import java.util.Optional;

/**
 * An async, fair readers–writer lock around a value: many {@link ReadGuard}s at once, or one
 * {@link WriteGuard}. Tokio's {@code RwLock}: a batch semaphore of {@code maxReads} permits; a
 * reader takes one, a writer takes all of them.
 *
 * <p><b>Fairness:</b> FIFO, and so writer-preferring. A waiting writer is at the head of the
 * queue (or behind earlier waiters) and collects permits as readers leave; readers that come
 * after it queue behind it, even while other readers hold the lock, so a stream of readers never
 * starves a writer. {@link #tryRead()} and {@link #tryWrite()} never overtake a waiter.
 *
 * <p><b>Memory effects:</b> releasing a write guard happens-before every later successful read or
 * write lock; releasing a read guard happens-before the next successful write lock.
 *
 * <p><b>Threads:</b> any thread may lock and unlock; a guard may be closed on another thread than
 * the one that locked. Not reentrant: a reader that asks for the write lock waits for itself.
 *
 * {@snippet :
 * RwLock<Map<String, Integer>> scores = new RwLock<>(new HashMap<>());
 * try (RwLock.WriteGuard<Map<String, Integer>> w = scores.write().await()) {
 *     w.get().put("ada", 3);
 * }
 * try (RwLock.ReadGuard<Map<String, Integer>> r = scores.read().await()) {
 *     System.out.println(r.get().get("ada"));
 * }
 * }
 *
 * @param <T> the type of the protected value
 */
public final class RwLock<T> {
    /** The default (and largest) number of read guards at once. */
    public static final int MAX_READS = BatchSemaphore.MAX_PERMITS;

    private final BatchSemaphore sem;
    private final int maxReads;
    /** Written only under a write guard, read under either: the semaphore orders them. */
    private T value;

    /**
     * Makes an unlocked lock that protects {@code value}, with up to {@link #MAX_READS} readers at once.
     *
     * @param value the initial value, may be null
     */
    public RwLock(T value) {
        this(value, MAX_READS);
    }

    /**
     * Makes an unlocked lock that protects {@code value}, with up to {@code maxReads} readers at once.
     *
     * @param value the initial value, may be null
     * @param maxReads the most read guards at once; a further reader waits
     * @throws IllegalArgumentException if {@code maxReads} is not in [1, {@link #MAX_READS}]
     */
    public RwLock(T value, int maxReads) {
        this.maxReads = BatchSemaphore.checkCount(maxReads, "maxReads");
        this.sem = new BatchSemaphore(maxReads, "rwlock closed");
        this.value = value;
    }

    /**
     * Waits for shared access.
     *
     * <p><b>Cancel safety:</b> safe. A cancelled read leaves the queue; a permit already handed
     * to it goes on to the next waiter. <b>Fairness:</b> FIFO: it waits behind any earlier writer.
     * <b>Memory effects:</b> every earlier write unlock happens-before it completes.
     * <b>Threads:</b> any thread; await it from a coroutine or a plain thread.
     *
     * @return a lazy future; it joins the queue when first polled
     */
    public Read<T> read() {
        return new Read<>(this);
    }

    /**
     * Waits for exclusive access.
     *
     * <p><b>Cancel safety:</b> safe. A cancelled write leaves the queue and gives back the
     * permits it had collected, so the readers queued behind it get in.
     * <b>Fairness:</b> FIFO: readers that come later wait behind it.
     * <b>Memory effects:</b> every earlier unlock, read or write, happens-before it completes.
     * <b>Threads:</b> any thread; await it from a coroutine or a plain thread.
     *
     * @return a lazy future; it joins the queue when first polled
     */
    public Write<T> write() {
        return new Write<>(this);
    }

    /** {@return a read guard now if no writer holds the lock and nobody waits, else empty} */
    public Optional<ReadGuard<T>> tryRead() {
        return sem.tryAcquire(1) ? Optional.of(new ReadGuard<>(this)) : Optional.empty();
    }

    /** {@return the write guard now if nobody holds the lock and nobody waits, else empty} */
    public Optional<WriteGuard<T>> tryWrite() {
        return sem.tryAcquire(maxReads) ? Optional.of(new WriteGuard<>(this)) : Optional.empty();
    }

    /**
     * Read-locks from a thread that may block (a plain thread, a {@code spawnBlocking} body).
     *
     * @return the guard
     * @throws IllegalStateException on a Weft worker thread that polls a task
     */
    public ReadGuard<T> blockingRead() {
        return Await.await(read());
    }

    /**
     * Write-locks from a thread that may block (a plain thread, a {@code spawnBlocking} body).
     *
     * @return the guard
     * @throws IllegalStateException on a Weft worker thread that polls a task
     */
    public WriteGuard<T> blockingWrite() {
        return Await.await(write());
    }

    @Override
    public String toString() {
        int free = sem.availablePermits();
        return free == maxReads ? "RwLock[unlocked]" : "RwLock[" + (maxReads - free) + " permits held]";
    }

    /**
     * A wait for shared access; see {@link RwLock#read()}. It queues a small waiter only if it
     * has to wait.
     *
     * {@snippet :
     * RwLock.Read<Config> r = config.read();   // lazy: queues when first polled
     * try (RwLock.ReadGuard<Config> g = r.await()) { use(g.get()); }
     * }
     *
     * @param <T> the type of the protected value
     */
    public static final class Read<T> extends BatchAcquire<ReadGuard<T>> {
        private final RwLock<T> lock;

        Read(RwLock<T> lock) {
            super(lock.sem, 1);
            this.lock = lock;
        }

        @Override
        ReadGuard<T> acquired() {
            return new ReadGuard<>(lock);
        }

        /**
         * Waits for shared access, from a coroutine or a plain thread. <b>Cancel safety:</b> safe.
         *
         * @return the guard
         */
        @Override
        public ReadGuard<T> await() {
            return Await.await(this);
        }
    }

    /**
     * A wait for exclusive access; see {@link RwLock#write()}. It queues a small waiter only if
     * it has to wait.
     *
     * {@snippet :
     * Selected<Object> s = Weft.<Object>select(config.write(), Weft.sleep(Duration.ofSeconds(1))).await();
     * // if the sleep won, the write was cancelled and the readers queued behind it go in
     * }
     *
     * @param <T> the type of the protected value
     */
    public static final class Write<T> extends BatchAcquire<WriteGuard<T>> {
        private final RwLock<T> lock;

        Write(RwLock<T> lock) {
            super(lock.sem, lock.maxReads);
            this.lock = lock;
        }

        @Override
        WriteGuard<T> acquired() {
            return new WriteGuard<>(lock);
        }

        /**
         * Waits for exclusive access, from a coroutine or a plain thread. <b>Cancel safety:</b>
         * safe.
         *
         * @return the guard
         */
        @Override
        public WriteGuard<T> await() {
            return Await.await(this);
        }
    }

    /**
     * Shared access, held. {@link #close()} releases exactly once; after it, {@link #get()}
     * throws {@link IllegalStateException}.
     *
     * {@snippet :
     * try (RwLock.ReadGuard<Config> g = config.tryRead().orElseThrow()) {
     *     return g.get().port();
     * }
     * }
     *
     * @param <T> the type of the protected value
     */
    public static final class ReadGuard<T> implements AutoCloseable {
        private final RwLock<T> lock;
        /**
         * Guarded by this guard's monitor, which makes racing closes release once (kept, not a
         * ShortLock: an atomic on the guard stops scalar replacement; see Semaphore.Permit).
         */
        private boolean released;

        ReadGuard(RwLock<T> lock) {
            this.lock = lock;
        }

        /** {@return the protected value} */
        public T get() {
            if (released) {
                throw new IllegalStateException("read guard used after close()");
            }
            return lock.value;
        }

        /** Releases the read permit; only the first call counts. */
        @Override
        public void close() {
            synchronized (this) { // one winner among racing closes; elided when the guard does not escape
                if (released) {
                    return;
                }
                released = true;
            }
            lock.sem.release(1);
        }

        @Override
        public String toString() {
            return released ? "RwLock.ReadGuard[released]" : "RwLock.ReadGuard[held]";
        }
    }

    /**
     * Exclusive access, held. {@link #close()} releases exactly once; after it, {@link #get()}
     * and {@link #set} throw {@link IllegalStateException}.
     *
     * {@snippet :
     * try (RwLock.WriteGuard<Config> g = config.write().await()) {
     *     g.set(g.get().withPort(8080));
     * }
     * }
     *
     * @param <T> the type of the protected value
     */
    public static final class WriteGuard<T> implements AutoCloseable {
        private final RwLock<T> lock;
        /**
         * Guarded by this guard's monitor, which makes racing closes release once (kept, not a
         * ShortLock: an atomic on the guard stops scalar replacement; see Semaphore.Permit).
         */
        private boolean released;

        WriteGuard(RwLock<T> lock) {
            this.lock = lock;
        }

        /** {@return the protected value} */
        public T get() {
            check();
            return lock.value;
        }

        /**
         * Replaces the protected value.
         *
         * @param value the new value, may be null
         */
        public void set(T value) {
            check();
            lock.value = value;
        }

        private void check() {
            if (released) {
                throw new IllegalStateException("write guard used after close()");
            }
        }

        /** Releases the lock, handing it to the next waiters; only the first call counts. */
        @Override
        public void close() {
            synchronized (this) { // one winner among racing closes; elided when the guard does not escape
                if (released) {
                    return;
                }
                released = true;
            }
            lock.sem.release(lock.maxReads);
        }

        @Override
        public String toString() {
            return released ? "RwLock.WriteGuard[released]" : "RwLock.WriteGuard[held]";
        }
    }
}
