package dev.weft.runtime.scheduler;

import dev.weft.future.Context;
import dev.weft.future.internal.Suspender;

/**
 * Installed on a thread while it drives a runtime: {@code await()} there would block every
 * task of the worker, so it is refused with the fix in the message.
 */
final class WorkerSuspender extends Suspender {
    static final WorkerSuspender INSTANCE = new WorkerSuspender();

    private WorkerSuspender() {
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
}
