package dev.weft.runtime;

import dev.weft.future.Future;
import dev.weft.future.internal.Args;
import dev.weft.runtime.scheduler.Scheduler;
import java.time.Duration;
import java.util.OptionalLong;
import java.util.concurrent.Callable;

/**
 * A Weft runtime: a scheduler plus its drivers. Build one with {@link #builder()}, drive a
 * future to completion with {@link #blockOn}, run futures and coroutines as tasks with
 * {@link #spawn}, and {@link #close()} it (try-with-resources) to cancel what is left.
 *
 * <p>The multi-thread flavor (the default) runs tasks on a pool of worker threads with work
 * stealing; {@code blockOn} polls its future on the calling thread meanwhile. The current-thread
 * flavor runs every task on the thread that is inside {@code blockOn}: tasks spawned from
 * outside wait until some thread drives the runtime.
 *
 * {@snippet class=dev.weft.snippets.RuntimeSnippets region=runtime}
 */
public final class Runtime implements AutoCloseable {
    private final Scheduler scheduler;
    private final Handle handle;
    private final long shutdownTimeoutNanos;
    private final RuntimeRegistration registration;

    Runtime(Scheduler scheduler, Duration shutdownTimeout, RuntimeRegistration registration) {
        this.scheduler = scheduler;
        this.handle = new Handle(scheduler);
        this.shutdownTimeoutNanos = saturatedNanos(shutdownTimeout);
        this.registration = registration;
    }

    /**
     * Starts configuring a runtime: {@code Runtime.builder().enableAll().build()} is the default
     * multi-thread runtime, {@code Runtime.builder().currentThread().enableAll().build()} the
     * one-thread flavor.
     *
     * @return a new builder
     */
    public static RuntimeBuilder builder() {
        return new RuntimeBuilder();
    }

    /**
     * Drives {@code future} to completion on the calling thread, running the runtime's tasks
     * meanwhile, and returns its value or rethrows its failure as it is.
     *
     * @param future the future
     * @param <T> its value type
     * @return its value
     * @throws Exception the future's failure, unwrapped; {@link dev.weft.future.CancelledException}
     *         if the calling thread is interrupted while it waits (the future is cancelled, and
     *         the thread's interrupt status stays set)
     * @throws IllegalStateException if called from inside a runtime, or while another thread
     *         drives this current-thread runtime
     */
    public <T> T blockOn(Future<T> future) throws Exception {
        return handle.blockOn(future);
    }

    /**
     * Spawns {@code future} as a task.
     *
     * @param future the future
     * @param <T> its output type
     * @return the task's handle
     * @throws IllegalStateException if the runtime is shut down
     */
    public <T> JoinHandle<T> spawn(Future<T> future) {
        return handle.spawn(future);
    }

    /**
     * Spawns {@code body} as a coroutine task.
     *
     * @param body the coroutine's code
     * @param <T> its result type
     * @return the task's handle
     */
    public <T> JoinHandle<T> spawn(Callable<T> body) {
        return handle.spawn(body);
    }

    /**
     * Runs {@code body} as a blocking task, off the runtime's workers: on a new virtual thread
     * by default, or on the platform pool the builder configured. See
     * {@link Handle#spawnBlocking} for the handle's rules (abort only before the body starts,
     * cancel-safe awaiting, failures as they are).
     *
     * {@snippet class=dev.weft.snippets.RuntimeSnippets region=spawn-blocking}
     *
     * @param body the blocking code
     * @param <T> its result type
     * @return the task's handle
     * @throws IllegalArgumentException if {@code body} is null
     * @throws IllegalStateException if the runtime is shut down
     */
    public <T> JoinHandle<T> spawnBlocking(Callable<T> body) {
        return handle.spawnBlocking(body);
    }

    /**
     * Spawns {@code future} as a task named {@code name} (see {@link Handle#spawn(String, Future)}).
     *
     * @param name the task's name
     * @param future the future
     * @param <T> its output type
     * @return the task's handle
     */
    public <T> JoinHandle<T> spawn(String name, Future<T> future) {
        return handle.spawn(name, future);
    }

    /**
     * Spawns {@code body} as a coroutine task named {@code name} (see {@link Handle#spawn(String, Callable)}).
     *
     * @param name the task's name
     * @param body the coroutine's code
     * @param <T> its result type
     * @return the task's handle
     */
    public <T> JoinHandle<T> spawn(String name, Callable<T> body) {
        return handle.spawn(name, body);
    }

