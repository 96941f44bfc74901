package dev.weft.future;

import java.util.function.Function;

/** {@link Futures#pollFn}: a future whose poll is a function. */
final class PollFnFuture<T> implements Future<T> {
    private Function<? super Context, ? extends Poll<T>> fn; // null once completed or cancelled

    PollFnFuture(Function<? super Context, ? extends Poll<T>> fn) {
        this.fn = fn;
    }

    @Override
    public Poll<T> poll(Context cx) {
        Function<? super Context, ? extends Poll<T>> f = fn;
        if (f == null) {
            throw new IllegalStateException("pollFn future polled after it completed or was cancelled");
        }
        Poll<T> p;
        try {
            p = f.apply(cx);
        } catch (RuntimeException | Error e) {
            fn = null;
            return Poll.failed(e);
        }
        if (p == null) {
            fn = null;
            return Poll.failed(new NullPointerException("pollFn: the function returned null instead of a Poll"));
        }
        if (p.isReady()) {
            fn = null;
        }
        return p;
    }

    @Override
    public void cancel() {
        fn = null;
    }
}
