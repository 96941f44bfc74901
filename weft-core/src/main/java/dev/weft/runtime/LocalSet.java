package dev.weft.runtime;

import dev.weft.future.Future;
import dev.weft.future.internal.Args;
import dev.weft.runtime.scheduler.LocalSetScheduler;
import dev.weft.runtime.internal.VoidBodies;
import java.time.Duration;
import java.util.concurrent.Callable;

/**
 * A set of tasks that never leave the thread that runs the set (Tokio's {@code LocalSet}): the
 * place for state that is not thread-safe. Local tasks may share a plain {@code HashMap} or
 * {@code ArrayList} without locks, because they run one at a time, on one thread.
 *
 * <p>Spawn with {@link #spawnLocal(Future)} or {@link #spawnLocal(Callable)} (or, from inside the
 * set, {@link dev.weft.Weft#spawnLocal(Callable)}); the tasks run only while the set is being
 * driven: while the future returned by {@link #runUntil} is polled, or inside
 * {@link #blockOn(Runtime, Future)}. A wake from any thread queues the task on the set and wakes
 * the set's driver.
 *
 * {@snippet :
 * try (Runtime rt = Runtime.builder().currentThread().enableAll().build();
 *      LocalSet set = new LocalSet()) {
 *     List<String> log = new ArrayList<>();            // not thread-safe: only local tasks touch it
 *     int n = set.blockOn(rt, Async.async(() -> {
 *         JoinHandle<Void> a = Weft.spawnLocal(() -> { log.add("a"); return null; });
 *         JoinHandle<Void> b = Weft.spawnLocal(() -> { log.add("b"); return null; });
 *         a.await();
 *         b.await();
 *         return log.size();
 *     }));
 * }
 * }
 *
 * <p><b>Inside a local task</b> the enclosing runtime is still at hand: {@link Handle#current()}
 * and {@code Weft.spawn} reach the runtime (not the set, as in Tokio), and timers use the
 * runtime's time driver. {@code Weft.spawnLocal} reaches the set.
 *
 * <p><b>One thread.</b> The set binds to the first thread that drives it, and to that thread's
 * runtime; polling it from another thread throws {@link IllegalStateException} (Java's stand-in
 * for Rust's {@code !Send}). So the future that drives the set must stay on one thread: use
 * {@link #blockOn(Runtime, Future)}, {@code runtime.blockOn(set.runUntil(f))}, or await
 * {@code runUntil} in a coroutine of a current-thread runtime (it is then driven by a task of
 * that runtime, on its thread). A task of a multi-thread runtime may move between workers and
 * must not drive a set.
 *
 * <p><b>Coroutines</b> spawned on the set (or started by a local task, or given to
 * {@code runUntil}) run on the set's thread too: they need coroutines on Weft's own scheduler
 * ({@link CoroutineMode#WEFT_SCHEDULER}) and a set driven by a platform thread. In
 * {@link CoroutineMode#JDK_SCHEDULER} mode (no {@code --add-opens java.base/java.lang}) a
 * coroutine cannot be kept on one thread, so the set refuses them with
 * {@link IllegalStateException}: {@link #spawnLocal(Callable)} at once, a coroutine future at its
 * first poll. Poll-based local tasks work, and stay on the set's thread, in both modes.
 *
 * <p><b>Closing</b> ({@link #close()}) cancels every local task. Closing the runtime does not
 * close its sets, and a set's tasks do not delay the runtime's shutdown.
 */
public final class LocalSet implements AutoCloseable {
    private static final Duration DEFAULT_CLOSE_TIMEOUT = Duration.ofSeconds(10);

    private final LocalSetScheduler scheduler;

    /** An empty set, bound to no thread until it first runs. */
    public LocalSet() {
        this(DEFAULT_CLOSE_TIMEOUT);
    }

    /** @param closeTimeout how long {@link #close()} waits for tasks to unwind (tests shorten it) */
    LocalSet(Duration closeTimeout) {
        this.scheduler = new LocalSetScheduler(this, Runtime.saturatedNanos(Runtime.checkedTimeout(closeTimeout)));
    }

    /**
     * The set running on the calling thread: inside one of its tasks or coroutines, or the future
     * given to its {@code runUntil}.
     *
     * {@snippet :
     * LocalSet.current().spawnLocal(() -> "on the same thread");   // same as Weft.spawnLocal
     * }
     *
     * @return the set
     * @throws IllegalStateException if no set is running here, saying how to run one
     */
    public static LocalSet current() {
        return LocalSetScheduler.requireSet("LocalSet.current()");
    }

    /**
     * Spawns {@code future} as a local task: it is polled only on the set's thread, while the set
     * is driven. May be called from any thread (the future is handed over to the set's thread).
     *
     * {@snippet :
     * JoinHandle<Integer> h = set.spawnLocal(Futures.ready(1));
     * int one = set.blockOn(rt, h);
     * }
     *
     * @param future the future
     * @param <T> its output type
     * @return the task's handle; a task cancelled by {@link #close()} fails with {@link JoinError}
     * @throws IllegalStateException if the set is closed
     */
    public <T> JoinHandle<T> spawnLocal(Future<T> future) {
        Args.notNull(future, "future");
        checkOpen();
        return spawn(future);
    }

