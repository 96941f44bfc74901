package dev.weft.compat;

import dev.weft.future.Stream;
import dev.weft.runtime.Handle;
import java.util.Objects;
import java.util.concurrent.Flow;
import java.util.function.Supplier;

/**
 * {@link Flows#toPublisher} and {@link Flows#publisher}: each subscriber gets a stream from
 * {@code streams} and a task on {@code handle} that drives it ({@link StreamSubscription}).
 *
 * @param <T> the type of the items
 */
final class StreamPublisher<T> implements Flow.Publisher<T> {
    private final Supplier<? extends Stream<? extends T>> streams;
    private final Handle handle;

    StreamPublisher(Supplier<? extends Stream<? extends T>> streams, Handle handle) {
        this.streams = streams;
        this.handle = handle;
    }

    @Override
    public void subscribe(Flow.Subscriber<? super T> subscriber) {
        Objects.requireNonNull(subscriber, "subscriber must not be null (rule 1.9)");
        Stream<? extends T> stream;
        try {
            stream = streams.get();
        } catch (RuntimeException e) {
            Rejected.reject(subscriber, e);
            return;
        }
        if (stream == null) {
            Rejected.reject(subscriber, new NullPointerException("the stream supplier returned null"));
            return;
        }
        StreamSubscription<T> s = new StreamSubscription<>(subscriber, stream);
        try {
            handle.spawn("flow-publisher", s.task());
        } catch (IllegalStateException e) { // the runtime is shut down
            stream.cancel();
            Rejected.reject(subscriber, e);
        }
    }

    @Override
    public String toString() {
        return "StreamPublisher[" + handle + "]";
    }
}
