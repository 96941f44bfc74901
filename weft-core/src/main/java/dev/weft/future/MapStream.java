package dev.weft.future;

import java.util.function.Function;

/** {@link Stream#map}: applies a function to each item of the inner stream. */
final class MapStream<T, U> implements Stream<U> {
    private Stream<T> inner; // null once finished or cancelled
    private final Function<? super T, ? extends U> fn;

    MapStream(Stream<T> inner, Function<? super T, ? extends U> fn) {
        this.inner = inner;
        this.fn = fn;
    }

    @Override
    @SuppressWarnings("unchecked") // Pending, Failed and the end carry no U
    public Poll<U> pollNext(Context cx) {
        Stream<T> s = inner;
        if (s == null) {
            throw new IllegalStateException("map stream polled after it ended, failed or was cancelled");
        }
        Poll<T> p = s.pollNext(cx);
        switch (p) {
            case Poll.Pending<T> pending -> {
                return (Poll<U>) pending;
            }
            case Poll.Failed<T> failed -> {
                inner = null;
                return (Poll<U>) failed;
            }
            case Poll.Ready<T> ready -> {
                T item = ready.value();
                if (item == StreamEnd.MARKER) {
                    inner = null;
                    return Stream.end();
                }
                if (item == null) {
                    return abandon(StreamEnd.nullItem("map"));
                }
                U out;
                try {
                    out = fn.apply(item);
                } catch (RuntimeException | Error e) {
                    return abandon(e);
                }
                if (out == null) {
                    return abandon(new NullPointerException("map: the function returned null for an item"));
                }
                return Poll.ready(out);
            }
        }
    }

    /** Fails with {@code error}, cancelling the inner stream it will no longer poll. */
    private Poll<U> abandon(Throwable error) {
        cancel();
        return Poll.failed(error);
    }

    @Override
    public void cancel() {
        Stream<T> s = inner;
        inner = null;
        if (s != null) {
            s.cancel();
        }
    }
}
