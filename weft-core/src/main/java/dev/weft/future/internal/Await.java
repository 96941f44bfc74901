package dev.weft.future.internal;

import dev.weft.future.CancelledException;
import dev.weft.future.Context;
import dev.weft.future.Future;
import dev.weft.future.Poll;

/**
 * The one implementation of {@code await()}: poll with the current {@link Suspender}'s context,
 * suspend while pending, rethrow a failure as it is. Concrete futures that narrow the
 * {@code throws} clause of {@code await()} call {@link #await(Future)} directly.
 */
public final class Await {
    private Await() {
    }

    /**
     * Waits for {@code future} on the current thread or coroutine.
     *
     * @param future the future
     * @param <T> its value type
     * @return its value; its failure is thrown as it is
     */
    public static <T> T await(Future<T> future) {
        Args.notNull(future, "future");
        Suspender s = Suspender.current();
        Context cx;
        try {
            cx = s.enter();
        } catch (CancelledException e) {
            future.cancel();
            throw e;
        }
        Poll<T> p = future.poll(cx);
        if (p instanceof Poll.Ready<T> r) {
            return r.value();
        }
        if (p instanceof Poll.Failed<T> f) {
            throw Sneaky.rethrow(f.error());
        }
        return s.awaitPending(future, cx);
    }

    /**
     * Waits for {@code op}'s answer on the current thread or coroutine, with no future and no
     * {@code Poll} made for it.
     *
     * @param op the operation
     * @return its answer (never {@link ObjOp#PENDING}); its failure is thrown as it is
     */
    public static Object awaitObj(ObjOp op) {
        Suspender s = Suspender.current();
        Context cx;
        try {
            cx = s.enter();
        } catch (CancelledException e) {
            op.abandon(); // as await(Future) cancels: what an earlier poll registered goes
            throw e;
        }
        Object v = op.pollObj(cx);
        return v != ObjOp.PENDING ? v : s.awaitObj(op, cx);
    }
}
