package dev.weft.bench;

import dev.weft.Async;
import dev.weft.runtime.CoroutineMode;
import dev.weft.runtime.JoinHandle;
import dev.weft.runtime.Runtime;
import java.util.concurrent.SynchronousQueue;
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
 * Coroutine suspend/resume: the cost of one ping-pong round trip between two coroutines, in
 * nanoseconds per round trip.
 *
 * <p>Each invocation hands a token back and forth {@value #ROUND_TRIPS} times between two
 * parties through two {@link Baton}s (ping: A to B, pong: B to A). A round trip is: A passes
 * ping (waking B) and awaits pong (suspending); B resumes, passes pong (waking A) and awaits the
 * next ping (suspending); A resumes. So it holds two wake-ups, two suspensions and two resumptions.
 * The fixed cost of each invocation (starting the two parties, joining them) is spread over the
 * round trips and adds about 1 ns or less to the figure.
 *
 * <ul>
 * <li>{@link #weftCoroutines} — the measured path: both parties are coroutines on one
 *     current-thread Weft runtime (the JMH thread drives it in {@code blockOn}), so each switch
 *     is a virtual-thread park/continue on Weft's own scheduler, with no thread hop. Needs
 *     {@code --add-opens java.base/java.lang=ALL-UNNAMED}; the setup refuses to run without it
 *     rather than measure the fallback.</li>
 * <li>{@link #virtualThreadsBaton} — the peer: the same batons awaited from two plain virtual
 *     threads on the JDK's default scheduler (a {@code ForkJoinPool}, one carrier per core).
 *     {@code await()} on a plain thread parks it, and the waker unparks it.</li>
 * <li>{@link #virtualThreadsBatonOneCarrier} — the same peer with the JDK scheduler limited to
 *     one carrier ({@code -Djdk.virtualThreadScheduler.parallelism=1}, in its own fork), which
 *     isolates the scheduler cost from the cross-core hand-off.</li>
 * <li>{@link #virtualThreadsSynchronousQueue} — a second peer without any Weft code: two
 *     virtual threads exchanging through two {@link SynchronousQueue}s.</li>
 * </ul>
 *
 * <p>Two floors, in the same run, split a Weft round trip into the JDK's share and Weft's:
 * {@link #floorCustomSchedulerBaton} (the same batons on two virtual threads whose scheduler is
 * a bare queue drained by the JMH thread: the virtual-thread cost with no runtime around it) and
 * {@link #floorRawContinuations} (two bare {@code jdk.internal.vm.Continuation}s run in turn: the
 * freeze/thaw cost under every virtual thread, see {@link Floors}).
 *
 * <p>Targets (from the issue): {@code weftCoroutines} at most 300 ns per round trip, and at
 * least twice as fast as {@code virtualThreadsBaton}. Run with
 * {@code ./weft bench CoroutineBench -prof gc}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
@Fork(value = 1, jvmArgsAppend = {CoroutineBench.OPENS, CoroutineBench.EXPORTS})
public class CoroutineBench {
    /** Round trips per invocation. */
    static final int ROUND_TRIPS = 10_000;
    /** Lets Weft run coroutines on its own scheduler (see {@link CoroutineMode#WEFT_SCHEDULER}). */
    static final String OPENS = "--add-opens=java.base/java.lang=ALL-UNNAMED";
    /** Lets Weft run coroutines as bare continuations (see {@link CoroutineMode#CONTINUATION}). */
    static final String EXPORTS = "--add-exports=java.base/jdk.internal.vm=ALL-UNNAMED";

    private Runtime rt;
    private Runtime rtContinuations;

    /** Builds the current-thread runtime and checks coroutines run on it. */
    @Setup(Level.Trial)
    public void setUp() {
        rt = Runtime.builder().currentThread().build();
        rtContinuations = Runtime.builder().currentThread().coroutineMode(CoroutineMode.CONTINUATION).build();
        CoroutineMode mode = rt.handle().coroutineMode();
        if (mode != CoroutineMode.WEFT_SCHEDULER) {
            throw new IllegalStateException("coroutines run in mode " + mode + ", not on Weft's scheduler: "
                    + "run the JVM with " + OPENS + " (./weft bench does)");
        }
    }

    /** Closes the runtime. */
    @TearDown(Level.Trial)
    public void tearDown() {
        rt.close();
        rtContinuations.close();
    }

    /**
     * Two coroutines on one current-thread Weft runtime.
     *
     * @return the number of round trips, checked by both parties
     * @throws Exception if a coroutine failed
     */
    @Benchmark
    @OperationsPerInvocation(ROUND_TRIPS)
    public long weftCoroutines() throws Exception {
        Baton ping = new Baton();
        Baton pong = new Baton();
        Runtime runtime = rt;
        return runtime.blockOn(Async.async(() -> {
            JoinHandle<Long> b = runtime.spawn(() -> responder(ping, pong));
            long a = initiator(ping, pong);
            return a + b.await();
        }));
    }

    /**
     * The same two coroutines on a current-thread runtime whose coroutines are continuations
     * ({@link CoroutineMode#CONTINUATION}): no virtual thread under them.
     *
     * @return the number of round trips, checked by both parties
     * @throws Exception if a coroutine failed
     */
    @Benchmark
    @OperationsPerInvocation(ROUND_TRIPS)
    public long weftContinuations() throws Exception {
        Baton ping = new Baton();
        Baton pong = new Baton();
        Runtime runtime = rtContinuations;
        return runtime.blockOn(runtime.spawn(() -> {
            JoinHandle<Long> b = runtime.spawn(() -> responder(ping, pong));
            long a = initiator(ping, pong);
            return a + b.await();
        }));
    }

    /**
     * The peer: the same batons awaited from two virtual threads on the JDK's default scheduler.
     *
     * @return the number of round trips
     * @throws InterruptedException if the JMH thread is interrupted
     */
    @Benchmark
    @OperationsPerInvocation(ROUND_TRIPS)
    public long virtualThreadsBaton() throws InterruptedException {
        return batonOnVirtualThreads();
    }

    /**
     * The peer limited to one carrier thread, like the current-thread runtime.
     *
     * @return the number of round trips
     * @throws InterruptedException if the JMH thread is interrupted
     */
    @Benchmark
    @OperationsPerInvocation(ROUND_TRIPS)
    @Fork(value = 1, jvmArgsAppend = {OPENS, "-Djdk.virtualThreadScheduler.parallelism=1"})
    public long virtualThreadsBatonOneCarrier() throws InterruptedException {
        return batonOnVirtualThreads();
    }

    /**
     * Two virtual threads exchanging through {@link SynchronousQueue}s.
     *
     * @return the number of round trips
     * @throws InterruptedException if the JMH thread is interrupted
     */
    @Benchmark
    @OperationsPerInvocation(ROUND_TRIPS)
    public long virtualThreadsSynchronousQueue() throws InterruptedException {
        SynchronousQueue<Integer> ping = new SynchronousQueue<>();
        SynchronousQueue<Integer> pong = new SynchronousQueue<>();
        Integer token = 1;
        Thread b = Thread.ofVirtual().start(() -> {
            try {
                for (int i = 0; i < ROUND_TRIPS; i++) {
                    pong.put(ping.take());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        Thread a = Thread.ofVirtual().start(() -> {
            try {
                for (int i = 0; i < ROUND_TRIPS; i++) {
                    ping.put(token);
                    pong.take();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        a.join();
        b.join();
        return ROUND_TRIPS;
    }

    /**
     * Floor: the same batons on two virtual threads whose scheduler is a bare queue drained by
     * the JMH thread. What Weft's coroutines would cost with no runtime around them.
     *
     * @return the number of round trips
     * @throws InterruptedException if the JMH thread is interrupted
     */
    @Benchmark
    @OperationsPerInvocation(ROUND_TRIPS)
    public long floorCustomSchedulerBaton() throws InterruptedException {
        Floors.OneThreadExecutor executor = new Floors.OneThreadExecutor();
        Baton ping = new Baton();
        Baton pong = new Baton();
        long[] counts = new long[2];
        Thread b = Floors.newVirtualThread(executor, () -> counts[1] = responder(ping, pong));
        Thread a = Floors.newVirtualThread(executor, () -> counts[0] = initiator(ping, pong));
        b.start();
        a.start();
        executor.runUntilIdle(); // nothing else wakes them: an empty queue means both ended
        if (a.isAlive() || b.isAlive()) {
            throw new IllegalStateException("ping-pong stalled");
        }
        a.join();
        b.join();
        return counts[0] + counts[1];
    }

    /**
     * Floor: two bare {@code jdk.internal.vm.Continuation}s run in turn by the JMH thread, each
     * yielding once per round trip. The mechanism under every virtual thread, without the
     * virtual-thread state machine, park/unpark or a scheduler.
     *
     * @return the number of round trips
     */
    @Benchmark
    @OperationsPerInvocation(ROUND_TRIPS)
    @Fork(value = 1, jvmArgsAppend = {OPENS, "--add-exports=java.base/jdk.internal.vm=ALL-UNNAMED"})
    public long floorRawContinuations() {
        long[] counts = new long[2];
        Floors.RawContinuation a = new Floors.RawContinuation(() -> {
            for (int i = 0; i < ROUND_TRIPS; i++) {
                counts[0]++;
                Floors.RawContinuation.yieldNow();
            }
        });
        Floors.RawContinuation b = new Floors.RawContinuation(() -> {
            for (int i = 0; i < ROUND_TRIPS; i++) {
                counts[1]++;
                Floors.RawContinuation.yieldNow();
            }
        });
        while (!a.isDone() || !b.isDone()) {
            a.run();
            b.run();
        }
        return counts[0] + counts[1];
    }

    private static long batonOnVirtualThreads() throws InterruptedException {
        Baton ping = new Baton();
        Baton pong = new Baton();
        long[] counts = new long[2];
        Thread b = Thread.ofVirtual().start(() -> counts[1] = responder(ping, pong));
        Thread a = Thread.ofVirtual().start(() -> counts[0] = initiator(ping, pong));
        a.join(); // join orders the threads' writes of counts before the reads below
        b.join();
        return counts[0] + counts[1];
    }

    /** Party A: passes ping, awaits pong. */
    private static long initiator(Baton ping, Baton pong) {
        long n = 0;
        for (int i = 0; i < ROUND_TRIPS; i++) {
            ping.pass();
            pong.await();
            n++;
        }
        return n;
    }

    /** Party B: awaits ping, passes pong. */
    private static long responder(Baton ping, Baton pong) {
        long n = 0;
        for (int i = 0; i < ROUND_TRIPS; i++) {
            ping.await();
            pong.pass();
            n++;
        }
        return n;
    }
}
