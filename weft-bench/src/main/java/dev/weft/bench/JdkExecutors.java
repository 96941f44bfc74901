package dev.weft.bench;

import static dev.weft.bench.RuntimeBench.CHAIN_DEPTH;
import static dev.weft.bench.RuntimeBench.PINGS;
import static dev.weft.bench.RuntimeBench.SPAWNS;
import static dev.weft.bench.RuntimeBench.YIELDS;
import static dev.weft.bench.RuntimeBench.YIELD_TASKS;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.SynchronousQueue;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The JDK peers of {@link RuntimeBench}: the same five workloads written the way each executor is
 * meant to be used, completing the same {@link Countdown}, which the JMH thread awaits (parks on).
 *
 * <ul>
 * <li>{@link VirtualThreads}: {@code Executors.newVirtualThreadPerTaskExecutor()} (one virtual
 *     thread per task, on the JDK's default scheduler: a {@code ForkJoinPool} with one carrier per
 *     core, here 2). Blocking is natural, so ping-pong hands off through two
 *     {@link SynchronousQueue}s per ping and a yield is {@code Thread.yield()}.</li>
 * <li>{@link ForkJoin}: a dedicated {@code ForkJoinPool} of 2 threads (not the common pool,
 *     whose parallelism is cores - 1 = 1 here) in async mode (FIFO local queues, the mode the
 *     JDK recommends for event-style tasks that are never joined, and the one its virtual-thread
 *     scheduler uses). A task is a bare {@code Runnable} given to {@code execute}: no join
 *     handle. Nothing may block a pool thread, so ping-pong is a {@link CompletableFuture}
 *     chain (each hand-off runs the next step as a new pool task) and a yield re-submits the
 *     task behind the others.</li>
 * </ul>
 */
public final class JdkExecutors {
    private JdkExecutors() {
    }

    /** One virtual thread per task on the JDK's default scheduler. */
    @State(Scope.Thread)
    public static class VirtualThreads {
        ExecutorService exec;

        /** Creates the executor. */
        @Setup(Level.Trial)
        public void setUp() {
            exec = Executors.newVirtualThreadPerTaskExecutor();
        }

        /** Closes the executor (waits for its threads). */
        @TearDown(Level.Trial)
        public void tearDown() {
            exec.close();
        }

        long spawnManyLocal() {
            Countdown done = new Countdown(SPAWNS);
            Runnable tick = done::countDown;
            ExecutorService e = exec;
            e.execute(() -> {
                for (int i = 0; i < SPAWNS; i++) {
                    e.execute(tick);
                }
            });
            done.await();
            return SPAWNS;
        }

        long spawnManyRemote() {
            Countdown done = new Countdown(SPAWNS);
            Runnable tick = done::countDown;
            for (int i = 0; i < SPAWNS; i++) {
                exec.execute(tick);
            }
            done.await();
            return SPAWNS;
        }

        long pingPong() {
            Countdown done = new Countdown(PINGS);
            ExecutorService e = exec;
            Runnable pinger = () -> {
                SynchronousQueue<Boolean> ping = new SynchronousQueue<>();
                SynchronousQueue<Boolean> pong = new SynchronousQueue<>();
                e.execute(() -> uninterruptibly(() -> pong.put(ping.take())));
                uninterruptibly(() -> {
                    ping.put(Boolean.TRUE);
                    pong.take();
                });
                done.countDown();
            };
            e.execute(() -> {
                for (int i = 0; i < PINGS; i++) {
                    e.execute(pinger);
                }
            });
            done.await();
            return PINGS;
        }

        long yieldMany() {
            Countdown done = new Countdown(YIELD_TASKS);
            Runnable yielder = () -> {
                for (int i = 0; i < YIELDS; i++) {
                    Thread.yield();
                }
                done.countDown();
            };
            for (int i = 0; i < YIELD_TASKS; i++) {
                exec.execute(yielder);
            }
            done.await();
            return (long) YIELD_TASKS * YIELDS;
        }

        long chainedSpawn() {
            Countdown done = new Countdown(1);
            exec.execute(new Chain(exec, CHAIN_DEPTH, done));
            done.await();
            return CHAIN_DEPTH;
        }
    }

    /** A dedicated two-thread {@code ForkJoinPool} in async (FIFO) mode. */
    @State(Scope.Thread)
    public static class ForkJoin {
        ForkJoinPool pool;

        /** Creates the pool. */
        @Setup(Level.Trial)
        public void setUp() {
            pool = new ForkJoinPool(2, ForkJoinPool.defaultForkJoinWorkerThreadFactory, null, true);
        }

        /** Shuts the pool down. */
        @TearDown(Level.Trial)
        public void tearDown() {
            pool.close();
        }

        long spawnManyLocal() {
            Countdown done = new Countdown(SPAWNS);
            Runnable tick = done::countDown;
            ForkJoinPool p = pool;
            p.execute(() -> {
                for (int i = 0; i < SPAWNS; i++) {
                    p.execute(tick); // from a pool thread: its own queue
                }
            });
            done.await();
            return SPAWNS;
        }

        long spawnManyRemote() {
            Countdown done = new Countdown(SPAWNS);
            Runnable tick = done::countDown;
            for (int i = 0; i < SPAWNS; i++) {
                pool.execute(tick); // from outside: a submission queue
            }
            done.await();
            return SPAWNS;
        }

        long pingPong() {
            Countdown done = new Countdown(PINGS);
            Runnable countDown = done::countDown;
            ForkJoinPool p = pool;
            Runnable pinger = () -> {
                CompletableFuture<Void> ping = new CompletableFuture<>();
                CompletableFuture<Void> pong = new CompletableFuture<>();
                ping.thenRunAsync(() -> pong.complete(null), p); // the responder, run when pinged
                pong.thenRunAsync(countDown, p); // the pinger's continuation, run when ponged
                ping.complete(null);
            };
            p.execute(() -> {
                for (int i = 0; i < PINGS; i++) {
                    p.execute(pinger);
                }
            });
            done.await();
            return PINGS;
        }

        long yieldMany() {
            Countdown done = new Countdown(YIELD_TASKS);
            for (int i = 0; i < YIELD_TASKS; i++) {
                pool.execute(new Yielder(pool, done));
            }
            done.await();
            return (long) YIELD_TASKS * YIELDS;
        }

        long chainedSpawn() {
            Countdown done = new Countdown(1);
            pool.execute(new Chain(pool, CHAIN_DEPTH, done));
            done.await();
            return CHAIN_DEPTH;
        }
    }

    /** Yields by re-submitting itself: the pool runs the tasks queued before it first. */
    private static final class Yielder implements Runnable {
        private final Executor pool;
        private final Countdown done;
        private int left = YIELDS; // handed between pool threads through the pool's queues

        Yielder(Executor pool, Countdown done) {
            this.pool = pool;
            this.done = done;
        }

        @Override
        public void run() {
            if (left == 0) {
                done.countDown();
                return;
            }
            left--;
            pool.execute(this); // a fresh queue entry each time: the Runnable is not the task
        }
    }

    /** Submits the next link, or counts down at the end of the chain. */
    private record Chain(Executor exec, int left, Countdown done) implements Runnable {
        @Override
        public void run() {
            if (left == 0) {
                done.countDown();
            } else {
                exec.execute(new Chain(exec, left - 1, done));
            }
        }
    }

    private interface Blocking {
        void run() throws InterruptedException;
    }

    private static void uninterruptibly(Blocking body) {
        try {
            body.run();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("ping-pong interrupted", e);
        }
    }
}
