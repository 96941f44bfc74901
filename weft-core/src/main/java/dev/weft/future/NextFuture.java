package dev.weft.future;

import java.util.Optional;

/**
 * {@link Stream#next}: the next item of a borrowed stream. Cancel-safe: it takes an item only in
 * the poll that returns it, and cancelling it leaves the stream untouched.
 */
final class NextFuture<T> implements Future<Optional<T>> {
    private Stream<T> stream; // null once completed or cancelled; never cancelled by this future

    NextFuture(Stream<T> stream) {
        this.stream = stream;
    }

    @Override
    @SuppressWarnings("unchecked") // Pending and Failed carry no value; READY_EMPTY holds Optional.empty()
    public Poll<Optional<T>> poll(Context cx) {
        Stream<T> s = stream;
        if (s == null) {
            throw new IllegalStateException("next() future polled after it completed or was cancelled");
        }
        Poll<T> p = s.pollNext(cx);
        switch (p) {
            case Poll.Pending<T> pending -> {
                return (Poll<Optional<T>>) (Poll<?>) pending;
            }
            case Poll.Failed<T> failed -> {
                stream = null;
                return (Poll<Optional<T>>) (Poll<?>) failed;
            }
            case Poll.Ready<T> ready -> {
                stream = null;
                T item = ready.value();
                if (item == StreamEnd.MARKER) {
                    return (Poll<Optional<T>>) (Poll<?>) StreamEnd.READY_EMPTY;
                }
                if (item == null) {
                    return Poll.failed(StreamEnd.nullItem("next()"));
                }
                return Poll.ready(Optional.of(item));
            }
        }
    }

    @Override
    public void cancel() {
        stream = null; // borrowed: the stream stays usable
    }
}
