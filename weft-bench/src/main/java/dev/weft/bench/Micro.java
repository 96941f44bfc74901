package dev.weft.bench;

import dev.weft.Weft;
import dev.weft.future.Context;
import dev.weft.future.Future;
import dev.weft.future.Poll;
import dev.weft.runtime.JoinHandle;
import dev.weft.runtime.Runtime;
import dev.weft.sync.Mpsc;
import dev.weft.sync.Notify;
import dev.weft.time.Sleep;
import dev.weft.time.Time;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The peers' three micro workloads as end-to-end programs, one JVM per run, printing one line in
 * the format of {@code micro-tokio} so the two can be compared line by line:
 * {@code Micro BENCH RT [N=1000000] [ROUNDS=5] [WORKERS=2] [KIND=coroutine]}.
 * <ul>
 * <li>BENCH: {@code spawn-many} (from inside a task, spawn N tasks that each bump a counter; the
 *     last notifies), {@code ping-pong} (two tasks bounce a counter over two bounded channels of
 *     capacity 1, N round trips), {@code timers} (N tasks sleep 1..1000 ms by the peers'
 *     xorshift, then bump a counter; one run: wall time and peak RSS).</li>
 * <li>RT: {@code ct} (current-thread), {@code mt} (multi-thread with WORKERS workers), {@code vt}
 *     (the JDK's virtual threads: a virtual-thread-per-task executor, two threads on
 *     {@code SynchronousQueue}s, {@code Thread.sleep}).</li>
 * <li>KIND: {@code coroutine} ({@code Weft.spawn(() -> ...)} with {@code await()}, what users
 *     write) or {@code poll} (hand-written poll futures).</li>
 * </ul>
 */
