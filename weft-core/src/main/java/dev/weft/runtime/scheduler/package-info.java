/**
 * Schedulers and tasks: the machinery behind {@code dev.weft.runtime}. Not exported. A map, in
 * the order a newcomer meets the parts:
 *
 * <h2>Building and starting</h2>
 * <ul>
 * <li>{@link dev.weft.runtime.scheduler.SchedulerConfig}: everything a scheduler is built from
 *     (drivers, failure handler, blocking pool, coroutine mode,
 *     {@link dev.weft.runtime.scheduler.ObserveConfig}, detector); the multi-thread flavor adds
 *     {@link dev.weft.runtime.scheduler.MultiThreadConfig}. Fixed before construction; a
 *     scheduler launches its threads only in {@link dev.weft.runtime.scheduler.Scheduler#start()},
 *     which first pays the JVM's one-time coroutine costs ({@code ColdStart}).</li>
 * </ul>
 *
 * <h2>What every flavor shares: {@link dev.weft.runtime.scheduler.Scheduler}</h2>
 * <ul>
 * <li>{@code OwnedTasks}: ids, the intrusive list of alive tasks (shutdown cancels them, the
 *     task dump lists them), the closed bit.</li>
 * <li>{@code ActivityCounts}: live and running coroutines and blocking work in flight, what a
 *     paused clock reads before it jumps.</li>
 * <li>{@link dev.weft.runtime.internal.UnjoinedFailures}: failures nobody joined, reported when
 *     the task is collected or the runtime closes.</li>
 * <li>The blocking pool ({@link dev.weft.runtime.blocking.BlockingSpawner}), which sees the
 *     scheduler only as a {@link dev.weft.runtime.blocking.BlockingHost};
 *     {@link dev.weft.runtime.scheduler.BlockInPlace} for {@code Weft.blockInPlace}.</li>
 * </ul>
 *
 * <h2>The flavors</h2>
 * <ul>
 * <li>{@link dev.weft.runtime.scheduler.CurrentThreadScheduler}: one thread (the one in
 *     {@code blockOn}); {@code RunQueue} is its queue discipline (FIFO, or seeded for the
 *     deterministic runtime).</li>
 * <li>{@link dev.weft.runtime.scheduler.MultiThreadScheduler}: work stealing, Tokio's shape.
 *     {@code Worker} and {@code WorkerThread} (one per worker), {@code LocalQueue} (bounded
 *     ring, stolen from in halves), {@code InjectQueue} (the global queue; {@code Overflow} is
 *     where a full local queue spills), {@code Idle} (parked and searching workers, no lost
 *     wake-up).</li>
 * <li>{@link dev.weft.runtime.scheduler.LocalSetScheduler}: the tasks of one
 *     {@code LocalSet}, run inside the poll of {@code LocalSetRun} on one thread;
 *     {@code LocalSetClose} closes it from outside.</li>
 * </ul>
 *
 * <h2>Tasks and coroutines</h2>
 * <ul>
 * <li>{@link dev.weft.runtime.scheduler.Task}: one object per spawned future, its own waker
 *     and join handle; {@code TaskState} documents every bit of its state word.</li>
 * <li>{@link dev.weft.runtime.scheduler.Coroutine}: sequential code behind a {@code Future},
 *     on either engine: a virtual thread Weft schedules ({@code CoroutineThreads}) or a bare
 *     continuation ({@code WeftContinuation}). {@code WorkerSuspender} is what {@code await()}
 *     meets on a thread that drives a runtime.</li>
 * </ul>
 *
 * <h2>Seeing inside</h2>
 * <ul>
 * <li>{@code RunStats}/{@code WorkerStats} (metrics), {@code LongPolls} (the JFR long-poll
 *     event), {@code Watchdog} (the blocked-worker detector), {@code TaskDumper},
 *     {@code SpawnLocations} and {@code Stamps} (the task dump).</li>
 * </ul>
 */
package dev.weft.runtime.scheduler;
