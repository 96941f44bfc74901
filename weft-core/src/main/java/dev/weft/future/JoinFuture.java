package dev.weft.future;

import java.util.function.Function;

/**
 * {@link Futures#join} and {@link Futures#join2}: waits for every child, failing fast.
 *
 * <p>Each poll polls, in order, every child that has not completed yet, all with the caller's
 * context, so the pending contract holds: {@code Pending} is returned only when at least one
 * child just returned {@code Pending} with that context. The first failure (a failed poll, or an
 * exception escaping a child's {@code poll}) cancels every unfinished child and becomes the
 * join's failure.
 */
final class JoinFuture<R> implements Future<R> {
    private final Future<?>[] children; // slot set to null once that child completed or was cancelled
    private final Object[] values;
    private final Function<Object[], R> finish;
    private int remaining;
    private boolean done;

    /**
     * @param children the children, owned by this future from now on
     * @param finish makes the result from the values, in child order; must not throw
     */
    JoinFuture(Future<?>[] children, Function<Object[], R> finish) {
        this.children = children;
        this.values = new Object[children.length];
        this.finish = finish;
        this.remaining = children.length;
    }

    @Override
    public Poll<R> poll(Context cx) {
        if (done) {
            throw new IllegalStateException("join future polled after completion");
        }
        for (int i = 0; i < children.length && remaining > 0; i++) {
            Future<?> f = children[i];
            if (f == null) {
                continue;
            }
            Poll<?> p;
            try {
                p = f.poll(cx);
            } catch (RuntimeException | Error e) {
                children[i] = null;
                return fail(e);
            }
            switch (p) {
                case Poll.Pending<?> pending -> { }
                case Poll.Ready<?> ready -> {
                    children[i] = null;
                    values[i] = ready.value();
                    remaining--;
                }
                case Poll.Failed<?> failed -> {
                    children[i] = null;
                    return fail(failed.error());
                }
            }
        }
        if (remaining > 0) {
            return Poll.pending();
        }
        done = true;
        return Poll.ready(finish.apply(values));
    }

    private Poll<R> fail(Throwable error) {
        done = true;
        try {
            Children.cancelAll(children);
        } catch (RuntimeException | Error e) {
            error.addSuppressed(e);
        }
        return Poll.failed(error);
    }

    @Override
    public void cancel() {
        if (!done) {
            done = true;
            Children.cancelAll(children);
        }
    }
}
