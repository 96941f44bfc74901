package dev.weft.runtime.blocking;

import dev.weft.runtime.BlockingPool;
import dev.weft.runtime.scheduler.Scheduler;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The default: one new virtual thread per blocking task, started at once, so nothing queues.
 * A body blocked in the JDK parks only its virtual thread.
 */
final class VirtualThreadSpawner extends BlockingSpawner {
    private final ThreadFactory factory = Thread.ofVirtual()
            .name("weft-blocking-", 1)
            .inheritInheritableThreadLocals(false)
            .factory(); // thread-safe, numbers threads per runtime
    private final AtomicInteger running = new AtomicInteger();
    /** Once true, submit refuses; a spawn racing with shutdown may still start (and is left to finish). */
    private volatile boolean shutdown;

    VirtualThreadSpawner(BlockingPool config, Scheduler owner) {
        super(config, owner);
    }

    @Override
    void submit(BlockingTask<?> t) {
        if (shutdown) {
            throw shutDown();
        }
        Thread thread = factory.newThread(() -> {
            try {
                runOnThisThread(t);
            } finally {
                running.decrementAndGet();
            }
        });
        running.incrementAndGet();
        try {
            thread.start();
        } catch (RuntimeException | Error e) {
            running.decrementAndGet();
            throw e;
        }
    }

    @Override
    public void shutdown() {
        shutdown = true;
    }

    @Override
    public int threads() {
        return running.get();
    }

    @Override
    public int idleThreads() {
        return 0;
    }

    @Override
    public int queueDepth() {
        return 0;
    }

    @Override
    public String toString() {
        return "VirtualThreadSpawner[running=" + running.get() + "]";
    }
}
