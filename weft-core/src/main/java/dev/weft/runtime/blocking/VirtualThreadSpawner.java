package dev.weft.runtime.blocking;

import dev.weft.runtime.BlockingPool;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The default: one new virtual thread per blocking task, started at once, so nothing queues.
 * A body blocked in the JDK parks only its virtual thread.
 *
 * <p>The threads always run on the JDK's default virtual-thread scheduler. A plain
 * {@code Thread.ofVirtual()} called from a virtual thread inherits that thread's scheduler, so
 * a blocking task spawned by a coroutine on Weft's own scheduler would run on the runtime's
 * workers, and a body that pins its carrier (a pipe or file read) would block a worker (on a
 * current-thread runtime: the only one). When {@code java.lang} is opened (the only case where
 * coroutines have a scheduler of ours), the thread is therefore made with the JDK's
 * {@code ThreadBuilders.newVirtualThread} and its {@code VirtualThread.DEFAULT_SCHEDULER} named
 * explicitly; otherwise the builder below inherits the default scheduler anyway.
 */
final class VirtualThreadSpawner extends BlockingSpawner {
    /** Thread.NO_INHERIT_THREAD_LOCALS, as CoroutineThreads. */
    private static final int NO_INHERIT_THREAD_LOCALS = 1 << 2;
    private static final MethodHandle NEW_VIRTUAL_THREAD; // null unless java.lang is opened
    private static final Executor DEFAULT_SCHEDULER;

    static {
        MethodHandle mh = null;
        Executor scheduler = null;
        try {
            Class<?> builders = Class.forName("java.lang.ThreadBuilders");
            Class<?> vthread = Class.forName("java.lang.VirtualThread");
            mh = MethodHandles.privateLookupIn(builders, MethodHandles.lookup()).findStatic(builders, "newVirtualThread",
                    MethodType.methodType(Thread.class, Executor.class, String.class, int.class, Runnable.class));
            scheduler = (Executor) MethodHandles.privateLookupIn(vthread, MethodHandles.lookup())
                    .findStaticGetter(vthread, "DEFAULT_SCHEDULER", java.util.concurrent.ForkJoinPool.class).invoke();
        } catch (Throwable e) { // not opened, or another JDK: coroutines are on the default scheduler then
            mh = null;
            scheduler = null;
        }
        NEW_VIRTUAL_THREAD = mh;
        DEFAULT_SCHEDULER = scheduler;
    }

    private final AtomicInteger numbers = new AtomicInteger(); // names threads weft-blocking-1, -2, ... per runtime
    private final AtomicInteger running = new AtomicInteger();
    /** Once true, submit refuses; a spawn racing with shutdown may still start (and is left to finish). */
    private volatile boolean shutdown;

    VirtualThreadSpawner(BlockingPool config, BlockingHost owner) {
        super(config, owner);
    }

    @Override
    void submit(BlockingTask<?> t) {
        if (shutdown) {
            throw shutDown();
        }
        Thread thread = newThread(() -> {
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

    /** A virtual thread on the JDK's default scheduler, whoever creates it (see the class notes). */
    private Thread newThread(Runnable body) {
        String name = "weft-blocking-" + numbers.incrementAndGet();
        if (NEW_VIRTUAL_THREAD == null || !Thread.currentThread().isVirtual()) {
            return Thread.ofVirtual().name(name).inheritInheritableThreadLocals(false).unstarted(body);
        }
        try {
            return (Thread) NEW_VIRTUAL_THREAD.invokeExact(DEFAULT_SCHEDULER, name, NO_INHERIT_THREAD_LOCALS, body);
        } catch (Throwable e) {
            throw new IllegalStateException("could not create a blocking thread", e);
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
