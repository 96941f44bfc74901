package dev.weft.runtime;

import dev.weft.future.internal.Args;
import dev.weft.sync.CancellationToken;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

/**
 * The thread-per-core flavor (glommio's model): N current-thread runtimes, each on a platform
 * thread of its own with its own timer and I/O driver. A task stays on the core it was spawned
 * on for its whole life, so what it shares only with the tasks of its core needs no lock, and
 * no wake-up ever crosses threads. Servers give each core its own listener on one port
 * ({@code TcpListener.bindReusePort}) and the kernel spreads the connections.
 *
 * {@snippet :
 * try (ThreadPerCore cores = Runtime.builder().enableAll().threadPerCore().build()) {
 *     List<JoinHandle<Void>> loops = cores.onEachCore(core -> () -> {
 *         TcpListener listener = TcpListener.bindReusePort("0.0.0.0:8080");
 *         for (;;) {
 *             TcpStream socket = listener.accept().await();
 *             Weft.spawn(() -> serve(socket));      // on this core, for good
 *         }
 *     });
 *     for (JoinHandle<Void> loop : loops) {
 *         loop.await();
 *     }
 * }
 * }
 *
 * <p>From outside the cores, {@link #spawn} places tasks round-robin; from inside a core,
 * {@code Weft.spawn} keeps them on that core. {@link #close()} shuts every core down as
 * {@link Runtime#close()} does.
 */
public final class ThreadPerCore implements AutoCloseable {
    private final Runtime[] cores;
    private final Thread[] threads;
    private final CancellationToken stop = new CancellationToken();
    private final AtomicInteger next = new AtomicInteger();
    private volatile boolean closed;

    private ThreadPerCore(Runtime[] cores, String namePrefix) {
        this.cores = cores;
        this.threads = new Thread[cores.length];
        for (int i = 0; i < cores.length; i++) {
            Runtime rt = cores[i];
            threads[i] = Thread.ofPlatform().daemon().name(namePrefix + i).start( // daemon, as workers: an unclosed runtime does not keep the JVM alive
                    () -> {
                try {
                    rt.blockOn(stop.cancelled()); // drives this core until close()
                } catch (Exception e) {
                    throw new IllegalStateException("thread-per-core runtime " + rt.name() + " failed", e);
                }
            });
        }
    }

    /** {@return the number of cores (current-thread runtimes)} */
    public int cores() {
        return cores.length;
    }

    /**
     * The handle of one core's runtime.
     *
     * @param core the core's index, from 0
     * @return the handle of that core's runtime: what it spawns stays on that core
     * @throws IllegalArgumentException if {@code core} is out of range
     */
    public Handle handle(int core) {
        return cores[checkCore(core)].handle();
    }

    /**
     * The metrics of one core's runtime.
     *
     * @param core the core's index, from 0
     * @return the metrics of that core's runtime
     * @throws IllegalArgumentException if {@code core} is out of range
     */
    public RuntimeMetrics metrics(int core) {
        return cores[checkCore(core)].metrics();
    }

    /**
     * Spawns a coroutine task on every core; {@code body} makes each core's code from its index.
     *
     * @param body makes the code of core {@code i}
     * @param <T> the result type
     * @return the tasks' handles, in core order
     * @throws IllegalStateException if this runtime is closed
     */
    public <T> List<JoinHandle<T>> onEachCore(IntFunction<? extends Callable<T>> body) {
        Args.notNull(body, "body");
        checkOpen();
        List<JoinHandle<T>> handles = new ArrayList<>(cores.length);
        for (int i = 0; i < cores.length; i++) {
            Callable<T> code = Args.notNull(body.apply(i), "body(" + i + ")");
            handles.add(cores[i].spawn(code));
        }
        return handles;
    }

    /**
     * Spawns a coroutine task on the next core, round-robin. It stays there.
     *
     * @param body the coroutine's code
     * @param <T> its result type
     * @return the task's handle
     * @throws IllegalStateException if this runtime is closed
     */
    public <T> JoinHandle<T> spawn(Callable<T> body) {
        Args.notNull(body, "body");
        checkOpen();
        return cores[Math.floorMod(next.getAndIncrement(), cores.length)].spawn(body);
    }

    /**
     * {@return the index of the core the caller runs on, or -1 outside this runtime's cores}
     */
    public int currentCore() {
        Handle here;
        try {
            here = Handle.current();
        } catch (IllegalStateException outside) {
            return -1;
        }
        for (int i = 0; i < cores.length; i++) {
            if (cores[i].handle().sameRuntime(here)) {
                return i;
            }
        }
        return -1;
    }

    /**
     * Shuts every core down: their tasks are cancelled and unwind as in {@link Runtime#close()},
     * then their threads end. Idempotent.
     *
     * @throws IllegalStateException if called from one of the cores
     */
    @Override
    public void close() {
        if (currentCore() >= 0) {
            throw new IllegalStateException("a thread-per-core runtime cannot be closed from one of its own tasks");
        }
        closed = true;
        stop.cancel();
        boolean interrupted = false;
        for (Thread t : threads) {
            while (t.isAlive()) {
                try {
                    t.join();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        }
        for (Runtime rt : cores) {
            rt.close();
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("this thread-per-core runtime is closed");
        }
    }

    private int checkCore(int core) {
        if (core < 0 || core >= cores.length) {
            throw new IllegalArgumentException("core must be in [0, " + cores.length + "), got " + core);
        }
        return core;
    }

    /**
     * Builds a {@link ThreadPerCore}: one current-thread runtime per core, each made with the
     * settings of the {@link RuntimeBuilder} it came from ({@link RuntimeBuilder#threadPerCore()}).
     */
    public static final class Builder {
        private final RuntimeBuilder base;
        private int cores = java.lang.Runtime.getRuntime().availableProcessors();
        private String threadNamePrefix = "weft-core-";

        Builder(RuntimeBuilder base) {
            this.base = base;
        }

        /**
         * Sets how many cores there are.
         *
         * @param n how many cores (current-thread runtimes), at least 1; default: the number of
         *     processors
         * @return this builder
         * @throws IllegalArgumentException if {@code n < 1}
         */
        public Builder cores(int n) {
            if (n < 1) {
                throw new IllegalArgumentException("cores must be at least 1, got " + n);
            }
            this.cores = n;
            return this;
        }

        /**
         * Sets the names of the cores' threads.
         *
         * @param prefix the name of each core's thread, before its index (default {@code weft-core-})
         * @return this builder
         * @throws IllegalArgumentException if {@code prefix} is null
         */
        public Builder threadNamePrefix(String prefix) {
            this.threadNamePrefix = Args.notNull(prefix, "prefix");
            return this;
        }

        /**
         * Builds the runtimes and starts one thread per core.
         *
         * @return the runtime
         * @throws IllegalStateException for settings that cannot be split across cores (a paused
         *     clock, a deterministic runtime), or as {@link RuntimeBuilder#build()}
         */
        public ThreadPerCore build() {
            base.checkThreadPerCore();
            Runtime[] rts = new Runtime[cores];
            try {
                for (int i = 0; i < cores; i++) {
                    rts[i] = base.buildCore(i);
                }
            } catch (RuntimeException | Error e) {
                for (Runtime rt : rts) {
                    if (rt != null) {
                        rt.close();
                    }
                }
                throw e;
            }
            return new ThreadPerCore(rts, threadNamePrefix);
        }
    }
}
