package dev.weft.future;

import java.util.function.Supplier;

/** {@link Futures#lazy}: makes its inner future at the first poll, then delegates to it. */
final class LazyFuture<T> implements Future<T> {
    private Supplier<? extends Future<T>> supplier; // null once called (or cancelled)
    private Future<T> inner;                        // null before the call and after completion

    LazyFuture(Supplier<? extends Future<T>> supplier) {
        this.supplier = supplier;
    }

    @Override
    public Poll<T> poll(Context cx) {
        Future<T> f = inner;
        if (f == null) {
            Supplier<? extends Future<T>> s = supplier;
            if (s == null) {
                throw new IllegalStateException("lazy future polled after it completed or was cancelled");
            }
            supplier = null;
            try {
                f = s.get();
            } catch (RuntimeException | Error e) {
                return Poll.failed(e);
            }
            if (f == null) {
                return Poll.failed(new NullPointerException("lazy: the supplier returned null"));
            }
            inner = f;
        }
        Poll<T> p = f.poll(cx);
        if (p.isReady()) {
            inner = null;
        }
        return p;
    }

    @Override
    public void cancel() {
        Future<T> f = inner;
        inner = null;
        supplier = null;
        if (f != null) {
            f.cancel();
        }
    }
}
