package dev.weft.future;

import java.util.function.Predicate;

/** {@link Stream#filter}: passes on the items of the inner stream that match a predicate. */
final class FilterStream<T> implements Stream<T> {
    private Stream<T> inner; // null once finished or cancelled
    private final Predicate<? super T> predicate;

    FilterStream(Stream<T> inner, Predicate<? super T> predicate) {
        this.inner = inner;
        this.predicate = predicate;
    }

    @Override
    public Poll<T> pollNext(Context cx) {
        Stream<T> s = inner;
        if (s == null) {
            throw new IllegalStateException("filter stream polled after it ended, failed or was cancelled");
        }
        for (;;) { // pull until an item passes, the inner stream is pending, ends or fails
            Poll<T> p = s.pollNext(cx);
            if (!(p instanceof Poll.Ready<T> ready)) {
                if (p.isReady()) { // failed
                    inner = null;
                }
                return p;
            }
            T item = ready.value();
            if (item == StreamEnd.MARKER) {
                inner = null;
                return p;
            }
            if (item == null) {
                return abandon(StreamEnd.nullItem("filter"));
            }
            boolean keep;
            try {
                keep = predicate.test(item);
            } catch (RuntimeException | Error e) {
                return abandon(e);
            }
            if (keep) {
                return p;
            }
        }
    }

    /** Fails with {@code error}, cancelling the inner stream it will no longer poll. */
    private Poll<T> abandon(Throwable error) {
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