    /**
     * Spawns {@code body}, code that returns nothing, as a coroutine task (see
     * {@link Handle#spawn(CheckedRunnable)}); the handle's value is {@code null}.
     *
     * @param body the coroutine's code
     * @return the task's handle
     * @throws IllegalArgumentException if {@code body} is null
     * @throws IllegalStateException if the runtime is shut down
     */
    public JoinHandle<Void> spawn(CheckedRunnable body) {
        return handle.spawn(body);
    }

    /**
     * Spawns {@code body}, code that returns nothing, as a coroutine task named {@code name} (see
     * {@link Handle#spawn(String, CheckedRunnable)}).
     *
     * @param name the task's name
     * @param body the coroutine's code
     * @return the task's handle
     * @throws IllegalArgumentException if an argument is null
     * @throws IllegalStateException if the runtime is shut down
     */
    public JoinHandle<Void> spawn(String name, CheckedRunnable body) {
        return handle.spawn(name, body);
    }

    /**
     * Runs {@code body}, blocking code that returns nothing, as a blocking task (see
     * {@link Handle#spawnBlocking(CheckedRunnable)}).
     *
     * @param body the blocking code
     * @return the task's handle
     * @throws IllegalArgumentException if {@code body} is null
     * @throws IllegalStateException if the runtime is shut down
     */
    public JoinHandle<Void> spawnBlocking(CheckedRunnable body) {
        return handle.spawnBlocking(body);
    }

    /** {@return a snapshot of this runtime's figures: {@link Handle#metrics()}} */
    public RuntimeMetrics metrics() {
        return handle.metrics();
    }

    /** {@return the seed of a deterministic runtime ({@link RuntimeBuilder#deterministic(long)}), or empty} */
    public OptionalLong seed() {
        return handle.seed();
    }

    /** {@return the handle of this runtime} */
    public Handle handle() {
        return handle;
    }

    /**
     * {@return this runtime's name: the one given to {@link RuntimeBuilder#name(String)}, with a
     *         suffix if a live runtime had it already, or {@code weft-<n>}}
     */
    public String name() {
        return registration.name();
    }

    /**
     * Shuts down: cancels every task (contract: their futures are cancelled, coroutines see
     * {@code CancelledException} and run their {@code finally} blocks), drives the runtime until
     * they ended or the shutdown timeout passed, and reports failures nobody joined. Then the
     * blocking pool: tasks still queued are cancelled ({@link JoinError#isShutdown()}), idle
     * threads exit, and bodies already running are <em>not</em> waited for: they are left to
     * finish on their threads. Spawning (blocking or not) afterwards throws
     * {@link IllegalStateException}. Last, the runtime's MXBean is unregistered and its name is
     * free for another runtime. Idempotent.
     *
     * @throws IllegalStateException if called from inside this runtime
     */
    @Override
    public void close() {
        if (scheduler.isWorkerThread()) {
            throw new IllegalStateException("a runtime cannot be closed from one of its own tasks");
        }
        scheduler.shutdown(shutdownTimeoutNanos);
        scheduler.blocking().shutdown();
        registration.close(); // the MXBean goes, the name is free again
    }

    /**
     * Shuts down like {@link #close()}, waiting at most {@code timeout} for tasks to unwind.
     *
     * @param timeout how long to wait, zero or more
     * @return whether every task and coroutine ended in time
     */
    public boolean shutdownTimeout(Duration timeout) {
        Args.nonNegative(timeout, "timeout");
        if (scheduler.isWorkerThread()) {
            throw new IllegalStateException("a runtime cannot be shut down from one of its own tasks");
        }
        boolean clean = scheduler.shutdown(saturatedNanos(timeout));
        registration.close();
        return clean;
    }

    /**
     * Starts the shutdown and returns at once: tasks are cancelled and workers stop on a
     * background thread (Tokio's {@code shutdown_background}). Blocking tasks still running are
     * left to finish.
     */
    public void shutdownBackground() {
        Thread.ofPlatform().daemon().name("weft-shutdown").start(() -> {
            scheduler.shutdown(shutdownTimeoutNanos);
            registration.close();
        });
    }

    static long saturatedNanos(Duration d) {
        try {
            return d.toNanos();
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE;
        }
    }

    static Duration checkedTimeout(Duration d) {
        return Args.nonNegative(d, "shutdownTimeout");
    }
}
