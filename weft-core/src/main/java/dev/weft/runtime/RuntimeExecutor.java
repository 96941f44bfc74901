package dev.weft.runtime;

import dev.weft.future.Context;
import dev.weft.future.Future;
import dev.weft.future.Poll;
import dev.weft.runtime.scheduler.Scheduler;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * {@link Handle#executor()}: each runnable becomes one task of the runtime, a future that runs it
 * at its first poll and is ready at once. The task is the only allocation besides that future.
 */
final class RuntimeExecutor implements Executor {
    private final Scheduler scheduler;

    RuntimeExecutor(Scheduler scheduler) {
        this.scheduler = scheduler;
    }

    @Override
    public void execute(Runnable command) {
        if (command == null) {
            throw new NullPointerException("command must not be null"); // Executor's contract: NPE
        }
        if (scheduler.isShutdown()) {
            throw new RejectedExecutionException("this Weft runtime is shut down: it cannot run " + command);
        }
        try {
            scheduler.spawn(new RunOnce(command));
        } catch (IllegalStateException e) { // shut down between the check and the spawn
            throw new RejectedExecutionException(e.getMessage(), e);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RuntimeExecutor e && e.scheduler == scheduler;
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(scheduler);
    }

    @Override
    public String toString() {
        return "RuntimeExecutor[" + scheduler + "]";
    }

    /** A task's future that runs one runnable; its exception is the task's (unjoined) failure. */
    private record RunOnce(Runnable command) implements Future<Void> {
        @Override
        public Poll<Void> poll(Context cx) {
            command.run();
            return Poll.ready(null);
        }
    }
}
