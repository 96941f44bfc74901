package dev.weft.runtime;

import dev.weft.future.Future;

/**
 * A spawned task's handle: a {@link Future} of the task's output, plus {@link #abort()}.
 *
 * <p>Awaiting the handle returns the task's value or rethrows the task's failure as it is (the
 * original exception, type and stack). A task that was aborted, or cancelled because its
 * runtime shut down, fails with {@link JoinError}. Cancelling the handle's future (dropping it,
 * e.g. as a {@code select} loser) only detaches: the task keeps running, as in Tokio. The handle
 * may be awaited once; polling it after it completed throws {@link IllegalStateException}.
 *
 * {@snippet :
 * JoinHandle<String> h = Weft.spawn(() -> "hello");
 * System.out.println(h.await());   // hello
 * }
 *
 * @param <T> the task's output type
 */
public interface JoinHandle<T> extends Future<T> {

    /**
     * Requests cancellation: the task's future is cancelled on its runtime before its next
     * poll, its coroutine (if any) sees {@code CancelledException}, and joining fails with
     * {@link JoinError}. No effect on a finished task. Returns without waiting.
     *
     * <p>A blocking task ({@link Handle#spawnBlocking}) is cancelled only if its body has not
     * started yet; a running body is not interrupted, and the handle yields its result.
     */
    void abort();

    /** @return whether the task completed (with a value, a failure, or a cancellation) */
    boolean isFinished();

    /** @return the task's id, unique within its runtime (a local task's: within its {@link LocalSet}) */
    long id();

    /**
     * The task's name: the one given to {@code spawn(name, ...)}, or {@code task-<id>} for a task
     * spawned without one (as an unnamed {@link Thread} is {@code Thread-<n>}). Names need not
     * be unique; the {@link #id()} is.
     *
     * @return the name, never null
     */
    default String name() {
        return "task-" + id();
    }
}
