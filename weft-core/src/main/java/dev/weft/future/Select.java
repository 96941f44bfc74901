package dev.weft.future;

import dev.weft.future.internal.Args;
import dev.weft.future.internal.Choice;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Waits on several branches of different types at once and runs the handler of the first to
 * complete: Tokio's {@code select!} as a builder. A branch is a future (owned by the select) or
 * a stream's next item (the stream is borrowed), each with its own handler; the handlers all
 * give the select's result type {@code R}.
 *
 * {@snippet :
 * String r = Select.<String>builder()
 *         .on(task1, v -> "First: " + v)
 *         .on(task2, v -> "First: " + v)
 *         .on(Time.sleep(Duration.ofMillis(150)), v -> "Timeout reached")
 *         .build()
 *         .await();
 * }
 *
 * <p>The loop idiom: a worker takes messages until its channel closes or it is told to stop.
 * A stream branch takes an item only in the poll that hands it to the handler, so going round
 * the loop loses no message:
 *
 * {@snippet :
 * while (true) {
 *     boolean more = Select.<Boolean>builder()
 *             .onNext(rx, msg -> { handle(msg); return true; }, () -> false)  // false: channel closed
 *             .on(token.cancelled(), v -> false)                               // false: shut down
 *             .build()
 *             .await();
 *     if (!more) break;
 * }
 * }
 *
 * <p><b>Rules.</b>
 * <ul>
 *   <li><b>Fairness:</b> each poll starts at a random branch ({@link ThreadLocalRandom}, or on
 *       a deterministic runtime's thread its seed: see {@code RuntimeBuilder.deterministic}) and
 *       goes round, so a branch that is always ready cannot starve the others; after
 *       {@link Builder#biased()} each poll goes in the order the branches were added.
 *   <li><b>Winner:</b> the first branch polled that completes, with a value or a failure. Every
 *       other future branch (and every disabled one) is cancelled, exactly once, <em>before</em>
 *       the winner's handler runs, so the handler may reuse what the losers borrowed.
 *   <li><b>Failures:</b> a branch future that fails (or throws from {@code poll}) makes the
 *       select fail with that error, as it is, unless the branch was added with a failure
 *       handler ({@link Builder#on(Future, CheckedFunction, CheckedFunction)}), whose result is
 *       then the select's. A failing stream fails the select. Handlers are
 *       {@link CheckedFunction}s, so a handler may await (a write, a send) inside a coroutine;
 *       an exception it throws, checked or not, is the select's failure, as it is.
 *   <li><b>Guards:</b> {@link Builder#on(boolean, Future, CheckedFunction)} with {@code false} adds a
 *       disabled branch ({@code , if cond} in Tokio): it is never polled, and its future is
 *       cancelled when the select ends.
 *   <li><b>Else:</b> a stream branch without an end handler is disabled when its stream ends.
 *       When every branch is disabled, the {@link Builder#orElse} supplier gives the result;
 *       without one the select fails with {@link IllegalStateException} (Tokio panics).
 * </ul>
 *
 * <p><b>Cancel safety:</b> cancelling the select cancels every future branch, each once, and
 * leaves the streams untouched. It is as cancel-safe as its future branches: stream branches are
 * cancel-safe (no item is taken without running its handler); a future branch that loses its
 * half-done work when cancelled (a partial read) loses it here too. A {@code JoinHandle} branch
 * only detaches, the task keeps running. A select is polled by one task at a time, and only once
 * after it completed is a bug ({@link IllegalStateException}).
 *
 * <p>This is {@link Futures#select}/{@link Futures#either} with handlers, guards, streams, an
 * else and fairness; it lives here, next to them, because it needs no runtime: any executor
 * drives it.
 *
 * @param <R> the type of the result
 */
public final class Select<R> implements Future<R> {
    private final SelectBranch<R>[] branches;
    private final Callable<? extends R> orElse; // null: all disabled is a failure
    private final boolean biased;
    private boolean done;

    private Select(SelectBranch<R>[] branches, Callable<? extends R> orElse, boolean biased) {
        this.branches = branches;
        this.orElse = orElse;
        this.biased = biased;
    }

    /**
     * A builder for a select with result type {@code R}.
     *
     * {@snippet :
     * Select.Builder<String> b = Select.<String>builder();
     * }
     *
     * @param <R> the type of the result
     * @return a new builder
     */
    public static <R> Builder<R> builder() {
        return new Builder<>();
    }

    @Override
    public Poll<R> poll(Context cx) {
        if (done) {
            throw new IllegalStateException("select polled after it completed or was cancelled");
        }
        int n = branches.length;
        int start = biased || n < 2 ? 0 : Choice.pick(n);
        boolean anyEnabled = false;
        for (int k = 0; k < n; k++) {
            SelectBranch<R> b = branches[(start + k) % n];
            if (!b.enabled) {
                continue;
            }
            switch (b.poll(cx)) {
                case PENDING -> anyEnabled = true;
                case DISABLED -> { }
                case DONE -> {
                    return finish(b);
                }
            }
        }
        return anyEnabled ? Poll.pending() : finish(null);
    }

    /** Cancels every branch but the winner, then runs the winner's handler (or the else). */
    private Poll<R> finish(SelectBranch<R> winner) {
        done = true;
        RuntimeException cancelBug = null;
        for (SelectBranch<R> b : branches) {
            try {
                b.cancel();
            } catch (RuntimeException e) {
                if (cancelBug == null) {
                    cancelBug = e;
                } else {
                    cancelBug.addSuppressed(e);
                }
            }
        }
        Poll<R> result;
        try {
            if (winner != null) {
                result = winner.handle();
            } else if (orElse != null) {
                result = Poll.ready(orElse.call());
            } else {
                result = Poll.failed(new IllegalStateException("select: every branch is disabled and there is no orElse"));
            }
        } catch (Exception | Error e) { // a handler's failure, checked or not, is the select's
            result = Poll.failed(e);
        }
        if (cancelBug == null) {
            return result;
        }
        if (result instanceof Poll.Failed<R> f) {
            f.error().addSuppressed(cancelBug);
            return result;
        }
        return Poll.failed(cancelBug);
    }

    @Override
    public void cancel() {
        if (!done) {
            done = true;
            Throwable first = null;
            for (SelectBranch<R> b : branches) {
                try {
                    b.cancel();
                } catch (RuntimeException e) {
                    first = first == null ? e : first;
                }
            }
            if (first instanceof RuntimeException re) {
                throw re;
            }
        }
    }

    /**
     * Adds branches, then {@link #build()}s the {@link Select}. A builder makes one select (the
     * select owns the futures) and is used by one thread.
     *
     * {@snippet :
     * Select<String> s = Select.<String>builder()
     *         .on(fetch(url), body -> body)
     *         .on(Time.sleep(Duration.ofSeconds(1)), v -> "too slow")
     *         .biased()
     *         .build();
     * }
     *
     * @param <R> the type of the result
     */
    public static final class Builder<R> {
        private final List<SelectBranch<R>> branches = new ArrayList<>();
        private Callable<? extends R> orElse;
        private boolean biased;
        private boolean built;

        private Builder() {
        }

        /**
         * A branch that wins when {@code future} completes with a value; {@code handler} makes the
         * result from it. A failure of {@code future} is the select's failure.
         *
         * @param future the future, owned by the select
         * @param handler makes the result from the value
         * @param <V> the type of the value
         * @return this builder
         */
        public <V> Builder<R> on(Future<V> future, CheckedFunction<? super V, ? extends R> handler) {
            return add(new SelectBranch.OfFuture<>(true, Args.notNull(future, "future"), Args.notNull(handler, "handler"), null));
        }

        /**
         * A branch that wins when {@code future} completes, with {@code onValue} for a value and
         * {@code onFailure} for a failure (which then does not fail the select).
         *
         * {@snippet :
         * .on(fetch(url), body -> body, error -> "unavailable: " + error.getMessage())
         * }
         *
         * @param future the future, owned by the select
         * @param onValue makes the result from the value
         * @param onFailure makes the result from the failure
         * @param <V> the type of the value
         * @return this builder
         */
        public <V> Builder<R> on(Future<V> future, CheckedFunction<? super V, ? extends R> onValue,
                                 CheckedFunction<? super Throwable, ? extends R> onFailure) {
            return add(new SelectBranch.OfFuture<>(true, Args.notNull(future, "future"),
                    Args.notNull(onValue, "onValue"), Args.notNull(onFailure, "onFailure")));
        }

        /**
         * A guarded branch: with {@code enabled} false it is never polled ({@code , if cond} in
         * Tokio), and {@code future} is cancelled when the select ends.
         *
         * {@snippet :
         * .on(!draining, listener.accept(), conn -> serve(conn))
         * }
         *
         * @param enabled whether the branch takes part
         * @param future the future, owned by the select
         * @param handler makes the result from the value
         * @param <V> the type of the value
         * @return this builder
         */
        public <V> Builder<R> on(boolean enabled, Future<V> future, CheckedFunction<? super V, ? extends R> handler) {
            return add(new SelectBranch.OfFuture<>(enabled, Args.notNull(future, "future"), Args.notNull(handler, "handler"), null));
        }

        /**
         * A branch on the next item of {@code stream}, which the select borrows (never cancels).
         * When the stream ends, the branch is disabled and the others go on; when every branch is
         * disabled, {@link #orElse} runs. Cancel-safe: no item is taken without running
         * {@code onItem}.
         *
         * @param stream the stream, borrowed
         * @param onItem makes the result from the item
         * @param <V> the type of the items
         * @return this builder
         */
        public <V> Builder<R> onNext(Stream<V> stream, CheckedFunction<? super V, ? extends R> onItem) {
            return add(new SelectBranch.OfStream<>(true, Args.notNull(stream, "stream"), Args.notNull(onItem, "onItem"), null));
        }

        /**
         * A branch on the next item of {@code stream}, or its end: {@code onEnd} makes the result
         * when the stream ends. The stream is borrowed. Cancel-safe.
         *
         * {@snippet :
         * .onNext(rx, msg -> handle(msg), () -> "channel closed")
         * }
         *
         * @param stream the stream, borrowed
         * @param onItem makes the result from the item
         * @param onEnd makes the result at the end of the stream
         * @param <V> the type of the items
         * @return this builder
         */
        public <V> Builder<R> onNext(Stream<V> stream, CheckedFunction<? super V, ? extends R> onItem, Callable<? extends R> onEnd) {
            return add(new SelectBranch.OfStream<>(true, Args.notNull(stream, "stream"),
                    Args.notNull(onItem, "onItem"), Args.notNull(onEnd, "onEnd")));
        }

        /**
         * What the select gives when every branch is disabled (guards, ended streams).
         *
         * @param fallback makes the result
         * @return this builder
         */
        public Builder<R> orElse(Callable<? extends R> fallback) {
            checkOpen();
            this.orElse = Args.notNull(fallback, "fallback");
            return this;
        }

        /**
         * Polls the branches in the order they were added, instead of from a random one: the
         * earliest ready branch wins. Cheaper, and deterministic; put first a branch that must
         * win when several are ready (a shutdown signal), and mind starving the later ones.
         *
         * @return this builder
         */
        public Builder<R> biased() {
            checkOpen();
            this.biased = true;
            return this;
        }

        /**
         * Makes the select. The builder cannot be used afterwards.
         *
         * @return the select, owning the branch futures
         * @throws IllegalStateException if there is no branch and no {@link #orElse}, or if built twice
         */
        @SuppressWarnings({"unchecked", "rawtypes"}) // an array of the branches just added
        public Select<R> build() {
            checkOpen();
            if (branches.isEmpty() && orElse == null) {
                throw new IllegalStateException("a select needs a branch or an orElse");
            }
            built = true;
            return new Select<>(branches.toArray(new SelectBranch[0]), orElse, biased);
        }

        private Builder<R> add(SelectBranch<R> branch) {
            checkOpen();
            branches.add(branch);
            return this;
        }

        private void checkOpen() {
            if (built) {
                throw new IllegalStateException("this select builder was already built");
            }
        }
    }
}
