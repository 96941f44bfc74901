package dev.weft.future;

import dev.weft.future.internal.Args;
import dev.weft.future.internal.Await;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Making futures without a runtime: {@link #ready}, {@link #failed}, {@link #pending},
 * {@link #pollFn}, {@link #lazy}, and {@link #blockOn}, the smallest executor (Rust's
 * {@code futures::executor::block_on}).
 *
 * <p>Every future made here may be polled from any thread, but by one thread at a time (as a
 * task polls its future), and throws {@link IllegalStateException} if polled after it completed.
 * A combinator owns the futures given to it: it cancels each one it abandons before that one
 * completed, exactly once, and passes the caller's {@link Context} to every child it polls, so a
 * combinator is {@code Pending} only when a child is.
 *
 * {@snippet :
 * Future<Integer> answer = Futures.ready(21).map(x -> x * 2);
 * System.out.println(Futures.blockOn(answer));   // 42
 * }
 */
public final class Futures {
    private Futures() {
    }

    /**
     * A future that completes with {@code value} at its first poll.
     *
     * {@snippet :
     * Future<String> f = Futures.ready("hello");
     * Future<Void> done = Futures.ready(null);
     * }
     *
     * @param value the value, may be {@code null}
     * @param <T> the type of the value
     * @return the future
     */
    public static <T> Future<T> ready(T value) {
        return new ReadyFuture<>(Poll.ready(value));
    }

    /**
     * A future that fails with {@code error} at its first poll.
     *
     * {@snippet :
     * Future<String> f = Futures.failed(new IOException("disk full"));
     * }
     *
     * @param error the failure
     * @param <T> the type the value would have had
     * @return the future
     * @throws IllegalArgumentException if {@code error} is null
     */
    public static <T> Future<T> failed(Throwable error) {
        return new ReadyFuture<>(Poll.failed(Args.notNull(error, "error")));
    }

    /**
     * A future that never completes; cancelling it does nothing. It never needs waking, so
     * returning {@code Pending} without registering the waker keeps the pending contract.
     *
     * {@snippet :
     * // a select branch that never wins
     * Future<String> never = Futures.pending();
     * }
     *
     * @param <T> the type of the value
     * @return the shared never-completing future
     */
    @SuppressWarnings("unchecked") // it never produces a value, so any T is safe
    public static <T> Future<T> pending() {
        return (Future<T>) (Future<?>) PendingFuture.INSTANCE;
    }

    /**
     * A future whose {@code poll} is {@code fn}. The function follows the pending contract: it
     * returns {@code Pending} only after arranging a wake-up of {@code cx.waker()}. An unchecked
     * exception thrown by {@code fn}, or a {@code null} result, becomes the failure. After a
     * ready result {@code fn} is not called again.
     *
     * {@snippet :
     * Future<String> f = Futures.pollFn(cx -> {
     *     mailbox.setWaker(cx.waker());      // woken when a message arrives
     *     String m = mailbox.poll();         // checked after registering: no lost wake-up
     *     return m != null ? Poll.ready(m) : Poll.pending();
     * });
     * }
     *
     * @param fn the poll function
     * @param <T> the type of the value
     * @return the future
     * @throws IllegalArgumentException if {@code fn} is null
     */
    public static <T> Future<T> pollFn(Function<? super Context, ? extends Poll<T>> fn) {
        return new PollFnFuture<>(Args.notNull(fn, "fn"));
    }

    /**
     * A future that calls {@code supplier} at its first poll and then behaves as the future it
     * returned. An unchecked exception thrown by {@code supplier}, or a {@code null} result,
     * becomes the failure. Cancelling before the first poll never calls {@code supplier}.
     *
     * {@snippet :
     * Future<Config> cfg = Futures.lazy(() -> Futures.ready(Config.load()));  // loads when polled
     * }
     *
     * @param supplier makes the future
     * @param <T> the type of the value
     * @return the future
     * @throws IllegalArgumentException if {@code supplier} is null
     */
    public static <T> Future<T> lazy(Supplier<? extends Future<T>> supplier) {
        return new LazyFuture<>(Args.notNull(supplier, "supplier"));
    }

    /**
     * Runs {@code future} to completion on the calling thread and returns its value, or rethrows
     * its failure as it is (a checked exception too, never wrapped). The thread polls the future,
     * parks while it is pending, and is unparked by the future's waker, which may be woken from
     * any thread. Needs no runtime, so it drives only futures that need none (everything in this
     * package); a timer or socket future needs {@code Runtime.blockOn}.
     *
     * <p>This is {@link Future#await()}: inside a coroutine it suspends the coroutine instead of
     * parking a thread.
     *
     * <p><b>Threads:</b> a plain platform or virtual thread. A Weft worker thread that is polling
     * a task must not block, so there this throws {@link IllegalStateException} (compose with
     * {@code map}/{@code then}, or use a coroutine).
     *
     * <p><b>Memory:</b> whatever a thread did before it woke the waker happens-before the poll
     * that follows the wake-up, and so before {@code blockOn} returns.
     *
     * <p><b>Cancel safety:</b> if the thread is interrupted before or while it waits,
     * {@code future} is cancelled and {@link CancelledException} is thrown.
     *
     * {@snippet :
     * try {
     *     String body = Futures.blockOn(fetch(url));
     * } catch (IOException e) {   // the future's own failure, unwrapped
     *     log(e);
     * }
     * }
     *
     * @param future the future to run
     * @param <T> the type of the value
     * @return its value
     * @throws Exception the future's failure, as it is
     * @throws IllegalArgumentException if {@code future} is null
     * @throws IllegalStateException on a thread that must not block
     */
    public static <T> T blockOn(Future<T> future) throws Exception {
        return Await.await(Args.notNull(future, "future"));
    }
}
