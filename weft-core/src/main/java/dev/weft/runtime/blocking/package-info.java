/**
 * The blocking pool: the machinery behind {@code spawnBlocking} and {@code blockInPlace}. Not
 * exported; users configure it with {@link dev.weft.runtime.BlockingPool}.
 *
 * <ul>
 *   <li>{@link dev.weft.runtime.blocking.BlockingSpawner}: one per runtime; spawns blocking
 *       tasks, counts them in flight (the paused clock holds still meanwhile), shuts down, and
 *       answers the metrics hooks. Also {@code blockInPlace}.</li>
 *   <li>{@code VirtualThreadSpawner}: the default, one virtual thread per task.</li>
 *   <li>{@code PlatformThreadPool}: bounded platform threads, FIFO queue, keep-alive.</li>
 *   <li>{@code BlockingTask}: a body and its {@link dev.weft.runtime.JoinHandle}.</li>
 * </ul>
 *
 * {@snippet :
 * Scheduler s = new CurrentThreadScheduler(null, handler);
 * s.configureBlocking(BlockingPool.platform(4));
 * JoinHandle<Integer> h = s.blocking().spawn(() -> 42);
 * s.blockOn(h);                                // 42
 * s.blocking().shutdown();
 * }
 */
package dev.weft.runtime.blocking;
