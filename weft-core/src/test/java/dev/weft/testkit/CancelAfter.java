package dev.weft.testkit;

import dev.weft.future.Context;
import dev.weft.future.Future;
import dev.weft.future.Poll;
import java.util.Optional;

/**
 * Polls {@code inner} at most {@code polls} times; if it is still pending then, cancels it and
 * completes with empty. It re-wakes itself while pending, so the cancellation comes without
 * any timer: a deterministic way to cancel at an await point (and in between, when a slot or a
 * message was handed to the waiter but it was not polled yet).
 */
public final class CancelAfter<T> implements Future<Optional<T>> {
    private final Future<T> inner;
    private int polls;

    public CancelAfter(Future<T> inner, int polls) {
        this.inner = inner;
        this.polls = polls;
    }

    @Override
    public Poll<Optional<T>> poll(Context cx) {
        Poll<T> p = inner.poll(cx);
        return switch (p) {
            case Poll.Ready<T> r -> Poll.ready(Optional.ofNullable(r.value()).or(() -> Optional.of(marker())));
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

    /** Stands for a completed {@code Void} future. */
    @SuppressWarnings("unchecked")
    private static <T> T marker() {
        return (T) DONE;
    }

    public static final Object DONE = new Object();
}
