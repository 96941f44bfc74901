package dev.weft.runtime;

import dev.weft.future.Future;
import dev.weft.future.internal.Args;
import dev.weft.runtime.blocking.BlockingSpawner;
import dev.weft.runtime.internal.RuntimeContext;
import dev.weft.runtime.internal.VoidBodies;
import dev.weft.runtime.scheduler.Coroutine;
import dev.weft.runtime.scheduler.CurrentThreadScheduler;
import dev.weft.runtime.scheduler.Scheduler;
import dev.weft.runtime.scheduler.TaskHost;
import java.util.OptionalLong;
import java.util.concurrent.Callable;

/**
 * A reference to a runtime, usable from any thread: spawn onto it (tasks, coroutines,
 * blocking work), find the current one, see inside it ({@link #metrics()}).
 *
 * {@snippet class=dev.weft.snippets.HandleSnippets region=handle}
 */
public final class Handle {
    private final Scheduler scheduler;

    Handle(Scheduler scheduler) {
        this.scheduler = scheduler;
    }

    /** @return whether {@code other} is a handle of the same runtime */
    boolean sameRuntime(Handle other) {
        return other.scheduler == scheduler;
    }

    /**
     * {@return the handle of the runtime the calling thread (task, coroutine) runs on}
     * @throws IllegalStateException outside a runtime, saying how to enter one
     */
    public static Handle current() {
        RuntimeContext ctx = RuntimeContext.require("Handle.current()");
        return new Handle(((TaskHost) ctx).runtimeScheduler()); // inside a LocalSet: its runtime
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
        return scheduler.spawnCoroutine(Args.notNull(body, "body"), null);
    }

    /**
     * Runs {@code body} as a blocking task: off the runtime's workers, so blocking JDBC, file,
     * socket or CPU-heavy code never stalls the tasks polled there (Tokio's {@code spawn_blocking}).
     *
     * <p><b>Which thread runs the body:</b> a new virtual thread per task by default, started at
     * once; or, when the runtime was built with {@link BlockingPool#platform(int, java.time.Duration)
     * BlockingPool.platform} / {@link RuntimeBuilder#maxBlockingThreads}, a thread of that bounded
     * platform pool, the task waiting in a FIFO queue while every thread is busy. Blocking
     * threads are named {@code weft-blocking-N} and belong to the runtime:
     * {@link #current()}, {@code Weft.spawn} and timers work inside the body, and
     * {@code await()} there simply blocks the thread.
     *
     * <p><b>The handle</b> yields the body's value, or rethrows the body's exception as it is
     * (same instance; a checked exception stays checked). A failure nobody joins goes to the
     * runtime's {@link UncaughtFailureHandler}. {@link JoinHandle#abort()} cancels the task only
     * if the body has not started (the handle then fails with {@link JoinError}, and the body
     * never runs); a body already running is <em>not</em> interrupted and runs to its end, as in
     * Tokio — check a flag of your own to stop long work early.
     *
     * <p><b>Cancel safety:</b> awaiting the handle is cancel-safe. Cancelling the await (a
     * {@code select} loser, a timeout, a cancelled coroutine) only detaches: the body keeps
     * running and the handle may be awaited again later.
     *
     * <p><b>Paused clock:</b> while any blocking task is queued or running, a paused clock does
     * not auto-advance, since the body may be about to wake something (Tokio's rule). A body
     * that itself awaits a timer on a paused clock therefore waits until the test advances the
     * clock by hand.
     *
     * <p><b>Shutdown:</b> {@link Runtime#close()} does not wait for bodies that are running (they
     * are left to finish); tasks still queued in a platform pool are cancelled and their handles
     * fail with {@link JoinError#isShutdown()}.
     *
     * {@snippet class=dev.weft.snippets.HandleSnippets region=spawn-blocking}
     *
     * @param body the blocking code
     * @param <T> its result type
     * @return the task's handle
     * @throws IllegalArgumentException if {@code body} is null
     * @throws IllegalStateException if the runtime is shut down
     */
    public <T> JoinHandle<T> spawnBlocking(Callable<T> body) {
        return scheduler.blocking().spawn(Args.notNull(body, "body"));
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
        return scheduler.spawnCoroutine(Args.notNull(body, "body"), name);
    }

    /**
     * Spawns {@code body}, code that returns nothing, as a coroutine task on this runtime: the
     * handle's value is {@code null}. A block lambda without a value picks this overload; one with
     * a value picks {@link #spawn(Callable)} (see {@link CheckedRunnable}).
     *
     * @param body the coroutine's code
     * @return the task's handle; awaiting it rethrows the body's failure as it is
     * @throws IllegalArgumentException if {@code body} is null
     * @throws IllegalStateException if the runtime is shut down
     */
    public JoinHandle<Void> spawn(CheckedRunnable body) {
        return spawn(VoidBodies.of(Args.notNull(body, "body")));
    }

