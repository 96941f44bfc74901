package dev.weft.future;

import java.util.function.Function;

/** {@link Future#then}: when the first future is ready, continues with the one made from its value. */
final class ThenFuture<T, U> implements Future<U> {
    private Future<T> first;
    private Future<U> second;
    private Function<? super T, ? extends Future<U>> fn;

    ThenFuture(Future<T> first, Function<? super T, ? extends Future<U>> fn) {
        this.first = first;
        this.fn = fn;
    }

    @Override
    @SuppressWarnings("unchecked")
    public Poll<U> poll(Context cx) {
        if (first != null) {
            Poll<T> p = first.poll(cx);
            switch (p) {
                case Poll.Pending<T> pending -> {
                    return (Poll<U>) pending;
                }
                case Poll.Failed<T> failed -> {
                    first = null;
                    fn = null;
                    return (Poll<U>) failed;
                }
                case Poll.Ready<T> ready -> {
                    first = null;
                    Function<? super T, ? extends Future<U>> f = fn;
                    fn = null;
                    try {
                        second = f.apply(ready.value());
                        if (second == null) {
                            return Poll.failed(new NullPointerException("then(): the function returned null"));
                        }
                    } catch (RuntimeException | Error e) {
                        return Poll.failed(e);
                    }
                }
            }
        }
        if (second == null) {
            throw new IllegalStateException("then future polled after completion");
        }
        Poll<U> p = second.poll(cx);
        if (p.isReady()) {
            second = null;
        }
        return p;
    }

    @Override
    public void cancel() {
        Future<T> a = first;
        Future<U> b = second;
        first = null;
        second = null;
        fn = null;
        if (a != null) {
            a.cancel();
        }
        if (b != null) {
            b.cancel();
        }
    }
}
