package dev.weft.future;

import dev.weft.future.internal.Args;
import dev.weft.future.internal.Await;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
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
     * Waits for this future as {@link #await()} does, but throws only unchecked exceptions: the
     * await for a lambda that may not throw checked ones ({@code handles.stream().map(h ->
     * h.join())}), as {@link CompletableFuture#join()} is for {@code get()}. An unchecked failure
     * ({@link RuntimeException}, {@link Error}, {@link CancelledException}) is thrown as it is; a
     * checked one is wrapped in {@link java.util.concurrent.CompletionException}, its cause.
     * Where the checked failure matters, {@code await()} and {@code catch} it instead.
     *
     * {@snippet class=dev.weft.snippets.FutureSnippets region=join}
     *
     * @return the value
     * @throws java.util.concurrent.CompletionException wrapping a checked failure
     */
    default T join() {
        try {
            return await();
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Exception e) {
            throw new java.util.concurrent.CompletionException(e);
        }
    }

    /**
     * Runs this future on {@code executor} and returns a {@link CompletableFuture} of its
     * outcome: the JDK's view of a Weft future, for APIs that take a {@code CompletionStage}.
     * Each wake-up of the future submits one poll to the executor (the first one now), so the
     * future is polled there, one poll at a time. With a Weft runtime's executor
     * ({@code handle.executor()}) the polls are tasks of that runtime, so timers, sockets and
     * {@code Handle.current()} work in them; any other executor runs futures that need no
     * runtime (everything in this package, channels, locks). To run a future as one runtime
     * task with a {@code JoinHandle}, spawn it and use {@code JoinHandle.toCompletableFuture()}.
     *
     * <p><b>Outcome:</b> the value, or the failure as it is ({@code join()} wraps it in
     * {@link java.util.concurrent.CompletionException}, {@code get()} in
     * {@link java.util.concurrent.ExecutionException}, as for any {@code CompletableFuture}). It
     * is completed on the executor's thread, where dependent actions registered without an
     * executor then run: keep them short there, or use the {@code *Async} variants.
     *
     * <p><b>Cancellation, both ways:</b> cancelling the {@code CompletableFuture} — or completing
     * it from outside: {@code complete}, {@code completeExceptionally}, {@code orTimeout} —
     * cancels this future (contract: at most once, releasing what it holds). The future's
     * {@code cancel()} runs in a run on the executor, like its polls, not on the thread that
     * cancelled. If the executor refuses a later run (a runtime that shut down), the future is
     * cancelled on the refused thread and the {@code CompletableFuture} fails with the
     * executor's exception. A future that fails with {@link CancelledException} completes it
     * exceptionally with that exception, so {@code isCancelled()} is true.
     *
     * <p>This future belongs to the {@code CompletableFuture} from now on: do not poll it
     * elsewhere. A direct executor ({@code Runnable::run}) works, but a future that wakes itself
     * while polled then recurses once per self-wake.
     *
     * {@snippet :
     * CompletableFuture<String> cf = fetchUser(42).toCompletableFuture(runtime.handle().executor());
     * cf.thenAccept(System.out::println);
     * }
     *
     * @param executor where to poll the future
     * @return the {@code CompletableFuture} of this future's outcome
     * @throws IllegalArgumentException if {@code executor} is null
     * @throws java.util.concurrent.RejectedExecutionException if the executor refuses the first
     *         poll (then this future is cancelled)
     */
    default CompletableFuture<T> toCompletableFuture(Executor executor) {
        return ExecutorCompletable.start(this, Args.notNull(executor, "executor"));
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
