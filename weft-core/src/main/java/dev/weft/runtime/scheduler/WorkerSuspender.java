package dev.weft.runtime.scheduler;

import dev.weft.future.Context;
import dev.weft.future.internal.Suspender;

/**
 * Installed on a thread while it drives a runtime. {@code await()} there would block every task
 * of the worker, so it is refused with the fix in the message. A worker's instance also holds
 * the cooperative budget of the task it is running (see {@link #proceed}).
 */
final class WorkerSuspender extends Suspender {
    /** Polls of Weft resources a task may make per turn before they answer pending (Tokio: 128). */
    static final int INITIAL_BUDGET = 128;
    /** For threads that poll but run no tasks (blockOn of the multi-thread flavor): no budget. */
    static final WorkerSuspender REFUSING = new WorkerSuspender(false);

    private final boolean budgeted;
    /** Owner-thread only: reset before each task run. */
    int budget = INITIAL_BUDGET;

    WorkerSuspender(boolean budgeted) {
        this.budgeted = budgeted;
    }

    void resetBudget() {
        budget = INITIAL_BUDGET;
    }

    @Override
    public Context enter() {
        throw new IllegalStateException("await() was called on a Weft worker thread while it polls a "
                + "task: that would block every task of the worker. In a poll-based future, compose "
                + "with map/then or return Poll.pending() after registering the waker; for sequential "
                + "code, run it as a coroutine with Async.async(...) or Weft.spawn(...)");
    }

    @Override
    public void suspend() {
        throw new IllegalStateException("unreachable: enter() refuses");
    }

    @Override
    public boolean proceed(Context cx) {
        if (!budgeted || --budget >= 0) {
            return true;
        }
        budget = 0;
        cx.waker().wake(); // spent: answer pending and come back after the others had a turn
        return false;
    }
}
