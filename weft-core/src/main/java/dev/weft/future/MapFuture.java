package dev.weft.future;

import java.util.function.Function;

/** {@link Future#map}: applies a function to the inner future's value. */
final class MapFuture<T, U> implements Future<U> {
    private Future<T> inner;
    private final Function<? super T, ? extends U> fn;

    MapFuture(Future<T> inner, Function<? super T, ? extends U> fn) {
        this.inner = inner;
        this.fn = fn;
    }

    @Override
    @SuppressWarnings("unchecked")
    public Poll<U> poll(Context cx) {
        Future<T> f = inner;
        if (f == null) {
            throw new IllegalStateException("map future polled after completion");
        }
        Poll<T> p = f.poll(cx);
        switch (p) {
            case Poll.Pending<T> pending -> {
                return (Poll<U>) pending;
            }
            case Poll.Failed<T> failed -> {
                inner = null;
                return (Poll<U>) failed;
            }
            case Poll.Ready<T> ready -> {
                inner = null;
                try {
                    return Poll.ready(fn.apply(ready.value()));
                } catch (RuntimeException | Error e) {
                    return Poll.failed(e);
                }
            }
        }
    }

    @Override
    public void cancel() {
        Future<T> f = inner;
        inner = null;
        if (f != null) {
            f.cancel();
        }
    }
}
