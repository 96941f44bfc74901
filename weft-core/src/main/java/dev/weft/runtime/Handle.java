package dev.weft.runtime;

import dev.weft.future.Future;
import dev.weft.future.internal.Args;
import dev.weft.runtime.internal.RuntimeContext;
import dev.weft.runtime.scheduler.Coroutine;
import dev.weft.runtime.scheduler.Scheduler;
import java.util.concurrent.Callable;

/**
 * A reference to a runtime, usable from any thread: spawn onto it, find the current one, see
 * inside it ({@link #metrics()}).
 *
 * {@snippet :
 * Handle h = Handle.current();            // inside a task or coroutine
 * JoinHandle<Integer> t = h.spawn(Futures.ready(1));
 * JoinHandle<String> u = h.spawn("fetch-user", () -> fetchUser(42));   // a named coroutine task
 * System.out.println(h.metrics());
 * }
 */
public final class Handle {
    private final Scheduler scheduler;

    Handle(Scheduler scheduler) {
        this.scheduler = scheduler;
    }

    /**
     * @return the handle of the runtime the calling thread (task, coroutine) runs on
     * @throws IllegalStateException outside a runtime, saying how to enter one
     */
    public static Handle current() {
        RuntimeContext ctx = RuntimeContext.require("Handle.current()");
        return new Handle((Scheduler) ctx);
    }

    /**
     * Spawns {@code future} as a task on this runtime.
     *
     * @param future the future
     * @param <T> its output type
     * @return the task's handle
     * @throws IllegalStateException if the runtime is shut down
     */
    public <T> JoinHandle<T> spawn(Future<T> future) {
        return scheduler.spawn(Args.notNull(future, "future"));
    }

    /**
     * Spawns {@code body} as a coroutine task on this runtime.
     *
     * @param body the coroutine's code
     * @param <T> its result type
     * @return the task's handle
     */
    public <T> JoinHandle<T> spawn(Callable<T> body) {
        return scheduler.spawn(new Coroutine<>(Args.notNull(body, "body")));
    }

    /**
     * Spawns {@code future} as a task named {@code name}: the name is {@link JoinHandle#name()},
     * and the blocked-worker detector names the task with it. Costs no more than an unnamed spawn.
     *
     * @param name the task's name (need not be unique)
     * @param future the future
     * @param <T> its output type
     * @return the task's handle
     * @throws IllegalStateException if the runtime is shut down
     */
    public <T> JoinHandle<T> spawn(String name, Future<T> future) {
        Args.notNull(name, "name");
        return scheduler.spawn(Args.notNull(future, "future"), name);
    }

    /**
     * Spawns {@code body} as a coroutine task named {@code name}; the coroutine's thread carries
     * the name too ({@code Thread.currentThread().getName()}, thread dumps).
     *
     * @param name the task's name (need not be unique)
     * @param body the coroutine's code
     * @param <T> its result type
     * @return the task's handle
     * @throws IllegalStateException if the runtime is shut down
     */
    public <T> JoinHandle<T> spawn(String name, Callable<T> body) {
        Args.notNull(name, "name");
        return scheduler.spawn(new Coroutine<>(Args.notNull(body, "body")), name);
    }

    /**
     * Drives {@code future} on the calling thread (see {@link Runtime#blockOn}).
     *
     * @param future the future
     * @param <T> its value type
     * @return its value
     * @throws Exception its failure, unwrapped
     */
    public <T> T blockOn(Future<T> future) throws Exception {
        Args.notNull(future, "future");
        return scheduler.blockOn(future).get();
    }

    /** @return where coroutines run in this JVM */
    public CoroutineMode coroutineMode() {
        return scheduler.coroutineMode();
    }

    /** @return tasks spawned on this runtime and not yet completed */
    public int aliveTasks() {
        return scheduler.aliveTasks();
    }

    /**
     * Takes a snapshot of the runtime's figures, without stopping it (see
     * {@link RuntimeMetrics}: eventually consistent). Any thread may call it.
     *
     * @return the snapshot
     */
    public RuntimeMetrics metrics() {
        return RuntimeMetrics.of(scheduler);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Handle h && h.scheduler == scheduler;
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(scheduler);
    }

    @Override
    public String toString() {
        return "Handle[" + scheduler + "]";
    }
}
