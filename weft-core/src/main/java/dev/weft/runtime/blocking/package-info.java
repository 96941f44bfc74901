/**
 * The blocking pool: the machinery behind {@code spawnBlocking}. Not exported; users configure it with {@link dev.weft.runtime.BlockingPool}.
 *
 * <ul>
 *   <li>{@link dev.weft.runtime.blocking.BlockingSpawner}: one per runtime; spawns blocking
 *       tasks, counts them in flight (the paused clock holds still meanwhile), shuts down, and
 *       answers the metrics hooks ({@link dev.weft.runtime.blocking.BlockingCounters}).</li>
 *   <li>{@link dev.weft.runtime.blocking.BlockingHost}: what the pool needs from its runtime
 *       (ids, the paused clock's count, failure tracking, the context its threads enter); the
 *       scheduler implements it.</li>
 *   <li>{@code VirtualThreadSpawner}: the default, one virtual thread per task.</li>
 *   <li>{@code PlatformThreadPool}: bounded platform threads, FIFO queue, keep-alive.</li>
 *   <li>{@code BlockingTask}: a body and its {@link dev.weft.runtime.JoinHandle}.</li>
 * </ul>
 *
 * {@snippet :
 * BlockingSpawner pool = BlockingSpawner.create(BlockingPool.platform(4), scheduler);
 * JoinHandle<Integer> h = pool.spawn(() -> 42);
 * scheduler.blockOn(h);                        // 42
 * pool.shutdown();
 * }
 */
package dev.weft.runtime.blocking;