public final class Micro {
    private Micro() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: Micro spawn-many|ping-pong|timers ct|mt|vt [N] [ROUNDS] [WORKERS] [coroutine|continuation|poll]");
            System.exit(2);
        }
        String bench = args[0];
        String rt = args[1];
        int n = args.length > 2 ? Integer.parseInt(args[2]) : 1_000_000;
        int rounds = Math.max(1, args.length > 3 ? Integer.parseInt(args[3]) : 5);
        int workers = args.length > 4 ? Integer.parseInt(args[4]) : 2;
        boolean poll = args.length > 5 && args[5].equals("poll");
        continuations = args.length > 5 && args[5].equals("continuation");
        String kind = poll ? "-poll" : continuations ? "-continuation" : "-coroutine";
        String label = switch (rt) {
            case "vt" -> "jdk-vt";
            case "mt" -> "weft-mt" + workers + kind;
            case "ct" -> "weft-ct" + kind;
            default -> throw new IllegalArgumentException("RT must be ct, mt or vt: " + rt);
        };
        if (bench.equals("timers")) {
            double base = rssMb("VmRSS:");
            long nanos = rt.equals("vt") ? vtTimers(n) : onWeft(rt, workers, () -> timers(n, poll));
            System.out.printf("bench=timers rt=%s n=%d wall_ms=%.0f ns_op=%.1f base_rss_mb=%.1f peak_rss_mb=%.1f%n",
                    label, n, nanos / 1e6, (double) nanos / n, base, rssMb("VmHWM:"));
            return;
        }
        double[] ns = new double[rounds];
        for (int r = 0; r < rounds; r++) {
            long nanos = switch (bench) {
                case "spawn-many" -> rt.equals("vt") ? vtSpawnMany(n) : onWeft(rt, workers, () -> spawnMany(n, poll));
                case "ping-pong" -> rt.equals("vt") ? vtPingPong(n) : onWeft(rt, workers, () -> pingPong(n, poll));
                default -> throw new IllegalArgumentException("BENCH must be spawn-many, ping-pong or timers: " + bench);
            };
            ns[r] = (double) nanos / n;
        }
        double first = ns[0];
        Arrays.sort(ns);
        System.out.printf("bench=%s rt=%s n=%d rounds=%d first_ns_op=%.1f median_ns_op=%.1f best_ns_op=%.1f%n",
                bench, label, n, rounds, first, ns[ns.length / 2], ns[0]);
    }

    /** A workload that runs as a task on the runtime and returns the nanoseconds it measured. */
    interface Workload {
        JoinHandle<Long> spawn();
    }

    /** Coroutines as continuations (KIND continuation) rather than the JVM's default mode. */
    private static boolean continuations;

    private static long onWeft(String rt, int workers, Workload w) throws Exception {
        var b = Runtime.builder().enableAll().registerMXBean(false);
        if (continuations) {
            b.coroutineMode(dev.weft.runtime.CoroutineMode.CONTINUATION);
        }
        try (Runtime runtime = (rt.equals("ct") ? b.currentThread() : b.multiThread().workerThreads(workers)).build()) {
            return runtime.blockOn(runtime.handle().spawn(() -> w.spawn().await()));
        }
    }

    // ---- spawn-many ---------------------------------------------------------------------------

    private static JoinHandle<Long> spawnMany(int n, boolean poll) {
        return Weft.spawn(() -> {
            AtomicInteger counter = new AtomicInteger();
            Notify done = new Notify();
            var notified = done.notified();
            long t0 = System.nanoTime();
            for (int i = 0; i < n; i++) {
                if (poll) {
                    Weft.spawn(new Bump(counter, n, done));
                } else {
                    Weft.spawn(() -> {
                        if (counter.incrementAndGet() == n) {
                            done.notifyOne();
                        }
                        return null;
                    });
                }
            }
            notified.await();
            return System.nanoTime() - t0;
        });
    }

    /** A poll-based task that bumps the counter once; the last one notifies. */
    record Bump(AtomicInteger counter, int n, Notify done) implements Future<Void> {
        @Override
        public Poll<Void> poll(Context cx) {
            if (counter.incrementAndGet() == n) {
                done.notifyOne();
            }
            return Poll.ready(null);
        }
    }

    // ---- ping-pong ----------------------------------------------------------------------------

    private static JoinHandle<Long> pingPong(int n, boolean poll) {
        return Weft.spawn(() -> {
            Mpsc.Channel<Long> ab = Mpsc.bounded(1);
            Mpsc.Channel<Long> ba = Mpsc.bounded(1);
            JoinHandle<Void> ponger = poll ? Weft.spawn(new Ponger(ab.receiver(), ba.sender()))
                    : Weft.spawn(() -> {
                        Optional<Long> v;
                        while ((v = ab.receiver().recv().await()).isPresent()) {
                            ba.sender().send(v.get() + 1).await();
                        }
                        ba.sender().close();
                        return null;
                    });
            long t0 = System.nanoTime();
            long v;
            if (poll) {
                v = Weft.spawn(new Pinger(n, ab.sender(), ba.receiver())).await();
            } else {
                v = 0;
                for (int i = 0; i < n; i++) {
                    ab.sender().send(v).await();
                    v = ba.receiver().recv().await().orElseThrow();
                }
            }
            long nanos = System.nanoTime() - t0;
            if (v != n) {
                throw new AssertionError("ping-pong counted " + v + ", expected " + n);
            }
            ab.sender().close();
            ponger.await();
            return nanos;
        });
    }

    /** Poll-based: send, then receive, n times; returns the last value received. */
    static final class Pinger implements Future<Long> {
        private final int n;
        private final Mpsc.Sender<Long> tx;
        private final Mpsc.Receiver<Long> rx;
        private Future<Void> sending;
        private Future<Optional<Long>> receiving;
        private long v;
        private int done;

        Pinger(int n, Mpsc.Sender<Long> tx, Mpsc.Receiver<Long> rx) {
            this.n = n;
            this.tx = tx;
            this.rx = rx;
        }

        @Override
        public Poll<Long> poll(Context cx) {
            for (;;) {
                if (done == n) {
                    return Poll.ready(v);
                }
                if (receiving == null) {
                    if (sending == null) {
                        sending = tx.send(v);
                    }
                    if (sending.poll(cx).isPending()) {
                        return Poll.pending();
                    }
                    sending = null;
                    receiving = rx.recv();
                }
                Poll<Optional<Long>> p = receiving.poll(cx);
                if (p.isPending()) {
                    return Poll.pending();
                }
                receiving = null;
                v = ((Poll.Ready<Optional<Long>>) p).value().orElseThrow();
                done++;
            }
        }
    }

    /** Poll-based: receive, send it back plus one, until the channel closes. */
    static final class Ponger implements Future<Void> {
        private final Mpsc.Receiver<Long> rx;
        private final Mpsc.Sender<Long> tx;
        private Future<Optional<Long>> receiving;
        private Future<Void> sending;

        Ponger(Mpsc.Receiver<Long> rx, Mpsc.Sender<Long> tx) {
            this.rx = rx;
            this.tx = tx;
        }

        @Override
        public Poll<Void> poll(Context cx) {
            for (;;) {
                if (sending == null) {
                    if (receiving == null) {
                        receiving = rx.recv();
                    }
                    Poll<Optional<Long>> p = receiving.poll(cx);
                    if (p.isPending()) {
                        return Poll.pending();
                    }
                    receiving = null;
                    Optional<Long> v = ((Poll.Ready<Optional<Long>>) p).value();
                    if (v.isEmpty()) {
                        tx.close();
                        return Poll.ready(null);
                    }
                    sending = tx.send(v.get() + 1);
                }
                if (sending.poll(cx).isPending()) {
                    return Poll.pending();
                }
                sending = null;
            }
        }
    }

    // ---- timers -------------------------------------------------------------------------------

    private static JoinHandle<Long> timers(int n, boolean poll) {
        return Weft.spawn(() -> {
            AtomicInteger counter = new AtomicInteger();
            Notify done = new Notify();
            var notified = done.notified();
            long t0 = System.nanoTime();
            Delays delays = new Delays();
            for (int i = 0; i < n; i++) {
                Duration d = Duration.ofMillis(delays.nextMillis());
                if (poll) {
                    Weft.spawn(new SleepThenBump(Time.sleep(d), new Bump(counter, n, done)));
                } else {
                    Weft.spawn(() -> {
                        Time.sleep(d).await();
                        if (counter.incrementAndGet() == n) {
                            done.notifyOne();
                        }
                        return null;
                    });
                }
            }
            notified.await();
            return System.nanoTime() - t0;
        });
    }

    /** The peers' delays: xorshift64 from their seed, 1..1000 ms (the same sequence as micro-tokio's). */
    static final class Delays {
        private long x = 0x9E3779B97F4A7C15L;

        long nextMillis() {
            x ^= x << 13;
            x ^= x >>> 7;
            x ^= x << 17;
            return 1 + Long.remainderUnsigned(x, 1000);
        }
    }

    /** Poll-based: wait for the sleep, then bump. */
    record SleepThenBump(Sleep sleep, Bump bump) implements Future<Void> {
        @Override
        public Poll<Void> poll(Context cx) {
            return sleep.poll(cx).isPending() ? Poll.pending() : bump.poll(cx);
        }
    }

    // ---- the JDK's virtual threads ------------------------------------------------------------

    private static long vtSpawnMany(int n) throws Exception {
        return onVirtualThread(() -> {
            AtomicInteger counter = new AtomicInteger();
            CountDownLatch done = new CountDownLatch(1);
            long t0 = System.nanoTime();
            try (ExecutorService ex = Executors.newVirtualThreadPerTaskExecutor()) {
                for (int i = 0; i < n; i++) {
                    ex.execute(() -> {
                        if (counter.incrementAndGet() == n) {
                            done.countDown();
                        }
                    });
                }
                done.await();
                return System.nanoTime() - t0;
            }
        });
    }

    private static long vtPingPong(int n) throws Exception {
        return onVirtualThread(() -> {
            SynchronousQueue<Long> ab = new SynchronousQueue<>();
            SynchronousQueue<Long> ba = new SynchronousQueue<>();
            Thread ponger = Thread.ofVirtual().start(() -> {
                try {
                    for (int i = 0; i < n; i++) {
                        ba.put(ab.take() + 1);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            long t0 = System.nanoTime();
            long v = 0;
            for (int i = 0; i < n; i++) {
                ab.put(v);
                v = ba.take();
            }
            long nanos = System.nanoTime() - t0;
            ponger.join();
            if (v != n) {
                throw new AssertionError("ping-pong counted " + v);
            }
            return nanos;
        });
    }

    private static long vtTimers(int n) throws Exception {
        return onVirtualThread(() -> {
            AtomicInteger counter = new AtomicInteger();
            CountDownLatch done = new CountDownLatch(1);
            long t0 = System.nanoTime();
            Delays delays = new Delays();
            for (int i = 0; i < n; i++) {
                long ms = delays.nextMillis();
                Thread.ofVirtual().start(() -> {
                    try {
                        Thread.sleep(ms);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    if (counter.incrementAndGet() == n) {
                        done.countDown();
                    }
                });
            }
            done.await();
            return System.nanoTime() - t0;
        });
    }

    /** Runs {@code body} on a virtual thread (the peer's "from inside a task") and returns its result. */
    private static long onVirtualThread(java.util.concurrent.Callable<Long> body) throws Exception {
        long[] out = new long[1];
        Exception[] failure = new Exception[1];
        Thread t = Thread.ofVirtual().start(() -> {
            try {
                out[0] = body.call();
            } catch (Exception e) {
                failure[0] = e;
            }
        });
        t.join();
        if (failure[0] != null) {
            throw failure[0];
        }
        return out[0];
    }

    private static double rssMb(String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith(field)) {
                    return Long.parseLong(line.substring(field.length()).replace("kB", "").trim()) / 1024.0;
                }
            }
        } catch (java.io.IOException | NumberFormatException e) {
            return 0;
        }
        return 0;
    }
}