    /**
     * Spawns {@code body} as a local coroutine task: it runs only on the set's thread, while the
     * set is driven.
     *
     * {@snippet :
     * JoinHandle<String> h = set.spawnLocal(() -> {
     *     Weft.sleep(Duration.ofMillis(10)).await();
     *     return "slept on the set's thread";
     * });
     * }
     *
     * @param body the coroutine's code
     * @param <T> its result type
     * @return the task's handle
     * @throws IllegalStateException if the set is closed, or cannot keep a coroutine on its thread
     *         (coroutine mode {@link CoroutineMode#JDK_SCHEDULER}, or a set driven by a virtual thread)
     */
    public <T> JoinHandle<T> spawnLocal(Callable<T> body) {
        Args.notNull(body, "body");
        checkOpen();
        scheduler.checkCanRunCoroutines();
        try {
            return scheduler.spawnCoroutine(body, null);
        } catch (IllegalStateException closedMeanwhile) {
            throw closedException();
        }
    }

    /**
     * Spawns {@code body}, code that returns nothing, as a local coroutine task (see
     * {@link #spawnLocal(Callable)}); the handle's value is {@code null}.
     *
     * @param body the coroutine's code
     * @return the task's handle
     * @throws IllegalArgumentException if {@code body} is null
     * @throws IllegalStateException if the set is closed, or cannot keep a coroutine on its thread
     */
    public JoinHandle<Void> spawnLocal(CheckedRunnable body) {
        return spawnLocal(VoidBodies.of(Args.notNull(body, "body")));
    }

    private <T> JoinHandle<T> spawn(Future<T> future) {
        try {
            return scheduler.spawn(future);
        } catch (IllegalStateException closedMeanwhile) {
            throw closedException();
        }
    }

    /**
     * A future that, each time it is polled, polls {@code future} inside the set (so it may call
     * {@code Weft.spawnLocal}) and runs a batch of the set's ready tasks; it completes with
     * {@code future}'s result (Tokio's {@code run_until}). Local tasks still unfinished then stay
     * in the set for the next run. At most a batch of tasks runs per poll, so a task that keeps
     * waking itself cannot starve {@code future} or the runtime.
     *
     * {@snippet :
     * set.spawnLocal(backgroundWork);                       // runs while the set runs
     * String reply = rt.blockOn(set.runUntil(request));     // returns when request completes
     * }
     *
     * <p><b>Cancel safety:</b> cancelling the returned future (a {@code select} loser, a timeout)
     * cancels {@code future} and loses no local task: they stay queued for the next
     * {@code runUntil}, or are cancelled by {@link #close()}. <b>Threads:</b> the returned future
     * must be polled on one thread, the set's (see the class notes); awaited in a coroutine of a
     * current-thread runtime it is driven by a task of that runtime.
     *
     * @param future the future to complete with
     * @param <T> its value type
     * @return the lazy run future
     * @throws IllegalStateException if the set is closed
     */
    public <T> Future<T> runUntil(Future<T> future) {
        Args.notNull(future, "future");
        checkOpen();
        return scheduler.runUntil(future);
    }

    /**
     * Drives {@code runtime} on the calling thread, with this set running, until {@code future}
     * completes: {@code runtime.blockOn(runUntil(future))}.
     *
     * {@snippet :
     * try (Runtime rt = Runtime.builder().currentThread().enableAll().build();
     *      LocalSet set = new LocalSet()) {
     *     int v = set.blockOn(rt, Async.async(() -> Weft.spawnLocal(() -> 42).await()));
     * }
     * }
     *
     * @param runtime the runtime
     * @param future the future
     * @param <T> its value type
     * @return its value
     * @throws Exception its failure, unwrapped
     * @throws IllegalStateException as {@link Runtime#blockOn} does, or if the set is closed or
     *         bound to another thread or runtime
     */
    public <T> T blockOn(Runtime runtime, Future<T> future) throws Exception {
        Args.notNull(runtime, "runtime");
        return runtime.blockOn(runUntil(future));
    }

    /** {@return local tasks spawned and not yet completed} */
    public int aliveTasks() {
        return scheduler.aliveTasks();
    }

    /** {@return whether {@link #close()} was called} */
    public boolean isClosed() {
        return scheduler.isShutdown();
    }

    /**
     * Closes the set: spawning afterwards throws {@link IllegalStateException}, and every local
     * task is cancelled — its future's {@code cancel()} runs, its coroutine sees
     * {@code CancelledException} and runs its {@code finally} blocks, its handle fails with
     * {@link JoinError}. Idempotent; may be called from any thread.
     *
     * <p>Where that happens: called from inside the set (a local task or coroutine), the set's
     * own poll does it, on the set's thread, and {@code close} returns at once. Called from
     * another thread while a {@code runUntil} of the set is in progress, the set's thread does it
     * on its next polls and {@code close} waits for the tasks (a coroutine given to that
     * {@code runUntil} is not a task: it stays). Otherwise the closing thread does it (a virtual
     * one through a helper platform thread, as only a platform thread can carry a coroutine). The
     * wait is bounded (10 s); what is left then is cancelled without running. Failures of local
     * tasks that nobody joined are then reported to the runtime's uncaught-failure handler.
     *
     * {@snippet :
     * try (LocalSet set = new LocalSet()) {
     *     set.spawnLocal(forever);
     *     set.blockOn(rt, Futures.ready(null));
     * }   // forever.cancel() runs here
     * }
     */
    @Override
    public void close() {
        scheduler.shutdown(0);
    }

    private void checkOpen() {
        if (scheduler.isShutdown()) {
            throw closedException();
        }
    }

    private static IllegalStateException closedException() {
        return new IllegalStateException("this LocalSet is closed: it cannot spawn or run tasks any more");
    }

    @Override
    public String toString() {
        return scheduler.toString();
    }
}
