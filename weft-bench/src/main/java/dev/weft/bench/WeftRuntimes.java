package dev.weft.bench;

import static dev.weft.bench.RuntimeBench.CHAIN_DEPTH;
import static dev.weft.bench.RuntimeBench.PINGS;
import static dev.weft.bench.RuntimeBench.SPAWNS;
import static dev.weft.bench.RuntimeBench.YIELDS;
import static dev.weft.bench.RuntimeBench.YIELD_TASKS;

import dev.weft.Weft;
import dev.weft.YieldNow;
import dev.weft.future.Context;
import dev.weft.future.Future;
import dev.weft.future.Poll;
import dev.weft.runtime.CoroutineMode;
import dev.weft.runtime.Handle;
import dev.weft.runtime.Runtime;
import java.util.concurrent.Callable;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The Weft side of {@link RuntimeBench}: the five workloads as poll-based futures (plus one
 * coroutine variant of {@code yield_many}), on a runtime of either flavor. Each workload returns
 * the number of operations it performed and waits on a {@link Countdown} with {@code blockOn}.
 *
 * <p>Tasks that keep no state (the spawn-many tick, the spawner) are one shared future per
 * invocation, spawned many times: a spawn then allocates the {@code Task} and nothing else, so
 * {@code -prof gc} shows the runtime's own cost. Stateful tasks (pinger, responder, yielder,
 * chain link) are one small object each, as Tokio's {@code async move} blocks are.
 */
public abstract class WeftRuntimes {
    Runtime rt;
    Handle handle;

    abstract Runtime build();

    /** Builds the runtime and checks that coroutines run on it (the coroutine variant needs it). */
    @Setup(Level.Trial)
    public void setUp() {
        rt = build();
        handle = rt.handle();
        CoroutineMode mode = handle.coroutineMode();
        if (mode != CoroutineMode.WEFT_SCHEDULER) {
            throw new IllegalStateException("coroutines run in mode " + mode + ", not on Weft's scheduler: "
                    + "run the JVM with " + CoroutineBench.OPENS);
        }
    }

    /** Closes the runtime. */
    @TearDown(Level.Trial)
    public void tearDown() {
        rt.close();
    }

    /** spawn_many_local: one task spawns {@value RuntimeBench#SPAWNS} ticks from a worker. */
    long spawnManyLocal() throws Exception {
        Countdown done = new Countdown(SPAWNS);
        Future<Void> tick = tick(done);
        Handle h = handle;
        rt.spawn(cx -> {
            for (int i = 0; i < SPAWNS; i++) {
                h.spawn(tick);
            }
            return Poll.ready(null);
        });
        rt.blockOn(done);
        return SPAWNS;
    }

    /** spawn_many_remote: the JMH thread spawns {@value RuntimeBench#SPAWNS} ticks. */
    long spawnManyRemote() throws Exception {
        Countdown done = new Countdown(SPAWNS);
        Future<Void> tick = tick(done);
        for (int i = 0; i < SPAWNS; i++) {
            rt.spawn(tick);
        }
        rt.blockOn(done);
        return SPAWNS;
    }

    /** ping_pong: one task spawns {@value RuntimeBench#PINGS} pingers, each with its responder. */
    long pingPong() throws Exception {
        Countdown done = new Countdown(PINGS);
        Handle h = handle;
        rt.spawn(cx -> {
            for (int i = 0; i < PINGS; i++) {
                h.spawn(new Pinger(h, done));
            }
            return Poll.ready(null);
        });
        rt.blockOn(done);
        return PINGS;
    }

    /** yield_many: the JMH thread spawns {@value RuntimeBench#YIELD_TASKS} poll-based yielders. */
    long yieldMany() throws Exception {
        Countdown done = new Countdown(YIELD_TASKS);
        for (int i = 0; i < YIELD_TASKS; i++) {
            rt.spawn(new Yielder(done));
        }
        rt.blockOn(done);
        return (long) YIELD_TASKS * YIELDS;
    }

