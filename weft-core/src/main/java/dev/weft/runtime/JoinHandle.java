package dev.weft.runtime;

import dev.weft.future.Future;
import java.util.concurrent.CompletableFuture;

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
     * poll, and joining fails with {@link JoinError}. No effect on a finished task. Returns
     * without waiting; any thread may call it.
     *
     * <p>A coroutine task is told at once: its pending {@code await()} throws
     * {@code CancelledException} even if what it waited for (a lock, a message) was already
     * handed to it — the awaited future is cancelled, so the lock goes on to the next waiter and
     * the message stays in the channel — and so does its next {@code await()} if it is running;
     * a blocking JDK call it sits in is interrupted. Its join completes only when the coroutine
     * has unwound (its {@code finally} blocks ran), so {@code h.abort(); h.await()} may be used
     * to be sure it released what it held. The join gives the coroutine's value if it returned
     * before it saw the cancellation (no value is lost), and {@link JoinError} if it ended by the
     * cancellation.
     *
     * <p>A blocking task ({@link Handle#spawnBlocking}) is cancelled only if its body has not
     * started yet; a running body is not interrupted, and the handle yields its result.
     */
    void abort();

    /**
     * The task's outcome as a {@link CompletableFuture}, for code that speaks
     * {@code CompletionStage}: the task already runs on its runtime; the
     * {@code CompletableFuture} completes with its value, or exceptionally with its failure as
     * it is (a task aborted, or cancelled by its runtime's shutdown, gives its
     * {@link JoinError}, which is a {@link java.util.concurrent.CancellationException}, so
     * {@code isCancelled()} is true: dependent actions see the {@code JoinError} itself, and
     * {@code get()}/{@code join()} throw the JDK's own {@code CancellationException} caused by it).
     *
     * <p><b>Cancellation, both ways:</b> cancelling the {@code CompletableFuture} aborts the
     * task ({@link #abort()}), and so does completing it from outside ({@code complete},
     * {@code completeExceptionally}, {@code orTimeout}): whichever finishes first decides, and
     * the other outcome is dropped. A task failure that loses this race is not joined, so it
     * goes to the runtime's {@link UncaughtFailureHandler} as for any unjoined task.
     *
     * <p><b>Threads:</b> the {@code CompletableFuture} is completed on the thread that finished
     * the task (a worker of the runtime, or a blocking thread); dependent actions registered
     * without an executor run there, so keep them short, or use the {@code *Async} variants.
     * A task spawned on a current-thread runtime runs only while some thread drives that
     * runtime ({@code blockOn}).
     *
     * <p>This joins the handle: call it once, instead of awaiting the handle. The handle's own
     * {@link #abort()} and {@link #isFinished()} still work. (The inherited
     * {@link Future#toCompletableFuture(java.util.concurrent.Executor)} would poll the handle on
     * that executor, and cancelling its result would only detach, as cancelling any join does;
     * this method is the one that ties the two together.)
     *
     * {@snippet :
     * CompletableFuture<String> cf = runtime.spawn(() -> fetchUser(42)).toCompletableFuture();
     * legacyApi.onUser(cf);              // cf.cancel(true) there aborts the task
     * }
     *
     * @return the {@code CompletableFuture} of the task's outcome
     */
    default CompletableFuture<T> toCompletableFuture() {
        return CompletableJoin.of(this);
    }

    /** {@return whether the task completed (with a value, a failure, or a cancellation)} */
    boolean isFinished();

    /** {@return the task's id, unique within its runtime (a local task's: within its {@link LocalSet})} */
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
