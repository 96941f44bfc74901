package dev.weft.sync;

import dev.weft.future.Context;
import dev.weft.future.Future;
import dev.weft.future.Poll;
import dev.weft.future.internal.Args;
import dev.weft.future.internal.Await;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A value set at most once, perhaps by an async initialiser: Tokio's {@code OnceCell}.
 * {@link #getOrInit} runs one initialiser at a time; the callers that race it wait and then all
 * see the one value.
 *
 * <p><b>Rules of {@code getOrInit}.</b> (1) Once a value is set, it is returned at once and no
 * initialiser runs again. (2) While one caller runs its initialiser, the others wait, in FIFO
 * order, without running theirs. (3) If the caller running the initialiser is cancelled, its
 * initialiser is cancelled and the next waiter runs <em>its own</em> initialiser. (4) If an
 * initialiser fails (or yields null), that caller fails with the error and the next waiter
 * tries its own; the cell stays empty.
 *
 * <p><b>Memory effects:</b> setting the value (by {@link #set} or an initialiser) happens-before
 * every {@link #get()} or {@code getOrInit} that returns it.
 *
 * <p><b>Threads:</b> every method may be called from any thread.
 *
 * <h2>Implementation notes</h2>
 * A volatile value and a one-permit {@link BatchSemaphore}: whoever holds the permit may
 * initialise. Setting the value writes it (volatile) and then closes the semaphore, which fails
 * every queued and later acquire; a waiter whose acquire fails reads the value, which the volatile
 * write published before the close. A failed or cancelled
 * initialiser releases the permit, and the batch semaphore hands it to the next waiter.
 *
 * {@snippet :
 * OnceCell<Config> config = new OnceCell<>();
 * Config c = config.getOrInit(() -> loadConfig()).await();   // loads once, whoever asks first
 * }
 *
 * @param <T> the type of the value (not null)
 */
public final class OnceCell<T> {
    private final BatchSemaphore sem = new BatchSemaphore(1, "once cell set");
    /** Written once, before {@code sem.close()}; read without a lock (volatile: pairs with that write). */
    private volatile T value;

    /** An empty cell. */
    public OnceCell() {
    }

    /**
     * Makes a cell that is already set.
     *
     * @param value the value
     * @param <T> the type of the value
     * @return a cell that holds it
     * @throws IllegalArgumentException if {@code value} is null
     */
    public static <T> OnceCell<T> of(T value) {
        OnceCell<T> cell = new OnceCell<>();
        cell.set(value);
        return cell;
    }

    /** {@return the value, or empty if it is not set yet} */
    public Optional<T> get() {
        return Optional.ofNullable(value);
    }

    /**
     * Sets the value now.
     *
     * @param value the value
     * @throws IllegalArgumentException if {@code value} is null
     * @throws IllegalStateException if the cell is set already, or an initialiser is running
     */
    public void set(T value) {
        Args.notNull(value, "value");
        boolean mine;
        try {
            mine = sem.tryAcquire(1);
        } catch (SemaphoreClosedException e) {
            throw new IllegalStateException("OnceCell already set");
        }
        if (!mine) {
            throw new IllegalStateException("OnceCell is being initialised");
        }
        publish(value);
    }

    /** Called by the permit holder. */
    private void publish(T v) {
        value = v; // volatile write: before the close, so every failed acquire sees it
        sem.close();
    }

    /**
     * Returns the value, running {@code init} to make it if the cell is empty and no other caller
     * is initialising it; see the class comment for the rules.
     *
     * <p><b>Cancel safety:</b> safe. A cancelled waiter leaves the queue; a cancelled initialiser
     * is cancelled and the next waiter takes over with its own. <b>Fairness:</b> waiters take
     * turns to initialise in FIFO order of their first poll. <b>Memory effects:</b> see the class
     * comment. <b>Threads:</b> any thread; the initialiser's future is polled by the task that
     * awaits this one.
     *
     * @param init makes the value; called at most once per call of this method, only when this
     *        caller's turn to initialise comes
     * @return a lazy future
     * @throws IllegalArgumentException if {@code init} is null
     */
    public GetOrInit<T> getOrInit(Supplier<? extends Future<? extends T>> init) {
        return new GetOrInit<>(this, Args.notNull(init, "init"));
    }

    @Override
    public String toString() {
        T v = value;
        return v == null ? "OnceCell[empty]" : "OnceCell[" + v + "]";
    }

    /** A one-permit acquire that yields nothing. */
    private static final class Turn extends BatchAcquire<Boolean> {
        Turn(BatchSemaphore sem) {
            super(sem, 1);
        }

        @Override
        Boolean acquired() {
            return Boolean.TRUE;
        }
    }

    /**
     * A wait for the value, which may run an initialiser; see {@link OnceCell#getOrInit}.
     *
     * {@snippet :
     * OnceCell.GetOrInit<Config> g = config.getOrInit(() -> loadConfig());   // lazy
     * Config c = g.await();
     * }
     *
     * @param <T> the type of the value
     */
    public static final class GetOrInit<T> implements Future<T> {
        private final OnceCell<T> cell;
        private final Supplier<? extends Future<? extends T>> supplier;
        /** Owned by the polling task, like every field below. */
        private Turn turn;
        /** Non-null while this caller holds the permit and its initialiser runs. */
        private Future<? extends T> init;
        private boolean done;

        GetOrInit(OnceCell<T> cell, Supplier<? extends Future<? extends T>> supplier) {
            this.cell = cell;
            this.supplier = supplier;
        }

        @Override
        public Poll<T> poll(Context cx) {
            if (done) {
                throw new IllegalStateException("getOrInit polled after it completed or was cancelled");
            }
            if (init == null) {
                T v = cell.value; // volatile read: pairs with the write in publish()
                if (v != null && turn == null) {
                    return finish(Poll.ready(v));
                }
                if (turn == null) {
                    turn = new Turn(cell.sem);
                }
                Poll<Boolean> t = turn.poll(cx);
                if (t.isPending()) {
                    return Poll.pending();
                }
                if (t instanceof Poll.Failed<Boolean>) { // closed: the value is set
                    return finish(Poll.ready(cell.value));
                }
                try {
                    init = Args.notNull(supplier.get(), "the future init returned");
                } catch (RuntimeException | Error e) {
                    cell.sem.release(1);
                    return finish(Poll.failed(e));
                }
            }
            Poll<? extends T> p = init.poll(cx);
            return switch (p) {
                case Poll.Pending<? extends T> pending -> Poll.pending();
                case Poll.Failed<? extends T> f -> {
                    init = null;
                    cell.sem.release(1); // the next waiter tries its own initialiser
                    yield finish(Poll.failed(f.error()));
                }
                case Poll.Ready<? extends T> r -> {
                    init = null;
                    if (r.value() == null) {
                        cell.sem.release(1);
                        yield finish(Poll.failed(new NullPointerException("the OnceCell initialiser yielded null")));
                    }
                    cell.publish(r.value());
                    yield finish(Poll.ready(r.value()));
                }
            };
        }

        private Poll<T> finish(Poll<T> result) {
            done = true;
            turn = null;
            return result;
        }

        /** Leaves the queue, or cancels the running initialiser and passes the turn on. */
        @Override
        public void cancel() {
            if (done) {
                return;
            }
            done = true;
            if (init != null) {
                Future<? extends T> running = init;
                init = null;
                running.cancel();
                cell.sem.release(1); // the next waiter takes over with its own initialiser
            } else if (turn != null) {
                turn.cancel(); // an assigned but unused permit goes on, too
            }
            turn = null;
        }

        /**
         * Waits for the value, from a coroutine or a plain thread. <b>Cancel safety:</b> safe.
         *
         * @return the value
         * @throws Exception the failure of this caller's initialiser
         */
        @Override
        public T await() throws Exception {
            return Await.await(this);
        }
    }
}
