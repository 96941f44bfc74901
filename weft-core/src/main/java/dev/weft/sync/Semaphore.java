package dev.weft.sync;

import dev.weft.future.internal.Await;
import java.util.Optional;

/**
 * An async counting semaphore: {@link #acquire()} waits for a permit without blocking a thread.
 * Tokio's {@code Semaphore}.
 *
 * <p><b>Fairness:</b> strictly FIFO. Waiters are served in the order they first polled, and a
 * waiter for many permits at the head of the queue is not overtaken by later, smaller ones:
 * released permits are assigned to it (even partially) until it has all it asked for.
 * {@link #tryAcquire} never barges past waiters either.
 *
 * <p><b>Memory effects:</b> releasing a permit (closing it, or {@link #addPermits}) happens-before
 * every acquire that receives that permit completes.
 *
 * <p><b>Threads:</b> every method may be called from any thread. An {@link Acquire} future, like
 * every future, is polled by one task at a time.
 *
 * {@snippet :
 * Semaphore connections = new Semaphore(10);
 * try (Semaphore.Permit p = connections.acquire().await()) {
 *     return fetch(url).await();          // at most 10 fetches at a time
 * }
 * }
 */
public final class Semaphore {
    /** The largest number of permits a semaphore may hold in total. */
    public static final int MAX_PERMITS = BatchSemaphore.MAX_PERMITS;

    final BatchSemaphore sem; // package-private for tests

    /**
     * Makes a semaphore with {@code permits} permits.
     *
     * @param permits the initial number of permits, in {@code [0, MAX_PERMITS]}
     * @throws IllegalArgumentException if out of range
     */
    public Semaphore(int permits) {
        this.sem = new BatchSemaphore(permits, "semaphore closed");
    }

    /**
     * Waits for one permit. Same as {@code acquire(1)}.
     *
     * @return a lazy future; it joins the queue when first polled
     */
    public Acquire acquire() {
        return new Acquire(this, 1);
    }

    /**
     * Waits for {@code n} permits, all at once, in FIFO order with the other waiters.
     *
     * <p><b>Cancel safety:</b> safe. Cancelling the future before it completed gives every
     * permit assigned to it so far back, to the next waiters first, and its place in the queue
     * is lost. <b>Failure:</b> {@link SemaphoreClosedException} if the semaphore is closed
     * before all {@code n} permits were assigned.
     *
     * @param n the number of permits, at least 1
     * @return a lazy future; it joins the queue when first polled
     * @throws IllegalArgumentException if {@code n < 1} or {@code n > MAX_PERMITS}
     */
    public Acquire acquire(int n) {
        return new Acquire(this, BatchSemaphore.checkCount(n, "n"));
    }

    /**
     * Takes a permit now if one is free and nobody waits.
     *
     * @return the permit, or empty
     * @throws SemaphoreClosedException if the semaphore is closed
     */
    public Optional<Permit> tryAcquire() {
        return tryAcquire(1);
    }

    /**
     * Takes {@code n} permits now if they are free and nobody waits (it never overtakes a
     * waiter).
     *
     * @param n the number of permits, at least 1
     * @return the permit, or empty
     * @throws IllegalArgumentException if {@code n < 1} or {@code n > MAX_PERMITS}
     * @throws SemaphoreClosedException if the semaphore is closed
     */
    public Optional<Permit> tryAcquire(int n) {
        BatchSemaphore.checkCount(n, "n");
        return sem.tryAcquire(n) ? Optional.of(new Permit(this, n)) : Optional.empty();
    }

    /**
     * Adds {@code n} new permits, handing them to waiters first.
     *
     * @param n the number of permits to add, {@code >= 0}
     * @throws IllegalArgumentException if negative or if the total would exceed {@link #MAX_PERMITS}
     */
    public void addPermits(int n) {
        sem.addPermits(n);
    }

    /** {@return the permits free right now (0 while anybody waits)} */
    public int availablePermits() {
        return sem.availablePermits();
    }

    /**
     * Closes the semaphore: the current waiters and every later acquire fail with
     * {@link SemaphoreClosedException}. Permits already held stay valid and may still be
     * closed (released). Idempotent.
     */
    public void close() {
        sem.close();
    }

    /** {@return whether {@link #close()} was called} */
    public boolean isClosed() {
        return sem.isClosed();
    }

    @Override
    public String toString() {
        return "Semaphore[available=" + availablePermits() + (isClosed() ? ", closed]" : "]");
    }

    /**
     * A wait for permits; see {@link Semaphore#acquire(int)}. It queues a small waiter only if
     * it has to wait; an acquire that is created, polled ready and closed within one method
     * (try-with-resources) allocates nothing once the JIT has compiled it, as the future, its
     * result and the permit do not escape.
     */
    public static final class Acquire extends BatchAcquire<Permit> {
        private final Semaphore owner;

        Acquire(Semaphore owner, int n) {
            super(owner.sem, n);
            this.owner = owner;
        }

        @Override
        Permit acquired() {
            return new Permit(owner, count);
        }

        /**
         * Waits for the permits. Call from a coroutine or a plain thread, not from a worker that
         * polls a task. <b>Cancel safety:</b> safe (see {@link Semaphore#acquire(int)}).
         *
         * @return the permit
         * @throws SemaphoreClosedException if the semaphore was closed first
         */
        @Override
        public Permit await() {
            return Await.await(this);
        }
    }

    /**
     * Permits held. {@link #close()} gives them back exactly once (further calls do nothing);
     * use it in try-with-resources. May be closed from any thread.
     */
    public static final class Permit implements AutoCloseable {
        private final Semaphore semaphore;
        private final int count;
        /**
         * Guarded by this permit's monitor, which makes racing closes return the permits once;
         * the JIT elides the lock when the permit does not escape (no CAS here on purpose: an
         * atomic on the permit would keep it from being scalar-replaced). So a monitor, not a
         * ShortLock (as are RwLock's guards; docs/design-notes.md): only closes of this permit
         * meet here, and a worker could wait for a coroutine only by closing it again while a
         * racing close from a coroutine was handed the monitor.
         */
        private boolean released;

        Permit(Semaphore semaphore, int count) {
            this.semaphore = semaphore;
            this.count = count;
        }

        /** {@return how many permits this holds} */
        public int count() {
            return count;
        }

        /** {@return the semaphore the permits came from} */
        public Semaphore semaphore() {
            return semaphore;
        }

        /** Gives the permits back (to the next waiters first); only the first call counts. */
        @Override
        public void close() {
            if (markReleased()) {
                semaphore.sem.release(count);
            }
        }

        private boolean markReleased() {
            synchronized (this) {
                if (released) {
                    return false;
                }
                released = true;
                return true;
            }
        }

        /**
         * Drops the permits for good: the semaphore ends up with {@code count()} fewer. After
         * this, {@link #close()} does nothing.
         */
        public void forget() {
            if (markReleased()) {
                semaphore.sem.forget(count);
            }
        }

        @Override
        public String toString() {
            synchronized (this) {
                return "Permit[" + count + (released ? ", released]" : "]");
            }
        }
    }
}
