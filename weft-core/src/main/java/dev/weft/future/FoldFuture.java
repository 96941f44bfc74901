package dev.weft.future;

import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * {@link Stream#fold}, {@link Stream#collect} and {@link Stream#forEach}: pulls every item of a
 * stream it owns into an accumulator, then finishes it into the result at the end.
 */
final class FoldFuture<T, A, R> implements Future<R> {
    private Stream<T> stream; // null once completed or cancelled
    private A acc;
    private final BiFunction<? super A, ? super T, ? extends A> step;
    private final Function<? super A, ? extends R> finish; // internal; must not throw

    FoldFuture(Stream<T> stream, A initial, BiFunction<? super A, ? super T, ? extends A> step,
            Function<? super A, ? extends R> finish) {
        this.stream = stream;
        this.acc = initial;
        this.step = step;
        this.finish = finish;
    }

    @Override
    @SuppressWarnings("unchecked") // Pending and Failed carry no value
    public Poll<R> poll(Context cx) {
        Stream<T> s = stream;
        if (s == null) {
            throw new IllegalStateException("stream future polled after it completed or was cancelled");
        }
        for (;;) { // pull until the stream is pending, ends or fails
            Poll<T> p = s.pollNext(cx);
            switch (p) {
                case Poll.Pending<T> pending -> {
                    return (Poll<R>) pending;
                }
                case Poll.Failed<T> failed -> {
                    stream = null;
                    acc = null;
                    return (Poll<R>) failed;
                }
                case Poll.Ready<T> ready -> {
                    T item = ready.value();
                    if (item == StreamEnd.MARKER) {
                        stream = null;
                        A a = acc;
                        acc = null;
                        return Poll.ready(finish.apply(a));
                    }
                    if (item == null) {
                        return abandon(StreamEnd.nullItem("stream future"));
                    }
                    try {
                        acc = step.apply(acc, item);
                    } catch (RuntimeException | Error e) {
                        return abandon(e);
                    }
                }
            }
        }
    }

    /** Fails with {@code error}, cancelling the stream it will no longer poll. */
    private Poll<R> abandon(Throwable error) {
        cancel();
        return Poll.failed(error);
    }

    @Override
    public void cancel() {
        Stream<T> s = stream;
        stream = null;
        acc = null;
        if (s != null) {
            s.cancel();
        }
    }
}
