package dev.weft.runtime;

import dev.weft.future.internal.Args;
import java.time.Duration;

/**
 * Where a runtime runs the bodies given to {@link Handle#spawnBlocking spawnBlocking}: one
 * fresh virtual thread per task (the default), or a bounded pool of platform threads.
 *
 * <ul>
 * <li>{@link #virtualThreads()}: every blocking task starts at once on its own virtual thread
 *     (named {@code weft-blocking-N}). A body that blocks in the JDK (JDBC, files, sockets,
 *     {@code Thread.sleep}) parks only its virtual thread, so thousands can wait at once and
 *     nothing queues. The right choice for I/O-bound blocking work.</li>
 * <li>{@link #platform(int, Duration)}: up to {@code maxThreads} platform threads named
 *     {@code weft-blocking-N}, created on demand; a task spawned while all of them are busy
 *     waits in a FIFO queue; a thread idle for {@code keepAlive} exits. The right choice for
 *     CPU-bound work (it caps parallelism) and for code that pins a carrier thread for long
 *     (native calls, {@code synchronized} around blocking calls on older JDKs).</li>
 * </ul>
 *
 * <p>Blocking threads are daemon threads: like Tokio's, they do not keep the JVM alive.
 *
 * {@snippet :
 * try (Runtime rt = Runtime.builder()
 *         .enableAll()
 *         .blockingPool(BlockingPool.platform(8, Duration.ofSeconds(30)))
 *         .build()) {
 *     long sum = rt.blockOn(rt.spawnBlocking(() -> LongStream.rangeClosed(1, 1_000_000).sum()));
 * }
 * }
 */
public final class BlockingPool {
    /** How long an idle platform blocking thread waits for work before it exits, unless told: 10 s (Tokio's default). */
    public static final Duration DEFAULT_KEEP_ALIVE = Duration.ofSeconds(10);

    private static final BlockingPool VIRTUAL = new BlockingPool(0, Duration.ZERO);

    private final int maxThreads;
    private final Duration keepAlive;

    private BlockingPool(int maxThreads, Duration keepAlive) {
        this.maxThreads = maxThreads;
        this.keepAlive = keepAlive;
    }

    /** {@return the default: one new virtual thread per blocking task} */
    public static BlockingPool virtualThreads() {
        return VIRTUAL;
    }

    /**
     * A bounded pool of platform threads that exit after {@link #DEFAULT_KEEP_ALIVE} idle.
     *
     * @param maxThreads the most threads alive at once, at least 1
     * @return the configuration
     * @throws IllegalArgumentException if {@code maxThreads} is less than 1
     */
    public static BlockingPool platform(int maxThreads) {
        return platform(maxThreads, DEFAULT_KEEP_ALIVE);
    }

    /**
     * A bounded pool of platform threads.
     *
     * @param maxThreads the most threads alive at once, at least 1
     * @param keepAlive how long an idle thread waits for a task before it exits, zero or more
     * @return the configuration
     * @throws IllegalArgumentException if {@code maxThreads} is less than 1, or {@code keepAlive}
     *         is null or negative
     */
    public static BlockingPool platform(int maxThreads, Duration keepAlive) {
        return new BlockingPool(Args.positive(maxThreads, "maxThreads"), Args.nonNegative(keepAlive, "keepAlive"));
    }

    /** {@return whether each task gets its own virtual thread} */
    public boolean isVirtual() {
        return maxThreads == 0;
    }

    /** {@return the platform pool's thread limit; 0 for virtual threads (no limit)} */
    public int maxThreads() {
        return maxThreads;
    }

    /** {@return how long an idle platform thread lives; zero for virtual threads (never reused)} */
    public Duration keepAlive() {
        return keepAlive;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BlockingPool p && p.maxThreads == maxThreads && p.keepAlive.equals(keepAlive);
    }

    @Override
    public int hashCode() {
        return 31 * maxThreads + keepAlive.hashCode();
    }

    @Override
    public String toString() {
        return isVirtual() ? "BlockingPool[virtual threads]"
                : "BlockingPool[platform, maxThreads=" + maxThreads + ", keepAlive=" + keepAlive + "]";
    }
}
