package dev.weft.future;

import dev.weft.future.internal.Args;
import dev.weft.future.internal.Await;
import java.util.function.Function;

/**
 * An asynchronous computation that completes with a value or a failure.
 *
 * <p>A future is <em>lazy</em>: nothing happens until something calls {@link #poll}. Each call
 * either completes ({@link Poll.Ready} or {@link Poll.Failed}) or returns {@link Poll#pending()},
 * in which case the future has arranged for {@code cx.waker()} to be woken when polling again
 * may make progress (the <em>pending contract</em>). {@code poll} never blocks the thread.
 * Polling again after completion is a bug and throws {@link IllegalStateException}.
 *
 * <p>{@link #cancel()} is Java's {@code drop}: the owner that abandons a future before it is
 * ready calls it at most once, and the future releases every registration it holds (timer
 * entry, waiter slot, I/O interest) and loses nothing.
 *
 * <p>From sequential code, {@link #await()} waits for the result: inside a coroutine it
 * suspends the coroutine; on any other thread that is not a Weft worker it parks the thread.
 *
 * {@snippet :
 * Future<Integer> answer = Futures.ready(21).map(x -> x * 2);
 * int v = Futures.blockOn(answer);   // 42
 * }
 *
 * @param <T> the type of the value
 */
@FunctionalInterface
public interface Future<T> {

    /**
     * Attempts to make progress.
     *
     * @param cx the task's context; its waker is the one to wake when progress is possible
     * @return the result, or {@link Poll#pending()} after arranging a wake-up of {@code cx.waker()}
     */
    Poll<T> poll(Context cx);

    /**
     * Abandons this future before it completed, releasing whatever it registered.
     * Called at most once, by the owner; the default does nothing.
     */
    default void cancel() {
    }

    /**
     * Waits for this future and returns its value, or rethrows its failure as it is (never
     * wrapped). Inside a coroutine this suspends only the coroutine; on a plain thread it parks
     * the thread. On a Weft worker thread that is polling a task it throws
     * {@link IllegalStateException}: compose with {@link #map}/{@link #then} there, or run
     * sequential code as a coroutine ({@code Async.async}).
     *
     * <p>If the waiting coroutine is cancelled, this future is cancelled and
     * {@link CancelledException} is thrown.
     *
     * @return the value
     * @throws Exception the future's failure, as it is
     */
    default T await() throws Exception {
        return Await.await(this);
    }

    /**
     * Returns a future that completes with {@code fn} applied to this future's value; a failure
     * passes through unchanged, and an exception thrown by {@code fn} becomes the failure.
     *
     * @param fn the function to apply
     * @param <U> the new value type
     * @return the mapped future
     */
    default <U> Future<U> map(Function<? super T, ? extends U> fn) {
        return new MapFuture<>(this, Args.notNull(fn, "fn"));
    }

    /**
     * Returns a future that, when this one completes with a value, continues with the future
     * {@code fn} returns for it (flat-map). A failure passes through unchanged.
     *
     * @param fn the continuation
     * @param <U> the new value type
     * @return the chained future
     */
    default <U> Future<U> then(Function<? super T, ? extends Future<U>> fn) {
        return new ThenFuture<>(this, Args.notNull(fn, "fn"));
    }
}
