package dev.weft.io;

import dev.weft.future.Context;
import dev.weft.future.Future;
import dev.weft.future.Poll;
import java.util.Optional;

/**
 * Polls {@code inner} at most {@code polls} times; if it is still pending then, cancels it and
 * completes with empty. It re-wakes itself while pending, so the cancellation needs no timer:
 * a deterministic way to cancel at an await point.
 */
final class CancelAfter<T> implements Future<Optional<T>> {
    static final Object DONE = new Object();

    private final Future<T> inner;
    private int polls;

    CancelAfter(Future<T> inner, int polls) {
        this.inner = inner;
        this.polls = polls;
    }

    @Override
    @SuppressWarnings("unchecked") // DONE stands for the null value of a Void future
    public Poll<Optional<T>> poll(Context cx) {
        Poll<T> p = inner.poll(cx);
        return switch (p) {
            case Poll.Ready<T> r -> Poll.ready(Optional.of(r.value() == null ? (T) DONE : r.value()));
            case Poll.Failed<T> f -> Poll.failed(f.error());
            case Poll.Pending<T> pending -> {
                if (--polls <= 0) {
                    inner.cancel();
                    yield Poll.ready(Optional.empty());
                }
                cx.waker().wake();
                yield Poll.pending();
            }
        };
    }

    @Override
    public void cancel() {
        inner.cancel();
    }
}
