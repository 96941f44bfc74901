package dev.weft.future;

import java.util.function.Function;

/** {@link Stream#pollFn}: a stream whose pollNext is a function, with the contract enforced. */
final class PollFnStream<T> implements Stream<T> {
    private Function<? super Context, ? extends Poll<T>> fn; // null once finished or cancelled

    PollFnStream(Function<? super Context, ? extends Poll<T>> fn) {
        this.fn = fn;
    }

    @Override
    public Poll<T> pollNext(Context cx) {
        Function<? super Context, ? extends Poll<T>> f = fn;
        if (f == null) {
            throw new IllegalStateException("pollFn stream polled after it ended, failed or was cancelled");
        }
        Poll<T> p;
        try {
            p = f.apply(cx);
        } catch (RuntimeException | Error e) {
            fn = null;
            return Poll.failed(e);
        }
        switch (p) {
            case null -> {
                fn = null;
                return Poll.failed(new NullPointerException("pollFn: the function returned null instead of a Poll"));
            }
            case Poll.Pending<T> pending -> {
                return pending;
            }
            case Poll.Failed<T> failed -> {
                fn = null;
                return failed;
            }
            case Poll.Ready<T> ready -> {
                if (ready.value() == null) {
                    fn = null;
                    return Poll.failed(StreamEnd.nullItem("pollFn"));
                }
                if (ready.value() == StreamEnd.MARKER) {
                    fn = null;
                }
                return ready;
            }
        }
    }

    @Override
    public void cancel() {
        fn = null;
    }
}
