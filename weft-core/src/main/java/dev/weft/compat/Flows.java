package dev.weft.compat;

import dev.weft.future.Stream;
import dev.weft.future.internal.Args;
import dev.weft.runtime.Handle;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * Weft {@link Stream}s and {@link java.util.concurrent.Flow} (Reactive Streams in the JDK), both
 * ways, with demand-driven backpressure:
 * <ul>
 * <li>{@link #fromPublisher} turns a {@link Flow.Publisher} into a stream: it subscribes at the
 *     first poll, requests items in batches into a bounded buffer, and cancels the subscription
 *     when the stream is dropped. It needs no runtime.</li>
 * <li>{@link #toPublisher} and {@link #publisher} turn streams into a {@link Flow.Publisher}: a
 *     task on the given runtime polls the stream as the subscriber's demand allows.</li>
 * </ul>
 * Both sides keep the Reactive Streams rules (checked by the Reactive Streams TCK in the tests);
 * where a rule asks for {@link NullPointerException} (a null subscriber, a null item), Weft's
 * usual {@link IllegalArgumentException} gives way to it.
 *
 * {@snippet :
 * // a JDK publisher, consumed by a coroutine
 * Stream<String> words = Flows.fromPublisher(submissionPublisher);
 * List<String> all = words.collect().await();
 * // a Weft stream, offered to anything that takes a Flow.Publisher
 * Flow.Publisher<Integer> numbers = Flows.toPublisher(Stream.of(1, 2, 3), runtime.handle());
 * }
 */
public final class Flows {
    /** The most items {@link #fromPublisher(Flow.Publisher, int)} may buffer. */
    public static final int MAX_BUFFER_SIZE = 1 << 30;

    private Flows() {
    }

    /**
     * {@link #fromPublisher(Flow.Publisher, int)} with a buffer of
     * {@link Flow#defaultBufferSize()} (256) items.
     *
     * {@snippet :
     * Stream<ByteBuffer> chunks = Flows.fromPublisher(publisher);
     * }
     *
     * @param publisher the publisher
     * @param <T> the type of the items
     * @return the stream, lazy: it subscribes at its first poll
     * @throws IllegalArgumentException if {@code publisher} is null
     */
    public static <T> Stream<T> fromPublisher(Flow.Publisher<? extends T> publisher) {
        return fromPublisher(publisher, Flow.defaultBufferSize());
    }

    /**
     * A stream of the items of {@code publisher}. The stream is lazy: it subscribes at its first
     * poll (so it is never subscribed if dropped before). It requests {@code bufferSize} items
     * at once and then, each time three quarters of them were taken from the stream, that many
     * again: items requested but not yet taken never exceed {@code bufferSize}, so a slow
     * consumer bounds the buffer and slows the publisher down. {@code onComplete} is the
     * stream's end, {@code onError} its failure (after the items received before it).
     *
     * <p><b>Threads:</b> the publisher may signal from any thread; each item wakes the waker of
     * the newest poll. Polling needs no runtime: any executor, or {@code Futures.blockOn}, can
     * drive the stream; on a runtime, taking buffered items spends the task's cooperative budget.
     *
     * <p><b>Cancel safety:</b> {@code next()} is cancel-safe (an item leaves the buffer only in
     * the poll that returns it). Dropping the stream ({@link Stream#cancel()}) cancels the
     * subscription (at once, or when it arrives if the publisher has not called
     * {@code onSubscribe} yet) and drops the buffered items.
     *
     * <p><b>Protocol:</b> a second {@code onSubscribe} is cancelled (rule 2.5); a null item,
     * subscription or error throws {@link NullPointerException} (rule 2.13); a publisher that
     * sends more than requested fails the stream with {@link IllegalStateException} and is
     * cancelled.
     *
     * {@snippet :
     * Stream<Event> events = Flows.fromPublisher(bus.events(), 64);
     * Optional<Event> e;
     * while ((e = events.next().await()).isPresent()) {
     *     handle(e.get());
     * }
     * }
     *
     * @param publisher the publisher
     * @param bufferSize the most items requested ahead, 1 to {@link #MAX_BUFFER_SIZE}
     * @param <T> the type of the items
     * @return the stream
     * @throws IllegalArgumentException if {@code publisher} is null or {@code bufferSize} is out
     *         of range
     */
    public static <T> Stream<T> fromPublisher(Flow.Publisher<? extends T> publisher, int bufferSize) {
        Args.notNull(publisher, "publisher");
        if (bufferSize < 1 || bufferSize > MAX_BUFFER_SIZE) {
            throw new IllegalArgumentException("bufferSize must be between 1 and " + MAX_BUFFER_SIZE
                    + ", was " + bufferSize);
        }
        return new SubscriberStream<>(publisher, bufferSize);
    }

    /**
     * A publisher of the items of {@code stream}, for one subscriber (a stream is consumed once;
     * a later subscriber gets {@code onSubscribe} and then {@code onError} with
     * {@link IllegalStateException}: use {@link #publisher} for a new stream per subscriber).
     *
     * <p>Subscribing spawns a task on {@code handle}'s runtime that signals the subscriber
     * (every signal comes from that task, so they are serial) and polls the stream as demand
     * allows: at most one item ahead of demand, so the end or a failure of the stream is
     * signalled without demand. The stream's end is {@code onComplete}, its failure
     * {@code onError}. {@code request(n)} with {@code n <= 0} cancels the stream and signals
     * {@code onError} with {@link IllegalArgumentException} (rule 3.9); demand adds up to
     * {@code Long.MAX_VALUE}, which means unbounded (rule 3.17). The task signals at most 128
     * items per turn before letting other tasks run.
     *
     * <p><b>Cancellation:</b> {@code Subscription.cancel()} (idempotent, any thread) makes the
     * task cancel the stream on the runtime and forget the subscriber. If the runtime shuts down
     * first, the stream is cancelled and the subscriber gets {@code onError} with
     * {@link dev.weft.future.CancelledException}. A subscriber that throws from a signal (which
     * rule 2.13 forbids) is treated as cancelled, and its exception goes to the runtime's
     * uncaught-failure handler. On a current-thread runtime the task runs only while some
     * thread drives the runtime.
     *
     * {@snippet :
     * Flow.Publisher<String> lines = Flows.toPublisher(file.lines(), runtime.handle());
     * lines.subscribe(subscriber);
     * }
     *
     * @param stream the stream, owned by the publisher from now on
     * @param handle the runtime that drives the stream
     * @param <T> the type of the items
     * @return the publisher
     * @throws IllegalArgumentException if an argument is null
     */
    public static <T> Flow.Publisher<T> toPublisher(Stream<? extends T> stream, Handle handle) {
        AtomicReference<Stream<? extends T>> once = new AtomicReference<>(Args.notNull(stream, "stream"));
        Args.notNull(handle, "handle");
        return new StreamPublisher<>(() -> {
            Stream<? extends T> s = once.getAndSet(null); // volatile: exactly one subscriber takes it
            if (s == null) {
                throw new IllegalStateException("this publisher was made from one stream and has had its "
                        + "subscriber; use Flows.publisher(supplier, handle) to give each subscriber a stream");
            }
            return s;
        }, handle);
    }

    /**
     * A publisher that gives each subscriber its own stream, made by {@code streams} at
     * {@code subscribe} (a "cold" publisher: every subscriber sees the sequence from the
     * start). Otherwise as {@link #toPublisher}. An exception thrown by {@code streams}, or a
     * null stream, is signalled to that subscriber with {@code onError} after
     * {@code onSubscribe}.
     *
     * {@snippet :
     * Flow.Publisher<Integer> counter = Flows.publisher(() -> Stream.of(1, 2, 3), runtime.handle());
     * }
     *
     * @param streams makes a stream per subscriber
     * @param handle the runtime that drives the streams
     * @param <T> the type of the items
     * @return the publisher
     * @throws IllegalArgumentException if an argument is null
     */
    public static <T> Flow.Publisher<T> publisher(Supplier<? extends Stream<? extends T>> streams, Handle handle) {
        return new StreamPublisher<>(Args.notNull(streams, "streams"), Args.notNull(handle, "handle"));
    }
}