    /**
     * Spawns {@code body}, code that returns nothing, as a coroutine task named {@code name}
     * (see {@link #spawn(String, Callable)}); the handle's value is {@code null}.
     *
     * @param name the task's name (need not be unique)
     * @param body the coroutine's code
     * @return the task's handle
     * @throws IllegalArgumentException if an argument is null
     * @throws IllegalStateException if the runtime is shut down
     */
    public JoinHandle<Void> spawn(String name, CheckedRunnable body) {
        Args.notNull(name, "name");
        return spawn(name, VoidBodies.of(Args.notNull(body, "body")));
    }

    /**
     * Runs {@code body}, blocking code that returns nothing, as a blocking task (see
     * {@link #spawnBlocking(Callable)} for the rules); the handle's value is {@code null}.
     *
     * @param body the blocking code
     * @return the task's handle
     * @throws IllegalArgumentException if {@code body} is null
     * @throws IllegalStateException if the runtime is shut down
     */
    public JoinHandle<Void> spawnBlocking(CheckedRunnable body) {
        return spawnBlocking(VoidBodies.of(Args.notNull(body, "body")));
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

    /**
     * The seed of a runtime built with {@link RuntimeBuilder#deterministic(long)}, so a test
     * that fails can print how to replay it.
     *
     * {@snippet class=dev.weft.snippets.HandleSnippets region=seed}
     *
     * @return the seed, or empty if the runtime is not deterministic
     */
    public OptionalLong seed() {
        return scheduler.runtimeScheduler() instanceof CurrentThreadScheduler c ? c.seed() : OptionalLong.empty();
    }

    /** {@return where coroutines run in this JVM} */
    public CoroutineMode coroutineMode() {
        return scheduler.coroutineMode();
    }

    /** {@return tasks spawned on this runtime and not yet completed (blocking tasks not included)} */
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
        return RuntimeMetrics.of(scheduler.runtimeScheduler()); // a LocalSet reports its runtime's figures
    }

    // ---- interop with the JDK -----------------------------------------------------

    /**
     * A {@link java.util.concurrent.Executor} that runs each runnable as a task on this runtime:
     * on its workers, in its context ({@link #current()}, timers and sockets work in the
     * runnable), counted in its metrics. For APIs that take an {@code Executor}:
     * {@code CompletableFuture.supplyAsync(s, handle.executor())},
     * {@code cf.thenApplyAsync(fn, handle.executor())},
     * {@code future.toCompletableFuture(handle.executor())}. It is not an
     * {@code ExecutorService}: the runtime's lifecycle belongs to its {@link Runtime}.
     *
     * <p>A runnable must not block (it runs on a worker): use {@link #spawnBlocking} for that.
     * An exception it throws is its task's failure, which nobody joins, so it goes to the
     * runtime's {@link UncaughtFailureHandler}. On a current-thread runtime the runnables run
     * while some thread drives the runtime ({@code blockOn}). Each {@code execute} happens-before
     * its runnable runs (the task's spawn publishes it).
     *
     * {@snippet class=dev.weft.snippets.HandleSnippets region=executor}
     *
     * @return the executor; {@code execute(null)} throws {@link NullPointerException} (the
     *         {@code Executor} contract), and {@code execute} after the runtime shut down throws
     *         {@link java.util.concurrent.RejectedExecutionException}
     */
    public java.util.concurrent.Executor executor() {
        return new RuntimeExecutor(scheduler);
    }

    // ---- observability: name and task dump ------------------------------------------------------

    /** {@return the runtime's name (see {@link Runtime#name()}), as JFR events and task dumps show it} */
    public String name() {
        return scheduler.runtimeScheduler().runtimeName();
    }

    /**
     * Lists the runtime's live tasks — id, name, state, spawn location, time since the last
     * poll, and for a coroutine that waits the stack of its {@code await} — for the question
     * "what is my program waiting for?". Any thread may call it, also while the runtime is busy
     * and from inside one of its tasks: the runtime's task list is locked only while it is
     * copied (a few nanoseconds per task: spawns and completions wait that long), and no worker
     * is stopped. See {@link TaskDump}.
     *
     * {@snippet class=dev.weft.snippets.HandleSnippets region=dump-tasks}
     *
     * @return the dump
     */
    public TaskDump dumpTasks() {
        return dump(scheduler.runtimeScheduler()); // a LocalSet: its runtime's tasks
    }

    static TaskDump dump(Scheduler s) {
        return new TaskDump(s.runtimeName(), java.time.Instant.now(), s.dumpTasks());
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
