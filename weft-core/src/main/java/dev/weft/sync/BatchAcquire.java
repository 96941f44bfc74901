package dev.weft.sync;

import dev.weft.future.Context;
import dev.weft.future.Poll;
import dev.weft.future.UncheckedFuture;
import dev.weft.future.internal.Coop;

/**
 * A wait for {@code count} permits of a {@link BatchSemaphore}, the future under
 * {@link Semaphore.Acquire}, {@link RwLock.Read}, {@link RwLock.Write} and {@link OnceCell}.
 *
 * <p><b>Allocation.</b> The first poll tries the semaphore's word directly; only if it has to
 * wait does it queue a separate {@link BatchSemaphore.Waiter}. The future itself never escapes
 * into the semaphore (the slow paths get the semaphore, the count and the waker, not
 * {@code this}), so when a caller creates, polls and drops it in one compiled method the JIT can
 * scalar-replace it: an uncontended acquire allocates nothing.
 *
 * <p><b>Cooperative budget</b> is asked only when the poll would complete: a free-looking word
 * asks before taking, and a poll that finds its permits assigned asks before returning them; if
 * the budget is spent it answers pending (the task is re-woken) and keeps what it was assigned.
 * A poll that stays pending spends nothing.
 *
 * <p>Its fields are the owner's: a future is polled and cancelled by one task at a time.
 *
 * @param <T> what a successful acquire yields (a permit, a guard)
 */
abstract class BatchAcquire<T> implements UncheckedFuture<T> {
    final BatchSemaphore sem;
    final int count;
    /** Null before the first slow path; then TAKEN, REFUSED or the queued waiter. */
    private BatchSemaphore.Waiter waiter;
    /** Ready or cancelled: polling again is a bug. */
    private boolean done;

    BatchAcquire(BatchSemaphore sem, int count) {
        this.sem = sem;
        this.count = count;
    }

    /** Makes the value once the permits are ours. */
    abstract T acquired();

    @Override
    public final Poll<T> poll(Context cx) {
        if (done) {
            throw new IllegalStateException("acquire polled after it completed or was cancelled");
        }
        BatchSemaphore.Waiter w = waiter;
        if (w == null) {
            long s = sem.getVolatileState();
            if (BatchSemaphore.fastAcquirable(s, count)) {
                if (!Coop.proceed(cx)) {
                    return Poll.pending(); // nothing taken; the task is re-woken
                }
                if (sem.casState(s, BatchSemaphore.minus(s, count))) {
                    done = true;
                    return Poll.ready(acquired());
                }
            }
            w = sem.acquireSlow(count, cx.waker());
            waiter = w;
        }
        if (w == BatchSemaphore.Waiter.TAKEN) {
            return Coop.proceed(cx) ? complete() : Poll.pending(); // held until the next poll
        }
        if (w == BatchSemaphore.Waiter.REFUSED) {
            return closed(cx);
        }
        for (;;) {
            switch (w.getAcquireState()) {
                case BatchSemaphore.Waiter.ASSIGNED -> {
                    return Coop.proceed(cx) ? complete() : Poll.pending(); // held until the next poll
                }
                case BatchSemaphore.Waiter.CLOSED -> {
                    return closed(cx);
                }
                default -> {
                    if (sem.stillWaiting(w, cx.waker())) {
                        return Poll.pending();
                    } // else it was just assigned or closed: look again
                }
            }
        }
    }

    private Poll<T> complete() {
        done = true;
        return Poll.ready(acquired());
    }

    private Poll<T> closed(Context cx) {
        if (!Coop.proceed(cx)) {
            return Poll.pending();
        }
        done = true;
        return Poll.failed(new SemaphoreClosedException(sem.closedMessage));
    }

    /**
     * Leaves the queue; permits assigned so far (some, or all if it was about to complete) go
     * on to the next waiters or back into the pool.
     */
    @Override
    public final void cancel() {
        if (done) {
            return;
        }
        done = true;
        BatchSemaphore.Waiter w = waiter;
        if (w == BatchSemaphore.Waiter.TAKEN) {
            sem.release(count);
        } else if (w != null && w != BatchSemaphore.Waiter.REFUSED) {
            sem.cancel(w);
        }
    }
}
