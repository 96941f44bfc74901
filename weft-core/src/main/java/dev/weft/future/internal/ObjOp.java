package dev.weft.future.internal;

import dev.weft.future.Context;

/**
 * An operation that a waiter awaits without a future object, whose poll answers an object or
 * {@link #PENDING}: a receive from a channel, where the channel itself is the operation. A
 * coroutine that awaits one allocates no future and no {@code Poll} per await ({@link
 * Await#awaitObj}); as with {@link IntOp}, a resumer that polls for its waiter polls the
 * operation.
 */
public abstract class ObjOp {
    /** The answer of a poll that registered the context's waker and must be polled again. */
    public static final Object PENDING = new Object();

    /** For subclasses. */
    protected ObjOp() {
    }

    /**
     * Polls the operation once. A failure is thrown (unchecked), as a future's poll may.
     *
     * @param cx the context whose waker is woken when it may progress
     * @return its answer, or {@link #PENDING} (the waker is registered)
     */
    public abstract Object pollObj(Context cx);

    /**
     * The wait ended before an answer (its waiter was cancelled): releases what the polls
     * registered, as a future's {@code cancel()} does. By default nothing.
     */
    public void abandon() {
    }
}
