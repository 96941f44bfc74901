package dev.weft.future;

import java.util.concurrent.Callable;

/**
 * One branch of a {@link Select}: a future it owns or a stream it borrows, with the handlers.
 * A branch is polled only while {@link #enabled}; a poll that completes it stores the raw
 * result, and {@link #handle} later turns it into the select's result (after the other branches
 * were cancelled, as Tokio drops the other futures before running the winner's handler).
 */
abstract sealed class SelectBranch<R> permits SelectBranch.OfFuture, SelectBranch.OfStream {

    /** What one poll of a branch did. */
    enum Step { PENDING, DONE, DISABLED }

    boolean enabled;

    SelectBranch(boolean enabled) {
        this.enabled = enabled;
    }

    /** Polls the branch; an exception escaping the child is stored as its failure ({@code DONE}). */
    abstract Step poll(Context cx);

    /** @return the select's result from the stored one; runs the handler, which may throw */
    abstract Poll<R> handle() throws Exception;

    /** Releases what the branch owns, at most once; a stream is borrowed and left as it is. */
    abstract void cancel();

    static final class OfFuture<V, R> extends SelectBranch<R> {
        private Future<V> future; // null once completed or cancelled
        private final CheckedFunction<? super V, ? extends R> onValue;
        private final CheckedFunction<? super Throwable, ? extends R> onFailure; // null: the failure is the select's
        private Poll<V> result;

        OfFuture(boolean enabled, Future<V> future, CheckedFunction<? super V, ? extends R> onValue,
                 CheckedFunction<? super Throwable, ? extends R> onFailure) {
            super(enabled);
            this.future = future;
            this.onValue = onValue;
            this.onFailure = onFailure;
        }

        @Override
        Step poll(Context cx) {
            Poll<V> p;
            try {
                p = future.poll(cx);
            } catch (RuntimeException | Error e) {
                p = Poll.failed(e);
            }
            if (p.isPending()) {
                return Step.PENDING;
            }
            future = null;
            result = p;
            return Step.DONE;
        }

        @Override
        Poll<R> handle() throws Exception {
            return switch (result) {
                case Poll.Ready<V> r -> Poll.ready(onValue.apply(r.value()));
                case Poll.Failed<V> f -> onFailure != null ? Poll.ready(onFailure.apply(f.error())) : Poll.failed(f.error());
                case Poll.Pending<V> p -> throw new IllegalStateException("unreachable");
            };
        }

        @Override
        void cancel() {
            Future<V> f = future;
            if (f != null) {
                future = null;
                f.cancel();
            }
        }
    }

    static final class OfStream<V, R> extends SelectBranch<R> {
        private final Stream<V> stream; // borrowed: never cancelled here
        private final CheckedFunction<? super V, ? extends R> onItem;
        private final Callable<? extends R> onEnd; // null: the end disables the branch
        private Poll<V> result;

        OfStream(boolean enabled, Stream<V> stream, CheckedFunction<? super V, ? extends R> onItem,
                 Callable<? extends R> onEnd) {
            super(enabled);
            this.stream = stream;
            this.onItem = onItem;
            this.onEnd = onEnd;
        }

        @Override
        Step poll(Context cx) {
            Poll<V> p;
            try {
                p = stream.pollNext(cx);
            } catch (RuntimeException | Error e) {
                p = Poll.failed(e);
            }
            if (p.isPending()) {
                return Step.PENDING;
            }
            if (Stream.isEnd(p) && onEnd == null) {
                enabled = false;
                return Step.DISABLED;
            }
            result = p;
            return Step.DONE;
        }

        @Override
        Poll<R> handle() throws Exception {
            if (Stream.isEnd(result)) {
                return Poll.ready(onEnd.call());
            }
            return switch (result) {
                case Poll.Ready<V> r -> r.value() == null
                        ? Poll.failed(new NullPointerException("the stream produced a null item"))
                        : Poll.ready(onItem.apply(r.value()));
                case Poll.Failed<V> f -> Poll.failed(f.error());
                case Poll.Pending<V> p -> throw new IllegalStateException("unreachable");
            };
        }

        @Override
        void cancel() {
        }
    }
}
