package dev.weft;

import dev.weft.future.Future;
import dev.weft.future.Futures;
import dev.weft.future.Selected;
import dev.weft.future.internal.Args;
import dev.weft.runtime.CheckedRunnable;
import dev.weft.runtime.Handle;
import dev.weft.runtime.JoinHandle;
import dev.weft.runtime.LocalSet;
import dev.weft.runtime.Runtime;
import dev.weft.runtime.scheduler.BlockInPlace;
import dev.weft.runtime.scheduler.LocalSetScheduler;
import dev.weft.runtime.scheduler.TaskHost;
import dev.weft.runtime.internal.RuntimeContext;
import dev.weft.runtime.internal.VoidBodies;
import dev.weft.time.Sleep;
import dev.weft.time.Time;
import dev.weft.time.Timeout;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * The facade: the first thing a user types.
 *
 * <ul>
 * <li>{@link #run(Callable)} is the {@code #[tokio::main]} of Weft: it builds the default
 *     runtime, runs the body as a coroutine on it, shuts the runtime down and returns the
 *     body's result.</li>
 * <li>{@link #spawn(Callable)} starts a coroutine task on the current runtime;
 *     {@link #spawnBlocking(Callable)} runs blocking code off its workers. Each has an
 *     overload for code without a value ({@link #spawn(CheckedRunnable)}: a block lambda
 *     such as {@code () -> { log(x); }}), whose handle is a {@code JoinHandle<Void>}.</li>
 * <li>{@link #spawnLocal(Callable)} starts one on the {@link LocalSet} running on this thread.</li>
 * <li>{@link #sleep} and {@link #timeout} are {@link Time#sleep} and {@link Time#timeout}.</li>
 * <li>{@link #yieldNow()} lets the other tasks run.</li>
 * <li>{@link #join} and {@link #select} combine futures (see {@link Futures}).</li>
 * </ul>
 *
 * {@snippet class=dev.weft.snippets.WeftSnippets region=weft}
 */
public final class Weft {
    private Weft() {
    }

    /**
     * Builds the default runtime (multi-thread, every driver enabled), runs {@code body} as a coroutine on
     * it, closes the runtime (cancelling tasks still alive) and returns the body's result.
     *
     * @param body the program
     * @param <T> its result type
     * @return the body's result
     * @throws Exception the body's failure, unwrapped
     */
    public static <T> T run(Callable<T> body) throws Exception {
        Args.notNull(body, "body");
        try (Runtime rt = Runtime.builder().enableAll().build()) {
            return rt.blockOn(Async.async(body));
        }
    }

    /**
     * Spawns {@code body} as a coroutine task on the current runtime.
     *
     * @param body the coroutine's code
     * @param <T> its result type
     * @return the task's handle
     * @throws IllegalStateException outside a runtime
     */
    public static <T> JoinHandle<T> spawn(Callable<T> body) {
        Args.notNull(body, "body");
        return runtimeHost("Weft.spawn(...)").spawnCoroutine(body, null);
    }

    /**
     * Spawns {@code body}, code that returns nothing, as a coroutine task on the current
     * runtime: Tokio's {@code tokio::spawn(async { ... })} of a body of type {@code ()}. The
     * handle's value is {@code null}; awaiting it rethrows the body's failure as it is. A block
     * lambda without a value ({@code () -> { System.out.println(x); }}) picks this overload; one
     * with a value ({@code () -> 42}) picks {@link #spawn(Callable)}, as with
     * {@code ExecutorService.submit} (see {@link CheckedRunnable}).
     *
     * {@snippet class=dev.weft.snippets.WeftSnippets region=spawn-void}
     *
     * @param body the coroutine's code; it may {@code await()}
     * @return the task's handle
     * @throws IllegalArgumentException if {@code body} is null
     * @throws IllegalStateException outside a runtime (the message names this call and how to
     *         enter one), or if the runtime is shut down
     */
    public static JoinHandle<Void> spawn(CheckedRunnable body) {
        Args.notNull(body, "body");
        return runtimeHost("Weft.spawn(...)").spawnCoroutine(VoidBodies.of(body), null);
    }

    /**
     * Spawns {@code body}, code that returns nothing, as a coroutine task named {@code name} on
     * the current runtime (see {@link #spawn(CheckedRunnable)}); the handle's value is
     * {@code null}.
     *
     * @param name the task's name
     * @param body the coroutine's code
     * @return the task's handle
     * @throws IllegalArgumentException if an argument is null
     * @throws IllegalStateException outside a runtime
     */
    public static JoinHandle<Void> spawn(String name, CheckedRunnable body) {
        Args.notNull(name, "name");
        Args.notNull(body, "body");
        return runtimeHost("Weft.spawn(...)").spawnCoroutine(VoidBodies.of(body), name);
    }

    /** The current runtime's handle; outside one, the message names {@code call}. */
    private static Handle current(String call) {
        RuntimeContext.require(call);
        return Handle.current();
    }

    /**
     * The current runtime's scheduler, as {@link Handle#current()} finds it (inside a
     * {@link LocalSet}: its runtime's), with one lookup and no handle: the spawn path.
     */
    private static TaskHost runtimeHost(String call) {
        return ((TaskHost) RuntimeContext.require(call)).runtimeScheduler();
    }

    /**
     * Spawns {@code body} as a coroutine task named {@code name} on the current runtime (see
     * {@link Handle#spawn(String, Callable)}).
     *
     * {@snippet class=dev.weft.snippets.WeftSnippets region=spawn-named}
     *
     * @param name the task's name
     * @param body the coroutine's code
     * @param <T> its result type
     * @return the task's handle
     * @throws IllegalStateException outside a runtime
     */
    public static <T> JoinHandle<T> spawn(String name, Callable<T> body) {
        Args.notNull(name, "name");
        Args.notNull(body, "body");
        return runtimeHost("Weft.spawn(...)").spawnCoroutine(body, name);
    }

    /**
     * Spawns {@code future} as a task named {@code name} on the current runtime.
     *
     * @param name the task's name
     * @param future the future
     * @param <T> its output type
     * @return the task's handle
     * @throws IllegalStateException outside a runtime
     */
    public static <T> JoinHandle<T> spawn(String name, Future<T> future) {
        Args.notNull(name, "name");
        Args.notNull(future, "future");
        return runtimeHost("Weft.spawn(...)").spawn(future, name);
    }

    /**
     * Spawns {@code future} as a task on the current runtime.
     *
     * @param future the future
     * @param <T> its output type
     * @return the task's handle
     * @throws IllegalStateException outside a runtime
     */
    public static <T> JoinHandle<T> spawn(Future<T> future) {
        Args.notNull(future, "future");
        return runtimeHost("Weft.spawn(...)").spawn(future);
    }

    /**
     * Runs {@code body} as a blocking task on the current runtime
     * ({@link Handle#spawnBlocking}): on a new virtual thread by default, or on the bounded
     * platform pool the runtime was built with, never on a worker. Awaiting the handle gives the
     * body's value or rethrows its exception as it is, and is cancel-safe (cancelling the await
     * detaches; the body keeps running). {@link JoinHandle#abort()} cancels the task only before
     * the body started; a running body is not interrupted.
     *
     * {@snippet class=dev.weft.snippets.WeftSnippets region=spawn-blocking}
     *
     * @param body the blocking code
     * @param <T> its result type
     * @return the task's handle
     * @throws IllegalArgumentException if {@code body} is null
     * @throws IllegalStateException outside a runtime (the message says how to enter one), or if
     *         the runtime is shut down
     */
    public static <T> JoinHandle<T> spawnBlocking(Callable<T> body) {
        Args.notNull(body, "body");
        return current("Weft.spawnBlocking(...)").spawnBlocking(body);
    }

    /**
     * Runs {@code body}, blocking code that returns nothing, as a blocking task on the current
     * runtime (see {@link #spawnBlocking(Callable)} for the rules); the handle's value is
     * {@code null}.
     *
     * @param body the blocking code
     * @return the task's handle
     * @throws IllegalArgumentException if {@code body} is null
     * @throws IllegalStateException outside a runtime, or if the runtime is shut down
     */
    public static JoinHandle<Void> spawnBlocking(CheckedRunnable body) {
        Args.notNull(body, "body");
        return current("Weft.spawnBlocking(...)").spawnBlocking(body);
    }

    /**
     * Runs {@code body} right here, on the calling thread, after making sure that blocking this
     * thread stalls no other task (Tokio's {@code block_in_place}). Which thread runs the body
     * is the point: the caller's. The rules, by caller:
     * <ul>
     * <li><b>a coroutine</b>: the body just runs. A blocking JDK call inside parks only the
     *     coroutine, not the runtime's thread; but CPU-heavy work holds the thread the coroutine
     *     is mounted on (on a current-thread runtime: the only one), so prefer
     *     {@link #spawnBlocking} for that;</li>
     * <li><b>a multi-thread worker polling a task</b>: the worker first hands its queued tasks to
     *     other workers, then runs the body;</li>
     * <li><b>the thread of a current-thread runtime polling a task</b>: refused with
     *     {@link IllegalStateException}, as Tokio refuses it — use {@link #spawnBlocking}
     *     there;</li>
     * <li><b>any other thread</b> (a blocking thread, a plain thread, outside a runtime): the
     *     body just runs.</li>
     * </ul>
     * The runtime that matters is the one the calling thread belongs to. While the body runs,
     * a paused clock does not auto-advance. Nothing here is awaited, so there is nothing to
     * cancel: a coroutine cancelled meanwhile is interrupted like in any blocking call.
     *
     * {@snippet class=dev.weft.snippets.WeftSnippets region=block-in-place}
     *
     * @param body the blocking code
     * @param <T> its result type
     * @return the body's result
     * @throws Exception the body's exception, as it is
     * @throws IllegalArgumentException if {@code body} is null
     * @throws IllegalStateException on the thread of a current-thread runtime polling a task
     */
    public static <T> T blockInPlace(Callable<T> body) throws Exception {
        Args.notNull(body, "body");
        return BlockInPlace.run(body);
    }

    /**
     * Spawns {@code body} as a coroutine task on the {@link LocalSet} running on this thread
     * (Tokio's {@code task::spawn_local}): it runs only on the set's thread, so it may share state
     * that is not thread-safe with the set's other tasks.
     *
     * {@snippet class=dev.weft.snippets.WeftSnippets region=spawn-local}
     *
     * @param body the coroutine's code
     * @param <T> its result type
     * @return the task's handle
     * @throws IllegalStateException if no LocalSet is running on this thread (outside its tasks,
     *         coroutines and runUntil future), if it is closed, or if it cannot run coroutines
     *         (see {@link LocalSet#spawnLocal(Callable)})
     */
    public static <T> JoinHandle<T> spawnLocal(Callable<T> body) {
        Args.notNull(body, "body");
        return LocalSetScheduler.requireSet("Weft.spawnLocal(...)").spawnLocal(body);
    }

    /**
     * Spawns {@code body}, code that returns nothing, as a coroutine task on the
     * {@link LocalSet} running on this thread (see {@link #spawnLocal(Callable)}); the handle's
     * value is {@code null}.
     *
     * @param body the coroutine's code
     * @return the task's handle
     * @throws IllegalArgumentException if {@code body} is null
     * @throws IllegalStateException if no LocalSet is running on this thread, if it is closed, or
     *         if it cannot run coroutines
     */
    public static JoinHandle<Void> spawnLocal(CheckedRunnable body) {
        Args.notNull(body, "body");
        return LocalSetScheduler.requireSet("Weft.spawnLocal(...)").spawnLocal(body);
    }

    /**
     * Spawns {@code future} as a task on the {@link LocalSet} running on this thread: it is
     * polled only on the set's thread.
     *
     * @param future the future
     * @param <T> its output type
     * @return the task's handle
     * @throws IllegalStateException if no LocalSet is running on this thread, or it is closed
     */
    public static <T> JoinHandle<T> spawnLocal(Future<T> future) {
        Args.notNull(future, "future");
        return LocalSetScheduler.requireSet("Weft.spawnLocal(...)").spawnLocal(future);
    }

    /**
     * A future that lets every other runnable task run once before it completes. Awaited in a
     * coroutine, it yields the coroutine's thread.
     *
     * @return the future
     */
    public static YieldNow yieldNow() {
        return new YieldNow();
    }

    /**
     * Waits for every future; fails fast with the first failure, cancelling the rest. See
     * {@link Futures#join(Future[])}.
     *
     * @param futures the futures
     * @param <T> their value type
     * @return a future of all values, in argument order
     */
    @SafeVarargs
    @SuppressWarnings("varargs") // the array is only read, never stored or exposed
    public static <T> Future<List<T>> join(Future<? extends T>... futures) {
        return Futures.join(Arrays.asList(futures));
    }

    /**
     * Waits for the first future to complete and cancels the others: fair, as Tokio's
     * {@code select!} (each poll starts at a random future, so when several are ready any may
     * win). See {@link Futures#select(Future[])}.
     *
     * <p><b>Cancel safety:</b> cancelling the select cancels every future; it is as cancel-safe
     * as they are.
     *
     * @param futures the branches, at least one
     * @param <T> their value type
     * @return a future of the winner's index and value
     * @throws IllegalArgumentException if {@code futures} is empty or null or holds a null
     */
    @SafeVarargs
    @SuppressWarnings("varargs") // the array is only read, never stored or exposed
    public static <T> Future<Selected<T>> select(Future<? extends T>... futures) {
        return Futures.select(Arrays.asList(Args.notNull(futures, "futures")));
    }

    /**
     * {@link #select} that polls the futures in argument order on every poll, so the earliest
     * ready argument wins: Tokio's {@code select!} with {@code biased;}. See
     * {@link Futures#selectBiased(Future[])}.
     *
     * <p><b>Cancel safety:</b> as {@link #select}.
     *
     * @param futures the branches, at least one, in priority order
     * @param <T> their value type
     * @return a future of the winner's index and value
     * @throws IllegalArgumentException if {@code futures} is empty or null or holds a null
     */
    @SafeVarargs
    @SuppressWarnings("varargs") // the array is only read, never stored or exposed
    public static <T> Future<Selected<T>> selectBiased(Future<? extends T>... futures) {
        return Futures.selectBiased(Arrays.asList(Args.notNull(futures, "futures")));
    }

    /**
     * Sleeps for {@code duration} on the current runtime's clock: {@link Time#sleep(Duration)}.
     *
     * @param duration how long, zero or more; an overflowing duration means "never"
     * @return the sleep future (throws nothing checked when awaited)
     * @throws IllegalStateException outside a runtime with time enabled
     */
    public static Sleep sleep(Duration duration) {
        Args.nonNegative(duration, "duration");
        RuntimeContext.require("Weft.sleep(...)");
        return Time.sleep(duration);
    }

    /**
     * Bounds {@code future} by {@code duration}: {@link Time#timeout(Duration, Future)}. On
     * expiry the inner future is cancelled and the timeout fails with {@link dev.weft.time.Elapsed}.
     *
     * @param duration the deadline from now
     * @param future the future to bound
     * @param <T> its value type
     * @return the timeout future
     */
    public static <T> Timeout<T> timeout(Duration duration, Future<T> future) {
        Args.nonNegative(duration, "duration");
        Args.notNull(future, "future");
        RuntimeContext.require("Weft.timeout(...)");
        return Time.timeout(duration, future);
    }
}
