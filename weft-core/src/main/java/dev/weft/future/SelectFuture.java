package dev.weft.future;

import dev.weft.future.internal.Choice;

/**
 * {@link Futures#select}, {@link Futures#selectBiased}, {@link Futures#race} and
 * {@link Futures#either}: the first child to complete wins, the others are cancelled.
 *
 * <p>Each poll polls the children with the caller's context, going round from a start child,
 * and stops at the first one that completes. A fair select starts each poll at a random child
 * ({@link Choice#pick}: a {@code ThreadLocalRandom}, or the seed of a deterministic runtime on
 * its thread), so an always-ready child cannot starve the others; a biased one starts at child 0.
 * A child completes with a value or a failure (an exception escaping a child's {@code poll} counts
 * as its failure). The winner's result becomes the select's, and every other child is cancelled
 * exactly once. {@code Pending} is returned only when every child just returned {@code Pending}.
 *
 * <p>A loser whose {@code cancel()} throws (a bug in that future) still lets the other losers
 * be cancelled; its exception is attached as suppressed to the winner's failure, or, when the
 * winner had a value, becomes the failure: the bug surfaces instead of vanishing.
 */
final class SelectFuture<T, R> implements Future<R> {

    /** Makes the select's value from the winner's index and value. Must not throw. */
    @FunctionalInterface
    interface Winner<T, R> {
        R of(int index, T value);
    }

    private final Future<?>[] children; // every slot cleared once the select completed or was cancelled
    private final Winner<T, R> winner;
    private final boolean biased;
    private boolean done;

    /**
     * @param children at least one child, each a {@code Future<? extends T>}; owned from now on
     * @param winner makes the result
     * @param biased whether each poll starts at child 0 (else at a random child)
     */
    SelectFuture(Future<?>[] children, Winner<T, R> winner, boolean biased) {
        this.children = children;
        this.winner = winner;
        this.biased = biased;
    }

    @Override
    @SuppressWarnings("unchecked") // children[i] is a Future<? extends T> (see the constructor)
    public Poll<R> poll(Context cx) {
        if (done) {
            throw new IllegalStateException("select future polled after completion");
        }
        int n = children.length;
        int start = biased || n < 2 ? 0 : Choice.pick(n);
        for (int k = 0; k < n; k++) {
            int i = start + k < n ? start + k : start + k - n;
            Poll<?> p;
            try {
                p = children[i].poll(cx);
            } catch (RuntimeException | Error e) {
                return finish(i, Poll.failed(e));
            }
            switch (p) {
                case Poll.Pending<?> pending -> { }
                case Poll.Ready<?> ready -> {
                    return finish(i, Poll.ready(winner.of(i, (T) ready.value())));
                }
                case Poll.Failed<?> failed -> {
                    return finish(i, Poll.failed(failed.error()));
                }
            }
        }
        return Poll.pending();
    }

    private Poll<R> finish(int index, Poll<R> result) {
        done = true;
        children[index] = null;
        try {
            Children.cancelAll(children);
        } catch (RuntimeException | Error e) {
            if (result instanceof Poll.Failed<R> f) {
                f.error().addSuppressed(e);
            } else {
                return Poll.failed(e);
            }
        }
        return result;
    }

    @Override
    public void cancel() {
        if (!done) {
            done = true;
            Children.cancelAll(children);
        }
    }
}
