package dev.weft.runtime.blocking;

import dev.weft.runtime.BlockingPool;
import dev.weft.runtime.JoinHandle;
import dev.weft.runtime.internal.RuntimeContext;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs a runtime's {@code spawnBlocking} bodies: on a fresh virtual thread each, or on a bounded
 * pool of platform threads, as {@link BlockingPool} says. One per runtime, owned by its
 * scheduler, which it reaches only through {@link BlockingHost}; {@code Handle.spawnBlocking} and
 * {@code Runtime.close()} reach it through the scheduler.
 *
 * <p>Implementation notes. Every spawned task counts as in flight from {@link #spawn} until it
 * completes, is aborted before it started, or is cancelled by {@link #shutdown()}; the owner's
 * count of blocking work ({@link BlockingHost#blockingStarted()}) moves with it, so a paused clock
 * holds still while a blocking body may still run. The count rises before the task can run and
 * falls after its joiner was woken. Blocking threads enter the runtime's context, so
 * {@code Handle.current()}, {@code Weft.spawn} and timers work inside a body.
 *
 * {@snippet :
 * BlockingSpawner pool = scheduler.blocking();
 * JoinHandle<Long> h = pool.spawn(() -> Files.size(path));
 * // metrics hooks, for RuntimeMetrics:
 * int threads = pool.threads(), idle = pool.idleThreads(), queued = pool.queueDepth(), busy = pool.inFlight();
 * }
 */
public abstract sealed class BlockingSpawner implements BlockingCounters permits VirtualThreadSpawner, PlatformThreadPool {
    /** The runtime: ids, accounting, failure reports, and the context of blocking threads. */
    final BlockingHost owner;
    private final BlockingPool config;
    private final AtomicInteger inFlight = new AtomicInteger();

    BlockingSpawner(BlockingPool config, BlockingHost owner) {
        this.config = config;
        this.owner = owner;
    }

    /**
     * @param config which kind of pool
     * @param owner the runtime
     * @return a spawner for {@code owner}
     */
    public static BlockingSpawner create(BlockingPool config, BlockingHost owner) {
        return config.isVirtual() ? new VirtualThreadSpawner(config, owner) : new PlatformThreadPool(config, owner);
    }

    /**
     * Spawns {@code body} as a blocking task.
     *
     * @param body the blocking code (not null: checked by the caller)
     * @param <T> its result type
     * @return the task's handle
     * @throws IllegalStateException if the runtime is shut down
     */
    public final <T> JoinHandle<T> spawn(Callable<T> body) {
        if (owner.isShutdown()) {
            throw shutDown();
        }
        BlockingTask<T> t = new BlockingTask<>(this, body, owner.newTaskId());
        inFlight.incrementAndGet(); // before the task can run: the count never dips below the truth
        owner.blockingStarted();
        try {
            submit(t);
        } catch (RuntimeException | Error e) {
            finished(); // never queued, never run
            throw e;
        }
        return t;
    }

    static IllegalStateException shutDown() {
        return new IllegalStateException("this Weft runtime is shut down: it cannot spawn new blocking tasks");
    }

    /** Hands the task to a thread, or throws {@link IllegalStateException} after shutdown. */
    abstract void submit(BlockingTask<?> t);

    /** Removes a queued task that was cancelled before it started. Nothing queues by default. */
    void dequeue(BlockingTask<?> t) {
    }

    /** A spawned task ended (ran, or was cancelled): called once per task, after its joiner was woken. */
    final void finished() {
        inFlight.decrementAndGet();
        owner.blockingFinished();
    }

    /** Runs {@code t} on the calling blocking thread, inside the runtime's context. */
    final void runOnThisThread(BlockingTask<?> t) {
        RuntimeContext.enter(owner.context());
        t.run();
        Thread.interrupted(); // a body's interrupt must not leak into the next task on this thread
    }

    /**
     * Refuses new tasks, cancels the tasks still queued (their handles fail with a shutdown
     * {@code JoinError}) and lets idle threads exit. Bodies already running are left to finish.
     * Idempotent.
     */
    public abstract void shutdown();

    /** @return the configuration this spawner was built from */
    public final BlockingPool config() {
        return config;
    }

    /** @return blocking tasks spawned and not yet ended (queued or running) */
    public final int inFlight() {
        return inFlight.get();
    }

    /** @return blocking threads alive now (virtual: those running a body) */
    public abstract int threads();

    /** @return platform threads waiting for work (always 0 for virtual threads) */
    public abstract int idleThreads();

    /** @return tasks waiting for a free thread (always 0 for virtual threads) */
    public abstract int queueDepth();
}
