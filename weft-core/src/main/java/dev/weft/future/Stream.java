package dev.weft.future;

import dev.weft.future.internal.Args;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * An asynchronous sequence of items: the many-valued {@link Future} (Rust's
 * {@code futures::Stream}). Not related to {@code java.util.stream.Stream}.
 *
 * <p>{@link #pollNext} returns one of:
 * <ul>
 *   <li>{@code Poll.ready(item)}: the next item, never {@code null} (a {@code null} item is a
 *       bug, and Weft's combinators turn it into a {@link NullPointerException} failure);
 *   <li>{@link #end()}: no more items; test for it with {@link #isEnd} <em>before</em> reading a
 *       {@code Ready} value, since the end is a {@code Ready} holding a private marker;
 *   <li>{@code Poll.failed(error)}: the stream failed; a failure is terminal, like the end;
 *   <li>{@code Poll.pending()}: no item yet, and {@code cx.waker()} will be woken when polling
 *       again may make progress (the pending contract of {@link Future}).
 * </ul>
 * After the end or a failure the stream is finished: polling it again is a bug, and the streams
 * made here throw {@link IllegalStateException}. A stream is polled by one task at a time.
 *
 * <p>{@link #cancel()} is called at most once by the owner that abandons the stream before it
 * finished, and releases what the stream holds. Combinators ({@link #map}, {@link #take},
 * {@link #collect}...) take ownership of this stream: they cancel it when they abandon it.
 * {@link #next()} only borrows it.
 *
 * {@snippet :
 * Future<Integer> sum = Stream.of(1, 2, 3, 4)
 *         .filter(x -> x % 2 == 0)
 *         .fold(0, Integer::sum);
 * System.out.println(Futures.blockOn(sum));   // 6
 * }
 *
 * @param <T> the type of the items
 */
@FunctionalInterface
public interface Stream<T> {

    /**
     * Attempts to produce the next item.
     *
     * {@snippet :
     * Poll<String> p = lines.pollNext(cx);
     * if (Stream.isEnd(p)) return Poll.ready(count);
     * }
     *
     * @param cx the task's context; its waker is the one to wake when progress is possible
     * @return an item, {@link #end()}, a failure, or {@link Poll#pending()} after arranging a
     *         wake-up of {@code cx.waker()}
     */
    Poll<T> pollNext(Context cx);

    /**
     * Abandons this stream before it finished, releasing whatever it registered. Called at most
     * once, by the owner; the default does nothing.
     *
     * {@snippet :
     * Stream<Message> inbox = subscribe(topic);
     * // ... no longer interested
     * inbox.cancel();
     * }
     */
    default void cancel() {
    }

    /**
     * The poll that says the stream has ended: a shared {@link Poll.Ready} whose value is a
     * private marker (so returning it allocates nothing). Never read its value; test with
     * {@link #isEnd}.
     *
     * {@snippet :
     * Stream<Integer> countdown = new Stream<>() {
     *     int n = 3;
     *     public Poll<Integer> pollNext(Context cx) {
     *         return n > 0 ? Poll.ready(n--) : Stream.end();
     *     }
     * };
     * }
     *
     * @param <T> the type of the items
     * @return the end poll
     */
    @SuppressWarnings("unchecked") // the marker is never handed out as a T (see isEnd)
    static <T> Poll<T> end() {
        return (Poll<T>) StreamEnd.POLL;
    }

    /**
     * Whether {@code poll} is {@link #end()}.
     *
     * {@snippet :
     * Poll<String> p = stream.pollNext(cx);
     * if (Stream.isEnd(p)) { ... } else if (p instanceof Poll.Ready<String> r) { use(r.value()); }
     * }
     *
     * @param poll a poll returned by {@link #pollNext}
     * @return {@code true} if it says the stream ended
     */
    static boolean isEnd(Poll<?> poll) {
        return poll instanceof Poll.Ready<?> r && r.value() == StreamEnd.MARKER;
    }

    /**
     * A future for the next item: {@code Optional.of(item)}, or {@code Optional.empty()} at the
     * end; a failure of the stream is the future's failure. The future borrows this stream: it
     * does not cancel it.
     *
     * <p><b>Cancel safety:</b> cancel-safe. An item is taken from the stream only by the poll
     * that returns it, so cancelling a pending {@code next()} loses no item; the stream can be
     * polled again with a new {@code next()}.
     *
     * {@snippet :
     * Optional<String> line;
     * while ((line = lines.next().await()).isPresent()) {
     *     System.out.println(line.get());
     * }
     * }
     *
     * @return the future of the next item
     */
    default Future<Optional<T>> next() {
        return new NextFuture<>(this);
    }

    /**
     * A stream of {@code fn} applied to each item. An unchecked exception thrown by {@code fn},
     * or a {@code null} result, becomes the stream's failure and cancels this stream.
     *
     * {@snippet :
     * Stream<Integer> lengths = words.map(String::length);
     * }
     *
     * @param fn the function
     * @param <U> the type of the new items
     * @return the mapped stream, owning this one
     * @throws IllegalArgumentException if {@code fn} is null
     */
    default <U> Stream<U> map(Function<? super T, ? extends U> fn) {
        return new MapStream<>(this, Args.notNull(fn, "fn"));
    }

    /**
     * A stream of the items that match {@code predicate}. An unchecked exception thrown by
     * {@code predicate} becomes the stream's failure and cancels this stream.
     *
     * {@snippet :
     * Stream<String> errors = logLines.filter(l -> l.startsWith("ERROR"));
     * }
     *
     * @param predicate which items to keep
     * @return the filtered stream, owning this one
     * @throws IllegalArgumentException if {@code predicate} is null
     */
    default Stream<T> filter(Predicate<? super T> predicate) {
        return new FilterStream<>(this, Args.notNull(predicate, "predicate"));
    }

    /**
     * A stream of at most the first {@code n} items. As soon as the {@code n}-th item is
     * produced this stream is cancelled (so what it holds is released at once), and the next
     * poll gives the end. With {@code n == 0} this stream is never polled.
     *
     * {@snippet :
     * List<Tick> firstFive = Futures.blockOn(ticks.take(5).collect());
     * }
     *
     * @param n how many items to take, zero or more
     * @return the shortened stream, owning this one
     * @throws IllegalArgumentException if {@code n} is negative
     */
    default Stream<T> take(long n) {
        if (n < 0) {
            throw new IllegalArgumentException("n must not be negative, was " + n);
        }
        return new TakeStream<>(this, n);
    }

    /**
     * A stream of the outputs of the futures {@code fn} makes from the items, in the items'
     * order, running up to {@code n} of those futures at once (Rust's {@code buffered}, Akka's
     * {@code mapAsync}). For a stream whose items are already futures, pass {@code f -> f}.
     *
     * <p><b>Concurrency and order.</b> Items are pulled from this stream and turned into
     * futures while fewer than {@code n} are in flight: running, or completed and waiting for an
     * earlier one (an output is yielded only after every earlier item's). The futures are polled
     * inside the stream's task, as members of a {@link FuturesUnordered}: only the ones that
     * woke are polled again.
     *
     * <p><b>Failure.</b> A failure of this stream, of a future, or an exception (or {@code null})
     * from {@code fn} fails the stream at once, even if earlier outputs are still in flight;
     * this stream and every future in flight are then cancelled. A future that completes with
     * {@code null} is a failure ({@link NullPointerException}), as for any stream item.
     *
     * <p><b>Cancellation.</b> Cancelling the stream cancels this stream and every future in
     * flight; outputs that completed but were not yielded are lost.
     *
     * {@snippet class=dev.weft.snippets.StreamSnippets region=map-async}
     *
     * @param n how many futures may be in flight at once, at least 1
     * @param fn makes the future for an item
     * @param <U> the type of the outputs
     * @return the stream of outputs, owning this one
     * @throws IllegalArgumentException if {@code n} is less than 1 or {@code fn} is null
     */
    default <U> Stream<U> mapAsync(int n, Function<? super T, ? extends Future<? extends U>> fn) {
        Args.positive(n, "n");
        return new BufferedStream<>(this, n, Args.notNull(fn, "fn"), true);
    }

    /**
     * Like {@link #mapAsync}, but yields each output as soon as its future completes, in
     * completion order (Rust's {@code buffer_unordered}, Akka's {@code mapAsyncUnordered}): up
     * to {@code n} futures run at once, and a slow one does not hold back the others' outputs.
     * Failure and cancellation as {@link #mapAsync}.
     *
     * {@snippet :
     * Stream<Page> pages = urls.mapAsyncUnordered(8, url -> client.get(url));
     * }
     *
     * @param n how many futures may run at once, at least 1
     * @param fn makes the future for an item
     * @param <U> the type of the outputs
     * @return the stream of outputs, owning this one
     * @throws IllegalArgumentException if {@code n} is less than 1 or {@code fn} is null
     */
    default <U> Stream<U> mapAsyncUnordered(int n, Function<? super T, ? extends Future<? extends U>> fn) {
        Args.positive(n, "n");
        return new BufferedStream<>(this, n, Args.notNull(fn, "fn"), false);
    }

    /**
     * A future of every item, in order, as an unmodifiable list, once the stream ends. A failure
     * of the stream is the future's failure.
     *
     * <p><b>Cancel safety:</b> not cancel-safe: cancelling cancels this stream, and the items
     * collected so far are lost.
     *
     * {@snippet :
     * List<String> all = Futures.blockOn(Stream.of("a", "b").collect());   // [a, b]
     * }
     *
     * @return the future of the list
     */
    default Future<List<T>> collect() {
        return new FoldFuture<T, List<T>, List<T>>(this, new ArrayList<>(), (list, item) -> {
            list.add(item);
            return list;
        }, Collections::unmodifiableList);
    }

    /**
     * A future that calls {@code action} for each item, in order, and completes with
     * {@code null} at the end. A failure of the stream is the future's failure; an unchecked
     * exception thrown by {@code action} becomes it and cancels this stream.
     *
     * <p><b>Cancel safety:</b> cancelling cancels this stream; items already given to
     * {@code action} stay handled, no item is taken without being given to it.
     *
     * {@snippet :
     * Futures.blockOn(events.forEach(e -> System.out.println(e)));
     * }
     *
     * @param action what to do with each item
     * @return the future
     * @throws IllegalArgumentException if {@code action} is null
     */
    default Future<Void> forEach(Consumer<? super T> action) {
        Args.notNull(action, "action");
        return new FoldFuture<T, Void, Void>(this, null, (none, item) -> {
            action.accept(item);
            return null;
        }, none -> null);
    }

    /**
     * A future that combines the items, in order, into one value: starting from
     * {@code initial}, each item turns the accumulated value {@code acc} into
     * {@code fn.apply(acc, item)}; the result is the last one, once the stream ends. A failure
     * of the stream is the future's failure; an unchecked exception thrown by {@code fn} becomes
     * it and cancels this stream.
     *
     * <p><b>Cancel safety:</b> not cancel-safe: cancelling cancels this stream, and the
     * accumulated value is lost.
     *
     * {@snippet :
     * long bytes = Futures.blockOn(chunks.fold(0L, (n, chunk) -> n + chunk.length));
     * }
     *
     * @param initial the starting value, may be {@code null}
     * @param fn combines the value so far with the next item
     * @param <R> the type of the result
     * @return the future of the result
     * @throws IllegalArgumentException if {@code fn} is null
     */
    default <R> Future<R> fold(R initial, BiFunction<? super R, ? super T, ? extends R> fn) {
        return new FoldFuture<T, R, R>(this, initial, Args.notNull(fn, "fn"), Function.identity());
    }

    /**
     * A stream of the given items, in order; it is never pending.
     *
     * {@snippet :
     * Stream<String> s = Stream.of("a", "b", "c");
     * }
     *
     * @param items the items (the array is copied)
     * @param <T> the type of the items
     * @return the stream
     * @throws IllegalArgumentException if {@code items} or one of them is null
     */
    @SafeVarargs
    static <T> Stream<T> of(T... items) {
        Object[] copy = new Object[Args.notNull(items, "items").length];
        for (int i = 0; i < copy.length; i++) {
            copy[i] = Args.notNull(items[i], "items[" + i + "]");
        }
        return new ArrayStream<>(copy);
    }

    /**
     * A stream of the items of {@code iterable}, in iteration order; it is never pending. The
     * iterator is made at the first poll. An unchecked exception thrown by the iterator, or a
     * {@code null} element, becomes the stream's failure.
     *
     * {@snippet :
     * Stream<Path> files = Stream.fromIterable(List.of(Path.of("a"), Path.of("b")));
     * }
     *
     * @param iterable the items
     * @param <T> the type of the items
     * @return the stream
     * @throws IllegalArgumentException if {@code iterable} is null
     */
    static <T> Stream<T> fromIterable(Iterable<? extends T> iterable) {
        return new IterableStream<>(Args.notNull(iterable, "iterable"));
    }

    /**
     * A stream that ends at its first poll.
     *
     * {@snippet :
     * Stream<String> none = Stream.empty();
     * }
     *
     * @param <T> the type of the items
     * @return the stream
     */
    static <T> Stream<T> empty() {
        return new ArrayStream<>(ArrayStream.NO_ITEMS);
    }

    /**
     * A stream of the items of all {@code streams}, each as it comes (Rust's {@code select_all},
     * tokio-stream's {@code merge}); it ends when every one of them ended. The items of one
     * stream keep their order; between streams the order is the order they became ready.
     *
     * <p><b>Fairness.</b> Each poll goes round the streams starting just after the one that gave
     * the previous item, so a stream that is always ready cannot starve the others.
     *
     * <p><b>Failure and cancellation.</b> The first failure of any stream (or a {@code null}
     * item) fails the merged stream and cancels the others. Cancelling the merged stream cancels
     * every stream that has not ended.
     *
     * {@snippet class=dev.weft.snippets.StreamSnippets region=merge}
     *
     * @param streams the streams to merge, owned by the merged stream from now on (the array is
     *                copied); none gives a stream that ends at once
     * @param <T> the type of the items
     * @return the merged stream
     * @throws IllegalArgumentException if {@code streams} or one of them is null
     */
    @SafeVarargs
    static <T> Stream<T> merge(Stream<? extends T>... streams) {
        Args.notNull(streams, "streams");
        Stream<?>[] copy = new Stream<?>[streams.length];
        for (int i = 0; i < copy.length; i++) {
            copy[i] = Args.notNull(streams[i], "streams[" + i + "]");
        }
        return new MergeStream<>(copy);
    }

    /**
     * {@link #merge(Stream[])} for a list of streams.
     *
     * @param streams the streams to merge, owned by the merged stream from now on
     * @param <T> the type of the items
     * @return the merged stream
     * @throws IllegalArgumentException if {@code streams} or one of them is null
     */
    static <T> Stream<T> merge(List<? extends Stream<? extends T>> streams) {
        Args.notNull(streams, "streams");
        Stream<?>[] copy = new Stream<?>[streams.size()];
        int i = 0;
        for (Stream<?> s : streams) {
            copy[i] = Args.notNull(s, "streams[" + i + "]");
            i++;
        }
        return new MergeStream<>(copy);
    }

    /**
     * A stream whose {@code pollNext} is {@code fn}, which follows the {@link #pollNext}
     * contract. The stream enforces the rest: an unchecked exception thrown by {@code fn}, a
     * {@code null} poll or a {@code null} item becomes the failure, and after the end or a
     * failure {@code fn} is not called again (polling throws {@link IllegalStateException}).
     *
     * {@snippet :
     * int[] n = {0};
     * Stream<Integer> upToThree = Stream.pollFn(cx -> n[0] < 3 ? Poll.ready(++n[0]) : Stream.end());
     * }
     *
     * @param fn the poll function
     * @param <T> the type of the items
     * @return the stream
     * @throws IllegalArgumentException if {@code fn} is null
     */
    static <T> Stream<T> pollFn(Function<? super Context, ? extends Poll<T>> fn) {
        return new PollFnStream<>(Args.notNull(fn, "fn"));
    }
}
