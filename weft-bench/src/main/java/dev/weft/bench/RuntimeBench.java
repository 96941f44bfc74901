package dev.weft.bench;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;

/**
 * Tokio's runtime benchmarks ({@code tokio/benches/rt_multi_threaded.rs} and
 * {@code rt_current_thread.rs}) on four executors in one run, in nanoseconds per operation:
 * per task for the spawn benchmarks, per round trip for ping-pong, per yield for yield-many.
 * Run {@code -prof gc} for the bytes allocated per operation, and
 * {@code -prof dev.weft.bench.CpuTimeProfiler} for the CPU time per operation, which a loaded
 * machine disturbs much less than the wall-clock score.
 *
 * <p>Every workload is written four times, with the executor as the method's suffix:
 * {@code WeftMulti} (multi-thread runtime, 2 workers), {@code WeftCurrent} (current-thread
 * runtime driven by the JMH thread), {@code Virtual} ({@code newVirtualThreadPerTaskExecutor()})
 * and {@code ForkJoin} (a dedicated 2-thread {@code ForkJoinPool} in async mode). The Weft code
 * is poll-based futures ({@link WeftRuntimes}); the peers are what is natural for them
 * ({@link JdkExecutors}). All four signal completion through the same {@link Countdown}, Tokio's
 * "decrement, and the last one sends on a channel".
 *
 * <ul>
 * <li>{@code spawnManyLocal} — {@value #SPAWNS} tasks, each counting down once, spawned by a task
 *     running inside the executor (a worker, a virtual thread, a pool thread), then wait for all.
 *     Tokio's {@code spawn_many_local} spawns from {@code block_on}, which on its multi-thread
 *     runtime is not a worker; here the spawner is a task, so the spawns are really local.</li>
 * <li>{@code spawnManyRemote} — the same {@value #SPAWNS} tasks spawned by the JMH thread
 *     (Tokio's {@code spawn_many_remote_idle}).</li>
 * <li>{@code pingPong} — Tokio's shape: a task spawns {@value #PINGS} pingers; each makes two
 *     one-shot hand-offs, spawns a responder, sends the ping and waits for the pong. One operation
 *     is one ping: two spawns, two hand-offs, the pinger's wake-up. Weft uses a fresh
 *     {@link Baton} per direction as its oneshot channel; virtual threads two fresh
 *     {@code SynchronousQueue}s (a rendezvous: the sender also waits for the taker); fork-join a
 *     {@code CompletableFuture} chain where each completion runs the next step as a pool task.</li>
 * <li>{@code yieldMany} — {@value #YIELD_TASKS} tasks spawned from outside, each yielding
 *     {@value #YIELDS} times: {@code Weft.yieldNow()} polled in a poll-based task (and awaited in a
 *     coroutine, {@code yieldManyCoroutinesWeft*}), {@code Thread.yield()}, re-submission to the
 *     pool.</li>
 * <li>{@code chainedSpawn} — a task spawns the next, {@value #CHAIN_DEPTH} deep (started from
 *     outside; {@value #CHAIN_DEPTH} + 1 tasks, counted as {@value #CHAIN_DEPTH}).</li>
 * </ul>
 *
 * <p>Targets (from the issue), as ratios in one run: Weft multi-thread {@code spawnMany*} at least
 * 3× the tasks/s of virtual threads and within 2× of fork-join's per-task cost; {@code yieldMany}
 * and {@code pingPong} at least 2× virtual threads.
 *
 * {@snippet lang=shell :
 * java --add-opens java.base/java.lang=ALL-UNNAMED -jar weft-bench/target/weft-bench.jar RuntimeBench \
 *     -prof gc -prof dev.weft.bench.CpuTimeProfiler -f 1 -wi 3 -w 2s -i 5 -r 2s
 * }
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = CoroutineBench.OPENS)
public class RuntimeBench {
    /** Tasks per spawn-many invocation (Tokio's NUM_SPAWN). */
    static final int SPAWNS = 10_000;
    /** Pings per ping-pong invocation (Tokio's NUM_PINGS). */
    static final int PINGS = 1_000;
    /** Yielding tasks per yield-many invocation (Tokio's TASKS). */
    static final int YIELD_TASKS = 200;
    /** Yields per yielding task (Tokio's NUM_YIELD). */
    static final int YIELDS = 1_000;
    /** Yields per yield-many invocation. */
    static final int YIELD_OPS = YIELD_TASKS * YIELDS;
    /** Links per chained-spawn invocation (Tokio's ITER). */
    static final int CHAIN_DEPTH = 1_000;

    // ---- spawn_many_local ---------------------------------------------------------------------

    @Benchmark
    @OperationsPerInvocation(SPAWNS)
    public long spawnManyLocalWeftMulti(WeftRuntimes.MultiThread s) throws Exception {
        return s.spawnManyLocal();
    }

    @Benchmark
    @OperationsPerInvocation(SPAWNS)
    public long spawnManyLocalWeftCurrent(WeftRuntimes.CurrentThread s) throws Exception {
        return s.spawnManyLocal();
    }

    @Benchmark
    @OperationsPerInvocation(SPAWNS)
    public long spawnManyLocalVirtual(JdkExecutors.VirtualThreads s) {
        return s.spawnManyLocal();
    }

    @Benchmark
    @OperationsPerInvocation(SPAWNS)
    public long spawnManyLocalForkJoin(JdkExecutors.ForkJoin s) {
        return s.spawnManyLocal();
    }

    // ---- spawn_many_remote --------------------------------------------------------------------

    @Benchmark
    @OperationsPerInvocation(SPAWNS)
    public long spawnManyRemoteWeftMulti(WeftRuntimes.MultiThread s) throws Exception {
        return s.spawnManyRemote();
    }

    @Benchmark
    @OperationsPerInvocation(SPAWNS)
    public long spawnManyRemoteWeftCurrent(WeftRuntimes.CurrentThread s) throws Exception {
        return s.spawnManyRemote();
    }

    @Benchmark
    @OperationsPerInvocation(SPAWNS)
    public long spawnManyRemoteVirtual(JdkExecutors.VirtualThreads s) {
        return s.spawnManyRemote();
    }

    @Benchmark
    @OperationsPerInvocation(SPAWNS)
    public long spawnManyRemoteForkJoin(JdkExecutors.ForkJoin s) {
        return s.spawnManyRemote();
    }

    // ---- ping_pong ----------------------------------------------------------------------------

    @Benchmark
    @OperationsPerInvocation(PINGS)
    public long pingPongWeftMulti(WeftRuntimes.MultiThread s) throws Exception {
        return s.pingPong();
    }

    @Benchmark
    @OperationsPerInvocation(PINGS)
    public long pingPongWeftCurrent(WeftRuntimes.CurrentThread s) throws Exception {
        return s.pingPong();
    }

    @Benchmark
    @OperationsPerInvocation(PINGS)
    public long pingPongVirtual(JdkExecutors.VirtualThreads s) {
        return s.pingPong();
    }

    @Benchmark
    @OperationsPerInvocation(PINGS)
    public long pingPongForkJoin(JdkExecutors.ForkJoin s) {
        return s.pingPong();
    }

    // ---- yield_many ---------------------------------------------------------------------------

    @Benchmark
    @OperationsPerInvocation(YIELD_OPS)
    public long yieldManyWeftMulti(WeftRuntimes.MultiThread s) throws Exception {
        return s.yieldMany();
    }

    @Benchmark
    @OperationsPerInvocation(YIELD_OPS)
    public long yieldManyWeftCurrent(WeftRuntimes.CurrentThread s) throws Exception {
        return s.yieldMany();
    }

    @Benchmark
    @OperationsPerInvocation(YIELD_OPS)
    public long yieldManyCoroutinesWeftMulti(WeftRuntimes.MultiThread s) throws Exception {
        return s.yieldManyCoroutines();
    }

    @Benchmark
    @OperationsPerInvocation(YIELD_OPS)
    public long yieldManyCoroutinesWeftCurrent(WeftRuntimes.CurrentThread s) throws Exception {
        return s.yieldManyCoroutines();
    }

    @Benchmark
    @OperationsPerInvocation(YIELD_OPS)
    public long yieldManyVirtual(JdkExecutors.VirtualThreads s) {
        return s.yieldMany();
    }

    @Benchmark
    @OperationsPerInvocation(YIELD_OPS)
    public long yieldManyForkJoin(JdkExecutors.ForkJoin s) {
        return s.yieldMany();
    }

    // ---- chained_spawn ------------------------------------------------------------------------

    @Benchmark
    @OperationsPerInvocation(CHAIN_DEPTH)
    public long chainedSpawnWeftMulti(WeftRuntimes.MultiThread s) throws Exception {
        return s.chainedSpawn();
    }

    @Benchmark
    @OperationsPerInvocation(CHAIN_DEPTH)
    public long chainedSpawnWeftCurrent(WeftRuntimes.CurrentThread s) throws Exception {
        return s.chainedSpawn();
    }

    @Benchmark
    @OperationsPerInvocation(CHAIN_DEPTH)
    public long chainedSpawnVirtual(JdkExecutors.VirtualThreads s) {
        return s.chainedSpawn();
    }

    @Benchmark
    @OperationsPerInvocation(CHAIN_DEPTH)
    public long chainedSpawnForkJoin(JdkExecutors.ForkJoin s) {
        return s.chainedSpawn();
    }
}