    /** yield_many with coroutines: each yields with {@code Weft.yieldNow().await()}. */
    long yieldManyCoroutines() throws Exception {
        Countdown done = new Countdown(YIELD_TASKS);
        Callable<Void> body = () -> {
            for (int i = 0; i < YIELDS; i++) {
                Weft.yieldNow().await();
            }
            done.countDown();
            return null;
        };
        for (int i = 0; i < YIELD_TASKS; i++) {
            rt.spawn(body);
        }
        rt.blockOn(done);
        return (long) YIELD_TASKS * YIELDS;
    }

    /** chained_spawn: the JMH thread spawns a task that spawns the next, {@value RuntimeBench#CHAIN_DEPTH} deep. */
    long chainedSpawn() throws Exception {
        Countdown done = new Countdown(1);
        rt.spawn(new Chain(handle, CHAIN_DEPTH, done));
        rt.blockOn(done);
        return CHAIN_DEPTH;
    }

    private static Future<Void> tick(Countdown done) {
        return cx -> {
            done.countDown();
            return Poll.ready(null);
        };
    }

    /** Tokio's ping task: makes two one-shot slots, spawns the responder, pings, awaits the pong. */
    private static final class Pinger implements Future<Void> {
        private final Handle h;
        private final Countdown done;
        private Baton pong;

        Pinger(Handle h, Countdown done) {
            this.h = h;
            this.done = done;
        }

        @Override
        public Poll<Void> poll(Context cx) {
            if (pong == null) {
                Baton ping = new Baton();
                pong = new Baton();
                h.spawn(new Responder(ping, pong));
                ping.pass();
            }
            if (pong.poll(cx).isPending()) {
                return Poll.pending(); // pong.pass() wakes this task
            }
            done.countDown();
            return Poll.ready(null);
        }
    }

    /** Awaits the ping, then passes the pong. Each baton is used once, as a oneshot channel. */
    private record Responder(Baton ping, Baton pong) implements Future<Void> {
        @Override
        public Poll<Void> poll(Context cx) {
            if (ping.poll(cx).isPending()) {
                return Poll.pending();
            }
            pong.pass();
            return Poll.ready(null);
        }
    }

    /** Awaits {@code Weft.yieldNow()} {@value RuntimeBench#YIELDS} times, then counts down. */
    private static final class Yielder implements Future<Void> {
        private final Countdown done;
        private int left = YIELDS;
        private YieldNow current;

        Yielder(Countdown done) {
            this.done = done;
        }

        @Override
        public Poll<Void> poll(Context cx) {
            for (;;) {
                if (current == null) {
                    if (left == 0) {
                        done.countDown();
                        return Poll.ready(null);
                    }
                    left--;
                    current = Weft.yieldNow();
                }
                if (current.poll(cx).isPending()) {
                    return Poll.pending(); // yieldNow woke this task: it goes to the back of the queue
                }
                current = null;
            }
        }
    }

    /** Spawns the next link, or counts down at the end of the chain. */
    private record Chain(Handle h, int left, Countdown done) implements Future<Void> {
        @Override
        public Poll<Void> poll(Context cx) {
            if (left == 0) {
                done.countDown();
            } else {
                h.spawn(new Chain(h, left - 1, done));
            }
            return Poll.ready(null);
        }
    }

    /** Multi-thread flavor, two workers (the machine's cores), every driver enabled. */
    @State(Scope.Thread)
    public static class MultiThread extends WeftRuntimes {
        @Override
        Runtime build() {
            return Runtime.builder().workerThreads(2).enableAll().build();
        }
    }

    /** Current-thread flavor (the JMH thread drives it inside {@code blockOn}), every driver enabled. */
    @State(Scope.Thread)
    public static class CurrentThread extends WeftRuntimes {
        @Override
        Runtime build() {
            return Runtime.builder().currentThread().enableAll().build();
        }
    }
}
