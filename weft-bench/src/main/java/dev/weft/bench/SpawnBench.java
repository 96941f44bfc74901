package dev.weft.bench;

import dev.weft.future.Context;
import dev.weft.future.Future;
import dev.weft.future.Poll;
import dev.weft.runtime.JoinHandle;
import dev.weft.runtime.Runtime;
import java.util.concurrent.Callable;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.RecursiveTask;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Task spawn + join: the cost of spawning a trivial task and getting its result, in nanoseconds
 * per task, with {@code -prof gc} showing the bytes allocated per task.
 *
 * <p>The task is the smallest poll-based future, {@code cx -> ONE}, which is ready at its first
 * poll and returns a shared {@code Poll} (so the allocation figure is the runtime's alone: the
 * design allows one object per spawned task, the {@code Task}).
 *
 * <ul>
 * <li>{@link #weftSpawnJoin} — the measured path: inside one {@code blockOn} on a current-thread
 *     runtime, a poll-based driver spawns the task, polls its {@link JoinHandle} (pending, which
 *     registers the driver's waker), lets the runtime run the task, and takes the output when
 *     woken; {@value #TASKS} times per invocation. Everything stays on the JMH thread.</li>
 * <li>{@link #weftSpawnBatch} — the same, spawning {@value #TASKS} tasks first and then joining
 *     them in order, so the run queue holds many tasks.</li>
 * <li>Peers: {@link #forkJoinForkJoin} ({@code fork()} + {@code join()} of a trivial
 *     {@code RecursiveTask} inside a common-pool worker: the JDK's same-thread spawn, where
 *     {@code join} runs the task inline); {@link #forkJoinSubmitJoin} and
 *     {@link #forkJoinSubmitBatch} ({@code ForkJoinPool.commonPool().submit(callable)} +
 *     {@code join()} from the JMH thread, one at a time or 1,000 then join all: a hop to a
 *     worker thread); {@link #virtualThreadStartJoin} and {@link #virtualThreadBatch}
 *     ({@code Thread.ofVirtual().start(r)} + {@code join()}, one at a time or 1,000 then join
 *     all).</li>
 * </ul>
 *
 * <p>Target (from the issue): {@code weftSpawnJoin} at most 150 ns per spawn + join. Run with
 * {@code ./weft bench SpawnBench -prof gc}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
@Fork(value = 1, jvmArgsAppend = CoroutineBench.OPENS)
public class SpawnBench {
    /** Tasks per invocation. */
    static final int TASKS = 1_000;

    private static final Poll<Integer> ONE = Poll.ready(1);
    /** The trivial task: ready at once, allocating nothing. */
    private static final Future<Integer> TRIVIAL = cx -> ONE;
    private static final Callable<Integer> TRIVIAL_CALLABLE = () -> 1;

    private Runtime rt;
    private JoinHandle<?>[] handles;
    private ForkJoinTask<?>[] fjTasks;
    private Thread[] threads;

    /** Builds the current-thread runtime and the arrays the batch variants reuse. */
    @Setup(Level.Trial)
    public void setUp() {
        rt = Runtime.builder().currentThread().build();
        handles = new JoinHandle<?>[TASKS];
        fjTasks = new ForkJoinTask<?>[TASKS];
        threads = new Thread[TASKS];
    }

    /** Closes the runtime. */
    @TearDown(Level.Trial)
    public void tearDown() {
        rt.close();
    }

    /**
     * Spawn one task, join it, repeat; on a current-thread Weft runtime.
     *
     * @return the sum of the outputs
     * @throws Exception if a task failed
     */
    @Benchmark
    @OperationsPerInvocation(TASKS)
    public long weftSpawnJoin() throws Exception {
        return rt.blockOn(new SpawnJoinLoop(rt, TASKS));
    }

    /**
     * Spawn {@value #TASKS} tasks, then join them all; on a current-thread Weft runtime.
     *
     * @return the sum of the outputs
     * @throws Exception if a task failed
     */
    @Benchmark
    @OperationsPerInvocation(TASKS)
    public long weftSpawnBatch() throws Exception {
        return rt.blockOn(new SpawnBatch(rt, handles));
    }

    /**
     * Peer: {@code fork()} + {@code join()} inside a common-pool worker.
     *
     * @return the sum of the outputs
     */
    @Benchmark
    @OperationsPerInvocation(TASKS)
    public long forkJoinForkJoin() {
        return ForkJoinPool.commonPool().invoke(new ForkJoinLoop());
    }

    /**
     * Peer: submit to the common pool from outside, join, repeat.
     *
     * @return the sum of the outputs
     */
    @Benchmark
    @OperationsPerInvocation(TASKS)
    public long forkJoinSubmitJoin() {
        ForkJoinPool pool = ForkJoinPool.commonPool();
        long sum = 0;
        for (int i = 0; i < TASKS; i++) {
            sum += pool.submit(TRIVIAL_CALLABLE).join();
        }
        return sum;
    }

    /**
     * Peer: submit {@value #TASKS} tasks to the common pool, then join them all.
     *
     * @return the sum of the outputs
     */
    @Benchmark
    @OperationsPerInvocation(TASKS)
    public long forkJoinSubmitBatch() {
        ForkJoinPool pool = ForkJoinPool.commonPool();
        ForkJoinTask<?>[] ts = fjTasks;
        for (int i = 0; i < TASKS; i++) {
            ts[i] = pool.submit(TRIVIAL_CALLABLE);
        }
        long sum = 0;
        for (int i = 0; i < TASKS; i++) {
            sum += (Integer) ts[i].join();
            ts[i] = null;
        }
        return sum;
    }

    /**
     * Peer: start a virtual thread, join it, repeat.
     *
     * @return the number of threads joined
     * @throws InterruptedException if the JMH thread is interrupted
     */
    @Benchmark
    @OperationsPerInvocation(TASKS)
    public long virtualThreadStartJoin() throws InterruptedException {
        Thread.Builder.OfVirtual b = Thread.ofVirtual();
        for (int i = 0; i < TASKS; i++) {
            b.start(SpawnBench::nothing).join();
        }
        return TASKS;
    }

    /**
     * Peer: start {@value #TASKS} virtual threads, then join them all.
     *
     * @return the number of threads joined
     * @throws InterruptedException if the JMH thread is interrupted
     */
    @Benchmark
    @OperationsPerInvocation(TASKS)
    public long virtualThreadBatch() throws InterruptedException {
        Thread.Builder.OfVirtual b = Thread.ofVirtual();
        Thread[] ts = threads;
        for (int i = 0; i < TASKS; i++) {
            ts[i] = b.start(SpawnBench::nothing);
        }
        for (int i = 0; i < TASKS; i++) {
            ts[i].join();
            ts[i] = null;
        }
        return TASKS;
    }

    private static void nothing() {
    }

    /** The driver of {@link #weftSpawnJoin}: one task in flight at a time. */
    private static final class SpawnJoinLoop implements Future<Long> {
        private final Runtime rt;
        private final int n;
        private int done;
        private long sum;
        private JoinHandle<Integer> current;

        SpawnJoinLoop(Runtime rt, int n) {
            this.rt = rt;
            this.n = n;
        }

        @Override
        public Poll<Long> poll(Context cx) {
            while (done < n) {
                JoinHandle<Integer> h = current;
                if (h == null) {
                    h = rt.spawn(TRIVIAL);
                    current = h;
                }
                Poll<Integer> p = h.poll(cx);
                if (p.isPending()) {
                    return Poll.pending(); // the task's completion wakes cx.waker()
                }
                sum += p.get();
                current = null;
                done++;
            }
            return Poll.ready(sum);
        }
    }

    /** The driver of {@link #weftSpawnBatch}: spawns every task, then joins them in order. */
    private static final class SpawnBatch implements Future<Long> {
        private final Runtime rt;
        private final JoinHandle<?>[] handles;
        private boolean spawned;
        private int joined;
        private long sum;

        SpawnBatch(Runtime rt, JoinHandle<?>[] handles) {
            this.rt = rt;
            this.handles = handles;
        }

        @Override
        public Poll<Long> poll(Context cx) {
            JoinHandle<?>[] hs = handles;
            if (!spawned) {
                for (int i = 0; i < hs.length; i++) {
                    hs[i] = rt.spawn(TRIVIAL);
                }
                spawned = true;
            }
            while (joined < hs.length) {
                Poll<?> p = hs[joined].poll(cx);
                if (p.isPending()) {
                    return Poll.pending();
                }
                sum += (Integer) p.get();
                hs[joined++] = null;
            }
            return Poll.ready(sum);
        }
    }

    /** The body of {@link #forkJoinForkJoin}: forks and joins a trivial task {@value #TASKS} times. */
    private static final class ForkJoinLoop extends RecursiveTask<Long> {
        @Override
        protected Long compute() {
            long sum = 0;
            for (int i = 0; i < TASKS; i++) {
                sum += new One().fork().join();
            }
            return sum;
        }
    }

    /** The trivial fork-join task. */
    private static final class One extends RecursiveTask<Integer> {
        @Override
        protected Integer compute() {
            return 1;
        }
    }
}
