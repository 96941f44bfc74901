package dev.weft.future;

import dev.weft.future.internal.Args;
import dev.weft.future.internal.Await;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Making and combining futures without a runtime: {@link #ready}, {@link #failed},
 * {@link #pending}, {@link #pollFn}, {@link #lazy}, {@link #from} (a {@code CompletionStage}),
 * the combinators {@link #join}, {@link #join2}, {@link #select}, {@link #race},
 * {@link #either}, and {@link #blockOn}, the smallest executor (Rust's
 * {@code futures::executor::block_on}).
 *
 * <p>Every future made here may be polled from any thread, but by one thread at a time (as a
 * task polls its future), and throws {@link IllegalStateException} if polled after it completed.
 * A combinator owns the futures given to it: it cancels each one it abandons before that one
 * completed, exactly once, and passes the caller's {@link Context} to every child it polls, so a
 * combinator is {@code Pending} only when a child is.
 *
 * {@snippet :
 * Future<Integer> sum = Futures.join(Futures.ready(2), Futures.ready(3))
 *         .map(list -> list.get(0) + list.get(1));
 * System.out.println(Futures.blockOn(sum));   // 5
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
     * A Weft future of a {@link CompletionStage} ({@code CompletableFuture}, the JDK
     * {@code HttpClient.sendAsync}, a driver's async API): it completes with the stage's value,
     * or fails with the stage's failure, unwrapped from {@link CompletionException} (so
     * {@code await()} throws the {@code IOException} itself). A cancelled stage fails with its
     * {@link java.util.concurrent.CancellationException}.
     *
     * <p><b>Laziness:</b> the stage is already running (stages are eager); the future only
     * registers its callback at the first poll. To start the work itself lazily, make the stage
     * inside {@link #lazy}: {@code Futures.lazy(() -> Futures.from(client.sendAsync(req, h)))}.
     *
     * <p><b>Threads:</b> the stage may complete on any thread; that thread wakes the waker of the
     * newest poll (the pending contract), and the value is read by the polling task. A value
     * written by the completing thread happens-before the poll that returns it.
     *
     * <p><b>Cancel safety:</b> cancelling this future cancels the stage where it can
     * ({@code stage.toCompletableFuture().cancel(false)}; a stage whose
     * {@code toCompletableFuture()} throws {@link UnsupportedOperationException} is left
     * running and its outcome ignored). A cancelled {@code CompletableFuture} does not interrupt
     * whatever computes it: the JDK's rule. To keep a shared stage running when the Weft future is
     * dropped, pass a copy ({@code Futures.from(cf.copy())}). The callback stays registered on
     * the stage until it completes (a stage cannot unregister one); it then does nothing.
     *
     * {@snippet :
     * HttpResponse<String> resp = Futures.from(client.sendAsync(request, BodyHandlers.ofString())).await();
     * }
     *
     * @param stage the stage
     * @param <T> the type of the value
     * @return the future
     * @throws IllegalArgumentException if {@code stage} is null
     */
    public static <T> Future<T> from(CompletionStage<T> stage) {
        return new StageFuture<>(Args.notNull(stage, "stage"));
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

    /**
     * A future that waits for all {@code futures} and completes with their values, in argument
     * order (an unmodifiable list that may hold {@code null} for {@code Void} futures). Fails
     * fast: the first failure cancels every future that has not completed and becomes the
     * join's failure. Each poll polls the unfinished futures in order. Joining no future gives
     * an empty list at the first poll.
     *
     * <p><b>Cancel safety:</b> cancelling the join cancels every future that has not completed;
     * the values of those that completed are lost.
     *
     * {@snippet :
     * List<String> pages = Futures.blockOn(Futures.join(fetch(a), fetch(b), fetch(c)));
     * }
     *
     * @param futures the futures, owned by the join from now on
     * @param <T> the type of the values
     * @return the join
     * @throws IllegalArgumentException if {@code futures} or one of them is null
     */
    @SafeVarargs
    public static <T> Future<List<T>> join(Future<? extends T>... futures) {
        Future<?>[] children = Children.copy(Args.notNull(futures, "futures").length, i -> futures[i], "futures");
        return new JoinFuture<>(children, Futures::asList);
    }

    /**
     * {@link #join(Future[])} over a list: waits for all, fails fast, polls in list order.
     *
     * <p><b>Cancel safety:</b> cancelling the join cancels every future that has not completed.
     *
     * {@snippet :
     * List<Future<String>> fetches = urls.stream().map(this::fetch).toList();
     * List<String> pages = Futures.blockOn(Futures.join(fetches));
     * }
     *
     * @param futures the futures, owned by the join from now on
     * @param <T> the type of the values
     * @return the join
     * @throws IllegalArgumentException if {@code futures} or one of them is null
     */
    public static <T> Future<List<T>> join(List<? extends Future<? extends T>> futures) {
        return new JoinFuture<>(Children.copy(futures, "futures"), Futures::asList);
    }

    /**
     * A future that waits for <em>all</em> {@code futures} and completes with each one's
     * {@link Outcome}, in collection order, never failing fast: a failure is recorded as an
     * {@link Outcome.Failure} and the others keep running (use {@link #tryJoinAll} to stop at
     * the first failure). Each poll polls the unfinished futures in order. No futures give an
     * empty list at the first poll.
     *
     * <p><b>Cancel safety:</b> not cancel-safe: cancelling it cancels every future that has not
     * completed, each once, and the outcomes of those that completed are lost.
     *
     * {@snippet :
     * List<Outcome<String>> all = Futures.joinAll(urls.stream().map(this::fetch).toList()).await();
     * long failed = all.stream().filter(o -> !o.isSuccess()).count();
     * }
     *
     * @param futures the futures, owned by the join from now on
     * @param <T> the type of the values
     * @return the join, of an unmodifiable list
     * @throws IllegalArgumentException if {@code futures} or one of them is null
     */
    public static <T> Future<List<Outcome<T>>> joinAll(Collection<? extends Future<? extends T>> futures) {
        return new JoinAllFuture<>(Children.copy(new ArrayList<>(Args.notNull(futures, "futures")), "futures"));
    }

    /**
     * A future that waits for all {@code futures} and completes with their values, in collection
     * order, failing fast: the first failure cancels every unfinished future and is the failure.
     * This is {@link #join(List)} over any collection.
     *
     * <p><b>Cancel safety:</b> not cancel-safe: cancelling it cancels every future that has not
     * completed, and the values of those that completed are lost.
     *
     * {@snippet :
     * List<String> pages = Futures.tryJoinAll(fetches).await();   // throws the first failure
     * }
     *
     * @param futures the futures, owned by the join from now on
     * @param <T> the type of the values
     * @return the join, of an unmodifiable list
     * @throws IllegalArgumentException if {@code futures} or one of them is null
     */
    public static <T> Future<List<T>> tryJoinAll(Collection<? extends Future<? extends T>> futures) {
        return new JoinFuture<>(Children.copy(new ArrayList<>(Args.notNull(futures, "futures")), "futures"),
                Futures::asList);
    }

    /**
     * A future that waits for two futures of different types: {@link #join(Future[])} for two.
     * Polls {@code first} before {@code second}; the first failure cancels the other.
     *
     * <p><b>Cancel safety:</b> cancelling it cancels whichever of the two has not completed.
     *
     * {@snippet :
     * Both<User, List<Order>> b = Futures.blockOn(Futures.join2(loadUser(id), loadOrders(id)));
     * }
     *
     * @param first the first future
     * @param second the second future
     * @param <A> the type of the first value
     * @param <B> the type of the second value
     * @return the join
     * @throws IllegalArgumentException if an argument is null
     */
    @SuppressWarnings("unchecked") // values[i] came from the future at position i
    public static <A, B> Future<Both<A, B>> join2(Future<? extends A> first, Future<? extends B> second) {
        Future<?>[] children = {Args.notNull(first, "first"), Args.notNull(second, "second")};
        return new JoinFuture<>(children, v -> new Both<>((A) v[0], (B) v[1]));
    }

    /**
     * A future that completes as soon as one of {@code futures} does, saying which one
     * ({@link Selected#index()}) and with what value. The winner is the first to complete with a
     * value <em>or a failure</em>: a failure of the winner is the select's failure. Every other
     * future is cancelled, exactly once.
     *
     * <p><b>Fairness:</b> as Tokio's {@code select!}, each poll starts at a random future and
     * goes round, stopping at the first that completes, so when several are ready at once any of
     * them may win and an always-ready future cannot starve the others. The draw is a
     * {@code ThreadLocalRandom}, except on the thread of a deterministic runtime
     * ({@code RuntimeBuilder.deterministic}), whose seed decides so that a run replays.
     * {@link #selectBiased(Future[])} polls in argument order instead (Tokio's {@code biased;}).
     *
     * <p><b>Cancel safety:</b> cancelling the select cancels every future. The select loses
     * nothing itself, but the losers are cancelled, so it is as cancel-safe as its futures
     * (a loser that had half-done work, like a partial read, loses it).
     *
     * {@snippet :
     * Selected<String> s = Futures.blockOn(Futures.select(primary.get(key), replica.get(key)));
     * System.out.println("from " + (s.index() == 0 ? "primary" : "replica") + ": " + s.value());
     * }
     *
     * @param futures at least one future, owned by the select from now on
     * @param <T> the type of the values
     * @return the select
     * @throws IllegalArgumentException if {@code futures} is empty or null or holds a null
     */
    @SafeVarargs
    public static <T> Future<Selected<T>> select(Future<? extends T>... futures) {
        Future<?>[] children = Children.copy(Args.notNull(futures, "futures").length, i -> futures[i], "futures");
        return new SelectFuture<T, Selected<T>>(nonEmpty(children, "select"), Selected::new, false);
    }

    /**
     * {@link #select(Future[])} that polls the futures in argument order on every poll, so when
     * several are ready at once the earliest argument wins: Tokio's {@code select!} with
     * {@code biased;}. Use it when the order is the point (a shutdown signal checked before the
     * work, a priority queue before a bulk one); a future that is always ready then starves the
     * ones after it.
     *
     * <p><b>Cancel safety:</b> as {@link #select(Future[])}.
     *
     * {@snippet class=dev.weft.snippets.FutureSnippets region=select-biased}
     *
     * @param futures at least one future, owned by the select from now on
     * @param <T> the type of the values
     * @return the select
     * @throws IllegalArgumentException if {@code futures} is empty or null or holds a null
     */
    @SafeVarargs
    public static <T> Future<Selected<T>> selectBiased(Future<? extends T>... futures) {
        Future<?>[] children = Children.copy(Args.notNull(futures, "futures").length, i -> futures[i], "futures");
        return new SelectFuture<T, Selected<T>>(nonEmpty(children, "selectBiased"), Selected::new, true);
    }

    /**
     * {@link #selectBiased(Future[])} over a list: each poll polls the futures in list order.
     *
     * <p><b>Cancel safety:</b> as {@link #select(Future[])}.
     *
     * @param futures at least one future, owned by the select from now on
     * @param <T> the type of the values
     * @return the select
     * @throws IllegalArgumentException if {@code futures} is empty or null or holds a null
     */
    public static <T> Future<Selected<T>> selectBiased(List<? extends Future<? extends T>> futures) {
        Future<?>[] children = Children.copy(futures, "futures");
        return new SelectFuture<T, Selected<T>>(nonEmpty(children, "selectBiased"), Selected::new, true);
    }

    /**
     * {@link #select(Future[])} over a list: the first to complete wins, the rest are cancelled;
     * fair, as {@link #select(Future[])} ({@link #selectBiased(List)} polls in list order).
     *
     * <p><b>Cancel safety:</b> as {@link #select(Future[])}.
     *
     * {@snippet :
     * Selected<Reply> s = Futures.blockOn(Futures.select(replicas.stream().map(r -> r.ask(q)).toList()));
     * }
     *
     * @param futures at least one future, owned by the select from now on
     * @param <T> the type of the values
     * @return the select
     * @throws IllegalArgumentException if {@code futures} is empty or null or holds a null
     */
    public static <T> Future<Selected<T>> select(List<? extends Future<? extends T>> futures) {
        Future<?>[] children = Children.copy(futures, "futures");
        return new SelectFuture<T, Selected<T>>(nonEmpty(children, "select"), Selected::new, false);
    }

    /**
     * {@link #selectBiased(Future[])} that completes with the winner's value alone: each poll
     * polls the futures in argument order. The winner's failure is the race's failure; the
     * losers are cancelled, each exactly once.
     *
     * <p><b>Cancel safety:</b> as {@link #select(Future[])}.
     *
     * {@snippet :
     * String answer = Futures.blockOn(Futures.race(dnsOverUdp(name), dnsOverTcp(name)));
     * }
     *
     * @param futures at least one future, owned by the race from now on
     * @param <T> the type of the values
     * @return the race
     * @throws IllegalArgumentException if {@code futures} is empty or null or holds a null
     */
    @SafeVarargs
    public static <T> Future<T> race(Future<? extends T>... futures) {
        Future<?>[] children = Children.copy(Args.notNull(futures, "futures").length, i -> futures[i], "futures");
        return new SelectFuture<T, T>(nonEmpty(children, "race"), (i, v) -> v, true);
    }

    /**
     * {@link #race(Future[])} over a list.
     *
     * <p><b>Cancel safety:</b> as {@link #select(Future[])}.
     *
     * {@snippet :
     * String answer = Futures.blockOn(Futures.race(mirrors.stream().map(m -> m.fetch(path)).toList()));
     * }
     *
     * @param futures at least one future, owned by the race from now on
     * @param <T> the type of the values
     * @return the race
     * @throws IllegalArgumentException if {@code futures} is empty or null or holds a null
     */
    public static <T> Future<T> race(List<? extends Future<? extends T>> futures) {
        Future<?>[] children = Children.copy(futures, "futures");
        return new SelectFuture<T, T>(nonEmpty(children, "race"), (i, v) -> v, true);
    }

    /**
     * A select over two futures of different types: completes with {@link Either.Left} if
     * {@code left} completes first, {@link Either.Right} if {@code right} does; the other is
     * cancelled. Polls {@code left} first. A failure of the winner is the failure.
     *
     * <p><b>Cancel safety:</b> as {@link #select(Future[])}.
     *
     * {@snippet :
     * Either<String, Void> e = Futures.blockOn(Futures.either(readLine(), shutdownSignal()));
     * }
     *
     * @param left the first future
     * @param right the second future
     * @param <A> the type of the first value
     * @param <B> the type of the second value
     * @return the select
     * @throws IllegalArgumentException if an argument is null
     */
    @SuppressWarnings("unchecked") // the value at index 0 came from left, at index 1 from right
    public static <A, B> Future<Either<A, B>> either(Future<? extends A> left, Future<? extends B> right) {
        Future<?>[] children = {Args.notNull(left, "left"), Args.notNull(right, "right")};
        return new SelectFuture<Object, Either<A, B>>(children,
                (i, v) -> i == 0 ? new Either.Left<>((A) v) : new Either.Right<>((B) v), true);
    }

    @SuppressWarnings("unchecked") // every value came from a Future<? extends T>
    private static <T> List<T> asList(Object[] values) {
        return (List<T>) Collections.unmodifiableList(Arrays.asList(values));
    }

    private static Future<?>[] nonEmpty(Future<?>[] futures, String what) {
        if (futures.length == 0) {
            throw new IllegalArgumentException(what + " needs at least one future");
        }
        return futures;
    }
}
