package dev.weft.bench;

import dev.weft.future.Context;
import dev.weft.future.Future;
import dev.weft.future.Poll;
import dev.weft.future.Stream;
import dev.weft.future.Waker;
import dev.weft.runtime.JoinHandle;
import dev.weft.runtime.Runtime;
import dev.weft.sync.Mpsc;
import dev.weft.sync.Mutex;
import dev.weft.sync.Semaphore;
import dev.weft.sync.TrySend;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedTransferQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The sync primitives: uncontended lock and permit costs, mpsc throughput, and a contended
 * mutex, each in nanoseconds per operation beside a {@code java.util.concurrent} peer, with
 * {@code -prof gc} showing the bytes allocated per operation.
 *
 * <p><b>(a) Uncontended</b>, on the JMH thread, no runtime:
 * <ul>
 * <li>{@link #mutexTryLock} — {@code tryLock()} + {@code close()} of a Weft {@link Mutex};
 *     {@link #mutexLockPolled} — {@code lock()} polled once (ready at once) + close, which is
 *     what {@code lock().await()} does when the lock is free;</li>
 * <li>{@link #semaphoreTryAcquire} and {@link #semaphoreAcquirePolled} — the same two paths
 *     of a Weft {@link Semaphore};</li>
 * <li>peers {@link #reentrantLock} ({@code lock()} + {@code unlock()}) and
 *     {@link #jucSemaphore} ({@code acquire()} + {@code release()} of
 *     {@code java.util.concurrent.Semaphore}).</li>
 * </ul>
 * The mutex guards a {@code long[1]} counter, as the {@code ReentrantLock} peer guards a
 * {@code long} (a boxed {@code Integer} would add its own allocation per increment). Target: the
 * Weft paths at most 30 ns and 0 B/op.
 *
 * <p><b>(b) Mpsc throughput</b>, in ns per message ({@value #MESSAGES} messages per invocation),
 * for 1 and 4 producers ({@code producers}) and a bounded (1024) or unbounded channel
 * ({@code kind}):
 * <ul>
 * <li>{@link #mpscWeft} — producers and the consumer are poll-based tasks on a 2-worker
 *     multi-thread runtime. A producer {@code trySend}s and, when the channel is full, polls a
 *     {@code send()} future (which parks it in the senders' queue); the consumer drains with
 *     {@code pollNext}. The JMH thread blocks on the consumer's {@link JoinHandle}.</li>
 * <li>{@link #mpscVirtualThreads} — the peer: the same producers and consumer as virtual
 *     threads on the JDK's default scheduler (one carrier per core) over an
 *     {@code ArrayBlockingQueue(1024)} ({@code put}/{@code take}) for {@code bounded} and a
 *     {@code LinkedTransferQueue} for {@code unbounded}.</li>
 * </ul>
 * Target: Weft at least 2× the virtual-thread throughput (half the ns per message).
 *
 * <p><b>(c) Contended mutex</b>, in ns per lock/unlock ({@value #CONTENDERS} contenders ×
 * {@value #LOCKS_EACH} locks each per invocation), each lock guarding a counter increment:
 * {@link #contendedMutexWeft} with {@value #CONTENDERS} poll-based tasks on the 2-worker
 * runtime, against {@link #contendedReentrantLockVirtualThreads} with {@value #CONTENDERS}
 * virtual threads. Target: Weft's throughput at least ReentrantLock's. Both let the running
 * task (thread) barge back into a free lock; Weft's mutex bounds it (a waiter that lost two
 * races gets the lock handed over), {@code ReentrantLock} does not.
 * {@link #contendedFairReentrantLockVirtualThreads} is a strictly FIFO peer, as Weft's mutex
 * was before (an unlock handed the lock to the longest waiter, which had to be woken and
 * scheduled first).
 *
 * <p>Run with {@code ./weft bench SyncBench -prof gc}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
@Fork(value = 1, jvmArgsAppend = CoroutineBench.OPENS)
public class SyncBench {
    /** Messages per mpsc invocation (divisible by every producer count). */
    static final int MESSAGES = 1 << 16;
    /** Contending tasks or threads in (c). */
    static final int CONTENDERS = 1_000;
    /** Locks each contender takes per invocation in (c). */
    static final int LOCKS_EACH = 100;
    /** The one message every producer sends: no allocation per message. */
    static final Integer MSG = 7;
    /** A context whose waker does nothing: the uncontended polls are ready at once. */
    private static final Context NOOP_CX = Context.of(Waker.noop());

    private final Mutex<long[]> mutex = new Mutex<>(new long[1]);
    private final Semaphore semaphore = new Semaphore(1);
    private final ReentrantLock reentrantLock = new ReentrantLock();
    private final java.util.concurrent.Semaphore jucSemaphore = new java.util.concurrent.Semaphore(1);
    private long plainCounter;

    // ---------------------------------------------------------------- (a) uncontended

    /**
     * Weft mutex: {@code tryLock()} + close.
     *
     * @return the counter, so the lock body is not dead code
     */
    @Benchmark
    public long mutexTryLock() {
        try (Mutex.Guard<long[]> g = mutex.tryLock().orElseThrow()) {
            return ++g.get()[0];
        }
    }

    /**
     * Weft mutex: {@code lock()} polled once (the lock is free) + close.
     *
     * @return the counter
     */
    @Benchmark
    public long mutexLockPolled() {
        try (Mutex.Guard<long[]> g = mutex.lock().poll(NOOP_CX).get()) {
            return ++g.get()[0];
        }
    }

    /**
     * Weft semaphore: {@code tryAcquire()} + close.
     *
     * @return the permit count
     */
    @Benchmark
    public int semaphoreTryAcquire() {
        try (Semaphore.Permit p = semaphore.tryAcquire().orElseThrow()) {
            return p.count();
        }
    }

    /**
     * Weft semaphore: {@code acquire()} polled once (a permit is free) + close.
     *
     * @return the permit count
     */
    @Benchmark
    public int semaphoreAcquirePolled() {
        try (Semaphore.Permit p = semaphore.acquire().poll(NOOP_CX).get()) {
            return p.count();
        }
    }

    /**
     * Peer: {@code ReentrantLock} lock + unlock around the same increment.
     *
     * @return the counter
     */
    @Benchmark
    public long reentrantLock() {
        reentrantLock.lock();
        try {
            return ++plainCounter;
        } finally {
            reentrantLock.unlock();
        }
    }

    /**
     * Peer: {@code java.util.concurrent.Semaphore} acquire + release.
     *
     * @return the available permits while held
     * @throws InterruptedException never (the permit is free)
     */
    @Benchmark
    public int jucSemaphore() throws InterruptedException {
        jucSemaphore.acquire();
        try {
            return jucSemaphore.availablePermits();
        } finally {
            jucSemaphore.release();
        }
    }

    // ---------------------------------------------------------------- (b) mpsc throughput

    /** The 2-worker runtime and the shape of the mpsc runs. */
    @State(Scope.Benchmark)
    public static class Channels {
        /** Producer count. */
        @Param({"1", "4"})
        public int producers;
        /** {@code bounded} (capacity 1024) or {@code unbounded}. */
        @Param({"bounded", "unbounded"})
        public String kind;

        Runtime rt;

        /** Builds a multi-thread runtime with 2 workers. */
        @Setup(Level.Trial)
        public void setUp() {
            rt = twoWorkers();
        }

        /** Closes it. */
        @TearDown(Level.Trial)
        public void tearDown() {
            rt.close();
        }

        boolean bounded() {
            return kind.equals("bounded");
        }
    }

    /**
     * Weft: poll-based producers and consumer on 2 workers.
     *
     * @param c the run's shape
     * @return the messages received
     * @throws Exception if a task failed
     */
    @Benchmark
    @OperationsPerInvocation(MESSAGES)
    public long mpscWeft(Channels c) throws Exception {
        Mpsc.Channel<Integer> ch = c.bounded() ? Mpsc.bounded(1024) : Mpsc.unbounded();
        int each = MESSAGES / c.producers;
        for (int p = 1; p < c.producers; p++) {
            c.rt.spawn(new Producer(ch.sender().copy(), each));
        }
        c.rt.spawn(new Producer(ch.sender(), each));
        JoinHandle<Long> consumer = c.rt.spawn(new Consumer(ch.receiver()));
        long got = blockOnHandle(consumer);
        if (got != MESSAGES) {
            throw new AssertionError("received " + got + " of " + MESSAGES);
        }
        return got;
    }

    /**
     * Peer: virtual-thread producers and consumer over a blocking queue.
     *
     * @param c the run's shape
     * @return the messages received
     * @throws InterruptedException if the JMH thread is interrupted
     */
    @Benchmark
    @OperationsPerInvocation(MESSAGES)
    public long mpscVirtualThreads(Channels c) throws InterruptedException {
        BlockingQueue<Integer> q = c.bounded() ? new ArrayBlockingQueue<>(1024) : new LinkedTransferQueue<>();
        int each = MESSAGES / c.producers;
        Thread[] producers = new Thread[c.producers];
        for (int p = 0; p < producers.length; p++) {
            producers[p] = Thread.ofVirtual().start(() -> {
                try {
                    for (int i = 0; i < each; i++) {
                        q.put(MSG);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
        }
        long[] got = new long[1];
        Thread consumer = Thread.ofVirtual().start(() -> {
            try {
                for (int i = 0; i < MESSAGES; i++) {
                    got[0] += q.take() == MSG ? 1 : 0;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        consumer.join();
        for (Thread t : producers) {
            t.join();
        }
        return got[0];
    }

    /** Sends {@code n} messages, then closes its sender handle. */
    private static final class Producer implements Future<Void> {
        private final Mpsc.Sender<Integer> tx;
        private int left;
        /** The send waiting for a slot of a full bounded channel, or null. */
        private Mpsc.Sender<Integer>.SendFuture waiting;

        Producer(Mpsc.Sender<Integer> tx, int n) {
            this.tx = tx;
            this.left = n;
        }

        @Override
        public Poll<Void> poll(Context cx) {
            if (waiting != null) {
                Poll<Void> p = waiting.poll(cx);
                if (p.isPending()) {
                    return p;
                }
                waiting = null;
                left--;
            }
            while (left > 0) {
                TrySend r = tx.trySend(MSG);
                if (r == TrySend.SENT) {
                    left--;
                } else if (r == TrySend.FULL) {
                    Mpsc.Sender<Integer>.SendFuture f = tx.send(MSG);
                    Poll<Void> p = f.poll(cx);
                    if (p.isPending()) {
                        waiting = f; // woken when a slot is ours
                        return p;
                    }
                    left--;
                } else {
                    throw new IllegalStateException("the receiver closed");
                }
            }
            tx.close();
            return Poll.ready(null);
        }
    }

    /** Receives until every sender closed; yields the count. */
    private static final class Consumer implements Future<Long> {
        private final Mpsc.Receiver<Integer> rx;
        private long count;

        Consumer(Mpsc.Receiver<Integer> rx) {
            this.rx = rx;
        }

        @Override
        public Poll<Long> poll(Context cx) {
            while (true) {
                Poll<Integer> p = rx.pollNext(cx);
                if (p.isPending()) {
                    return Poll.pending();
                }
                if (Stream.isEnd(p)) {
                    return Poll.ready(count);
                }
                count++;
            }
        }
    }

    // ---------------------------------------------------------------- (c) contended mutex

    /** The 2-worker runtime of the contended runs. */
    @State(Scope.Benchmark)
    public static class Contended {
        Runtime rt;
        final ReentrantLock lock = new ReentrantLock();
        final ReentrantLock fairLock = new ReentrantLock(true);
        long counter;

        /** Builds a multi-thread runtime with 2 workers. */
        @Setup(Level.Trial)
        public void setUp() {
            rt = twoWorkers();
        }

        /** Closes it. */
        @TearDown(Level.Trial)
        public void tearDown() {
            rt.close();
        }
    }

    /**
     * Weft: {@value #CONTENDERS} poll-based tasks on 2 workers, each locking {@value #LOCKS_EACH}
     * times.
     *
     * @param c the runtime
     * @return the counter
     * @throws Exception if a task failed
     */
    @Benchmark
    @OperationsPerInvocation(CONTENDERS * LOCKS_EACH)
    public long contendedMutexWeft(Contended c) throws Exception {
        Mutex<long[]> m = new Mutex<>(new long[1]);
        JoinHandle<?>[] hs = new JoinHandle<?>[CONTENDERS];
        for (int i = 0; i < CONTENDERS; i++) {
            hs[i] = c.rt.spawn(new Locker(m, LOCKS_EACH));
        }
        for (JoinHandle<?> h : hs) {
            blockOnHandle(h);
        }
        try (Mutex.Guard<long[]> g = m.tryLock().orElseThrow()) {
            return g.get()[0];
        }
    }

    /**
     * Peer: {@value #CONTENDERS} virtual threads, each locking a {@code ReentrantLock}
     * {@value #LOCKS_EACH} times.
     *
     * @param c the lock
     * @return the counter
     * @throws InterruptedException if the JMH thread is interrupted
     */
    @Benchmark
    @OperationsPerInvocation(CONTENDERS * LOCKS_EACH)
    public long contendedReentrantLockVirtualThreads(Contended c) throws InterruptedException {
        return contendVirtualThreads(c, c.lock);
    }

    /**
     * Second peer, like for like with Weft's FIFO mutex: the same with a fair
     * {@code ReentrantLock(true)}, which hands the lock to the longest waiter.
     *
     * @param c the lock
     * @return the counter
     * @throws InterruptedException if the JMH thread is interrupted
     */
    @Benchmark
    @OperationsPerInvocation(CONTENDERS * LOCKS_EACH)
    public long contendedFairReentrantLockVirtualThreads(Contended c) throws InterruptedException {
        return contendVirtualThreads(c, c.fairLock);
    }

    private static long contendVirtualThreads(Contended c, ReentrantLock lock) throws InterruptedException {
        Thread[] ts = new Thread[CONTENDERS];
        for (int i = 0; i < CONTENDERS; i++) {
            ts[i] = Thread.ofVirtual().start(() -> {
                for (int k = 0; k < LOCKS_EACH; k++) {
                    lock.lock();
                    try {
                        c.counter++;
                    } finally {
                        lock.unlock();
                    }
                }
            });
        }
        for (Thread t : ts) {
            t.join();
        }
        return c.counter;
    }

    /** Locks {@code n} times, incrementing the counter under the lock each time. */
    private static final class Locker implements Future<Void> {
        private final Mutex<long[]> m;
        private int left;
        private Mutex.Lock<long[]> waiting;

        Locker(Mutex<long[]> m, int n) {
            this.m = m;
            this.left = n;
        }

        @Override
        public Poll<Void> poll(Context cx) {
            while (left > 0) {
                Mutex.Lock<long[]> l = waiting != null ? waiting : m.lock();
                Poll<Mutex.Guard<long[]>> p = l.poll(cx);
                if (p.isPending()) {
                    waiting = l; // woken when the lock is handed to us
                    return Poll.pending();
                }
                waiting = null;
                try (Mutex.Guard<long[]> g = p.get()) {
                    g.get()[0]++;
                }
                left--;
            }
            return Poll.ready(null);
        }
    }

    // ---------------------------------------------------------------- helpers

    static Runtime twoWorkers() {
        return Runtime.builder().multiThread().workerThreads(2).build();
    }

    /** Parks the JMH thread until the task is done (the JMH thread is not a worker). */
    static <T> T blockOnHandle(JoinHandle<T> h) throws Exception {
        return h.await();
    }
}
