package dev.weft.future.internal;

import dev.weft.future.Context;
import java.io.IOException;

/**
 * An operation that a waiter awaits without a future object: its poll answers an {@code int}
 * (a byte count) or {@link #PENDING}. The I/O layer keeps one per waiter ({@link
 * Suspender#scratch}) and reuses it for every await, so a steady-state read or write from a
 * coroutine allocates nothing: no future, no {@code Poll}, no boxed count.
 */
public abstract class IntOp {
    /** The answer of a poll that registered the context's waker and must be polled again. */
    public static final int PENDING = Integer.MIN_VALUE;

    /** For subclasses. */
    protected IntOp() {
    }

    /**
     * Polls the operation once.
     *
     * @param cx the context whose waker is woken when it may progress
     * @return its answer, or {@link #PENDING} (the waker is registered)
     * @throws IOException the operation's fault
     */
    public abstract int pollInt(Context cx) throws IOException;
}
