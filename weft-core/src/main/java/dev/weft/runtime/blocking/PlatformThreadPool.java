package dev.weft.runtime.blocking;

import dev.weft.runtime.BlockingPool;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A bounded pool of platform threads, shaped like Tokio's blocking pool.
 *
 * <p>Implementation notes. All fields below the lock are guarded by it.
 * <ul>
 * <li><b>Threads</b> are created on demand: a spawn that finds no idle thread starts one, up to
 *     {@code maxThreads}; past that the task waits in a FIFO queue, and a thread that finishes a
 *     body takes the next one. Threads are named {@code weft-blocking-N} and are daemons.</li>
 * <li><b>Idle threads</b> wait on {@code workAvailable} for at most the keep-alive, then exit. A
 *     spawn that finds {@code idle > 0} counts one thread out of {@code idle} and adds a
 *     {@code notification} before signalling, so two spawns never count on the same idle
 *     thread (the one that would otherwise make a second task wait while a thread could have
 *     been started). A waiting thread consumes a notification before it looks at its timeout,
 *     so a wake-up racing with the keep-alive is never lost.</li>
 * <li><b>Shutdown</b> takes the queue (those tasks fail with a shutdown {@code JoinError}),
 *     wakes every idle thread so it exits, and leaves running bodies alone: their threads exit
 *     when the body returns.</li>
 * </ul>
 */
final class PlatformThreadPool extends BlockingSpawner {
    private final int maxThreads;
    private final long keepAliveNanos;
    private final ThreadFactory factory;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition workAvailable = lock.newCondition();
    private final ArrayDeque<BlockingTask<?>> queue = new ArrayDeque<>();
    /** Threads alive (running a body, looking for one, or idle). */
    private int threads;
    /** Threads waiting for work that no spawn has counted on yet. */
    private int idle;
    /** Signals sent to idle threads and not yet consumed. */
    private int notifications;
    private boolean shutdown;

    PlatformThreadPool(BlockingPool config, BlockingHost owner) {
        this(config, owner, Thread.ofPlatform().name("weft-blocking-", 1).daemon(true).factory());
    }

    /** @param factory makes the pool's threads (tests pass one that fails) */
    PlatformThreadPool(BlockingPool config, BlockingHost owner, ThreadFactory factory) {
        super(config, owner);
        this.maxThreads = config.maxThreads();
        this.keepAliveNanos = saturatedNanos(config.keepAlive());
        this.factory = factory;
    }

    private static long saturatedNanos(Duration d) {
        try {
            return d.toNanos();
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE; // about 292 years: forever
        }
    }

    @Override
    void submit(BlockingTask<?> t) {
        boolean start = false;
        lock.lock();
        try {
            if (shutdown) {
                throw shutDown();
            }
            queue.addLast(t);
            if (idle > 0) {
                idle--;
                notifications++;
                workAvailable.signal();
            } else if (threads < maxThreads) {
                threads++;
                start = true;
            }
        } finally {
            lock.unlock();
        }
        if (start) {
            startThread();
        }
    }

    private void startThread() {
        try {
            factory.newThread(this::work).start();
        } catch (RuntimeException | Error e) { // e.g. OutOfMemoryError: unable to create native thread
            List<BlockingTask<?>> orphans = List.of();
            lock.lock();
            try {
                if (--threads == 0) { // no thread will ever take the queue: fail what is in it
                    orphans = new ArrayList<>(queue);
                    queue.clear();
                }
            } finally {
                lock.unlock();
            }
            for (BlockingTask<?> o : orphans) {
                o.failUnstarted(e);
            }
        }
    }

    /** A thread's life: run queued tasks, wait idle for more, exit after the keep-alive or at shutdown. */
    private void work() {
        lock.lock();
        try {
            for (;;) {
                BlockingTask<?> t = queue.pollFirst();
                if (t != null) {
                    lock.unlock();
                    try {
                        runOnThisThread(t);
                    } finally {
                        lock.lock();
                    }
                } else if (shutdown || !awaitWork()) {
                    return;
                }
            }
        } finally {
            threads--;
            lock.unlock();
        }
    }

    /** Waits idle, holding the lock. @return true when handed work, false when the thread should exit */
    private boolean awaitWork() {
        idle++;
        long remaining = keepAliveNanos;
        for (;;) {
            if (notifications > 0) {
                notifications--; // the spawner already counted this thread out of idle
                return true;
            }
            if (shutdown || remaining <= 0) {
                idle--;
                return false;
            }
            try {
                remaining = workAvailable.awaitNanos(remaining);
            } catch (InterruptedException e) {
                // only this pool waits here, and it never interrupts: keep waiting
            }
        }
    }

    @Override
    void dequeue(BlockingTask<?> t) {
        lock.lock();
        try {
            queue.remove(t);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void shutdown() {
        List<BlockingTask<?>> queued;
        lock.lock();
        try {
            if (shutdown) {
                return;
            }
            shutdown = true;
            queued = new ArrayList<>(queue);
            queue.clear();
            workAvailable.signalAll();
        } finally {
            lock.unlock();
        }
        for (BlockingTask<?> t : queued) {
            t.cancelUnstarted(true);
        }
    }

    @Override
    public int threads() {
        lock.lock();
        try {
            return threads;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public int idleThreads() {
        lock.lock();
        try {
            return idle;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public int queueDepth() {
        lock.lock();
        try {
            return queue.size();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public String toString() {
        return "PlatformThreadPool[max=" + maxThreads + ", threads=" + threads() + ", queued=" + queueDepth() + "]";
    }
}
