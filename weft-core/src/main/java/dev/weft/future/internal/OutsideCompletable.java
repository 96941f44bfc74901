package dev.weft.future.internal;

import dev.weft.future.Poll;
import java.util.concurrent.CompletableFuture;

/**
 * A {@link CompletableFuture} that a Weft future or task completes, and that tells its owner
 * when somebody else completes it first: {@code cancel}, {@code complete},
 * {@code completeExceptionally} (so also {@code orTimeout} and {@code completeOnTimeout}) all
 * run {@link #completedFromOutside()}, which cancels the Weft side. The Weft side settles it
 * with {@link #settle(Poll)}, which does not call the hook. Whichever completes first decides.
 *
 * @param <T> the value type
 */
public abstract class OutsideCompletable<T> extends CompletableFuture<T> {
    /** For subclasses. */
    protected OutsideCompletable() {
    }

    /**
     * The result was set from outside (or {@code cancel} was called): stop the Weft side. May be
     * called more than once and concurrently with the Weft side's own completion.
     */
    protected abstract void completedFromOutside();

    /**
     * Completes with a ready or failed poll, from the Weft side (no hook).
     *
     * @param p a ready or failed poll
     */
    protected final void settle(Poll<T> p) {
        switch (p) {
            case Poll.Ready<T> r -> super.complete(r.value());
            case Poll.Failed<T> f -> super.completeExceptionally(f.error());
            case Poll.Pending<T> pending -> throw new AssertionError("settle(pending)");
        }
    }

    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
        boolean cancelled = super.cancel(mayInterruptIfRunning);
        completedFromOutside();
        return cancelled;
    }

    @Override
    public boolean complete(T value) {
        boolean won = super.complete(value);
        if (won) {
            completedFromOutside();
        }
        return won;
    }

    @Override
    public boolean completeExceptionally(Throwable ex) {
        boolean won = super.completeExceptionally(ex);
        if (won) {
            completedFromOutside();
        }
        return won;
    }
}
