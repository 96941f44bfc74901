package dev.weft.bench;

import dev.weft.Async;
import dev.weft.compat.Flows;
import dev.weft.future.Context;
import dev.weft.future.Future;
import dev.weft.future.Futures;
import dev.weft.future.Poll;
import dev.weft.future.Stream;
import dev.weft.runtime.CoroutineMode;
import dev.weft.runtime.Handle;
import dev.weft.runtime.JoinHandle;
import dev.weft.runtime.Runtime;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.SubmissionPublisher;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
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
 * JDK interop: what it costs to meet {@code CompletableFuture} and {@code java.util.concurrent.Flow}
 * through Weft's adapters, beside the JDK doing the same work without Weft, in ns per operation
 * (or per item) with {@code -prof gc} showing the bytes allocated per operation (item).
 *
 * <p><b>(1a) {@code Futures.from(CompletableFuture)} awaited in a coroutine</b>, against
 * {@code cf.join()} in a plain virtual thread (JDK default scheduler, one carrier per core),
 * {@value #OPS} awaits per invocation:
 * <ul>
 * <li>a completed stage: {@link #fromCompletedCoroutineCt} / {@link #fromCompletedCoroutineMt}
 *     await {@code Futures.from(done).await()} in one coroutine on the current-thread runtime
 *     (driven by the JMH thread in {@code blockOn}) or the 2-worker runtime; the peer
 *     {@link #joinCompletedVirtualThread} calls {@code done.join()} in one virtual thread;</li>
 * <li>a stage completed by the other party each op: two parties hand a fresh
 *     {@code CompletableFuture} back and forth. Each awaits its {@code in}, whose value is a
 *     {@code CompletableFuture} made by the other party; it makes its own, completes the other's
 *     with it (which wakes the other party) and awaits its own next. One op is one await of a
 *     stage that another coroutine (thread) completes, so a round trip is two ops. Weft: two
 *     coroutines awaiting {@code Futures.from(in).await()} on the current-thread runtime
 *     ({@link #fromHandOffCoroutinesCt}) or on 2 workers ({@link #fromHandOffCoroutinesMt});
 *     peer: two virtual threads calling {@code in.join()} ({@link #joinHandOffVirtualThreads}).</li>
 * </ul>
 *
 * <p><b>(1b) A trivial task's result as a {@code CompletableFuture}</b>, joined by the JMH thread
 * (a plain platform thread), one at a time: {@link #joinHandleToCompletableFuture}
 * ({@code rt.spawn(cx -> ONE).toCompletableFuture().join()} on the 2-worker runtime), against
 * {@link #supplyAsyncVirtualThreadExecutor} ({@code supplyAsync(() -> 1, newVirtualThreadPerTaskExecutor()).join()})
 * and {@link #supplyAsyncWeftExecutor} (the same supplier on {@code handle.executor()}). Two Weft
 * references: {@link #futureToCompletableFutureWeftExecutor} ({@code Future.toCompletableFuture(handle.executor())}
 * of the same trivial future) and {@link #spawnAwaitHandle} (spawn + {@code JoinHandle.await()},
 * no {@code CompletableFuture}). Each op hops to a worker and back: it measures two thread
 * wake-ups more than the adapters.
 *
 * <p><b>(2) Flow adapters</b>, streaming {@value #ITEMS} {@code Integer}s (boxed once, in the
 * setup) per invocation, so the figures are per item:
 * <ul>
 * <li>(a) {@link #fromPublisherCoroutineMt}: the JMH thread {@code submit}s the items to a
 *     {@code SubmissionPublisher} (buffer 256, executor a dedicated one-thread
 *     {@code ForkJoinPool}, which is the JDK's default kind) and closes it; a coroutine on the
 *     2-worker runtime consumes {@code Flows.fromPublisher(publisher)} (its default buffer of
 *     256, topped up by 192) with a {@code stream.next().await()} loop.
 *     {@link #fromPublisherCoroutineMtWeftExecutor} is the same with the runtime's
 *     {@code handle.executor()} as the publisher's executor, so the publisher's delivery runs on
 *     the Weft workers too. {@link #fromPublisherPollMt} is a reference: the same stream
 *     consumed by a poll-based task ({@code pollNext} in a loop), without a coroutine;
 *     {@link #fromPublisherCoroutineMtBuffer4096} is the coroutine with the stream's buffer
 *     raised from 256 to 4096 (the publisher's stays 256).</li>
 * <li>(b) {@link #toPublisherMt} / {@link #toPublisherCt}: {@code Flows.toPublisher(Stream.fromIterable(list), handle)}
 *     on the 2-worker runtime, or the current-thread one (the JMH thread drives it in
 *     {@code blockOn} until the subscriber saw {@code onComplete}), consumed by a plain
 *     {@link BatchSubscriber} that requests 256 at a time.</li>
 * <li>The peer of both, {@link #submissionPublisherSubscriber}: the same
 *     {@code SubmissionPublisher}, fed by the same loop, consumed by the same
 *     {@link BatchSubscriber}; no Weft code at all.</li>
 * </ul>
 *
 * <p>Run with {@code ./weft bench InteropBench -prof gc}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
@Fork(value = 1, jvmArgsAppend = CoroutineBench.OPENS)
public class InteropBench {
    /** Awaits per invocation in (1a). */
    static final int OPS = 10_000;
    /** Items streamed per invocation in (2). */
    static final int ITEMS = 10_000;
    /** The subscriber's request size, and the publishers' buffer. */
    static final int BATCH = Flow.defaultBufferSize(); // 256

    private static final Integer ONE = 1;
    private static final Poll<Integer> READY_ONE = Poll.ready(ONE);
    /** The trivial task: ready at its first poll, allocating nothing. */
    private static final Future<Integer> TRIVIAL = cx -> READY_ONE;
    private static final Supplier<Integer> TRIVIAL_SUPPLIER = () -> ONE;
    private static final CompletableFuture<Integer> DONE = CompletableFuture.completedFuture(ONE);

    /** The items of (2), boxed once. */
    private static final Integer[] ITEM_ARRAY = new Integer[ITEMS];
    private static final List<Integer> ITEM_LIST;
    private static final long ITEM_SUM;

    static {
        long sum = 0;
        for (int i = 0; i < ITEMS; i++) {
            ITEM_ARRAY[i] = i; // the Integer cache holds -128..127: the rest are made here, once
            sum += i;
        }
        ITEM_LIST = Arrays.asList(ITEM_ARRAY);
        ITEM_SUM = sum;
    }

    // ---------------------------------------------------------------- states

    /** A Weft runtime, with a check that coroutines run on Weft's scheduler. */
    abstract static class WeftState {
        Runtime rt;
        Handle handle;
        Executor executor;

        abstract Runtime build();

        /** Builds the runtime. */
        @Setup(Level.Trial)
        public void setUp() {
            rt = build();
            handle = rt.handle();
            executor = handle.executor();
            CoroutineMode mode = handle.coroutineMode();
            if (mode != CoroutineMode.WEFT_SCHEDULER) {
                throw new IllegalStateException("coroutines run in mode " + mode + ", not on Weft's scheduler: "
                        + "run the JVM with " + CoroutineBench.OPENS);
            }
        }

        /** Closes it. */
        @TearDown(Level.Trial)
        public void tearDown() {
            rt.close();
        }
    }

    /** The current-thread runtime: the JMH thread drives it in {@code blockOn}. */
    @State(Scope.Thread)
    public static class CurrentThread extends WeftState {
        @Override
        Runtime build() {
            return Runtime.builder().currentThread().build();
        }
    }

    /** The multi-thread runtime with 2 workers (the machine's cores). */
    @State(Scope.Thread)
    public static class MultiThread extends WeftState {
        @Override
        Runtime build() {
            return Runtime.builder().multiThread().workerThreads(2).build();
        }
    }

    /** The JDK side: a virtual-thread-per-task executor and the publishers' one-thread pool. */
    @State(Scope.Thread)
    public static class Jdk {
        ExecutorService virtualThreads;
        ForkJoinPool publisherPool;

        /** Creates both. */
        @Setup(Level.Trial)
        public void setUp() {
            virtualThreads = Executors.newVirtualThreadPerTaskExecutor();
            publisherPool = new ForkJoinPool(1, ForkJoinPool.defaultForkJoinWorkerThreadFactory, null, true);
        }

        /** Closes both. */
        @TearDown(Level.Trial)
        public void tearDown() {
            virtualThreads.close();
            publisherPool.close();
        }
    }

    // ---------------------------------------------------------------- (1a) completed stage

    /**
     * One coroutine on the current-thread runtime awaits {@code Futures.from(done)} {@value #OPS} times.
     *
     * @param ct the runtime
     * @return the sum of the values
     * @throws Exception if the coroutine failed
     */
    @Benchmark
    @OperationsPerInvocation(OPS)
    public long fromCompletedCoroutineCt(CurrentThread ct) throws Exception {
        return ct.rt.blockOn(Async.async(InteropBench::awaitCompletedWeft));
    }

    /**
     * The same coroutine spawned on the 2-worker runtime; the JMH thread awaits its handle.
     *
     * @param mt the runtime
     * @return the sum of the values
     * @throws Exception if the coroutine failed
     */
    @Benchmark
    @OperationsPerInvocation(OPS)
    public long fromCompletedCoroutineMt(MultiThread mt) throws Exception {
        return mt.rt.spawn(InteropBench::awaitCompletedWeft).await();
    }

    /**
     * Peer: one virtual thread calls {@code done.join()} {@value #OPS} times.
     *
     * @return the sum of the values
     * @throws InterruptedException if the JMH thread is interrupted
     */
    @Benchmark
    @OperationsPerInvocation(OPS)
    public long joinCompletedVirtualThread() throws InterruptedException {
        long[] sum = new long[1];
        Thread.ofVirtual().start(() -> {
            long s = 0;
            for (int i = 0; i < OPS; i++) {
                s += DONE.join();
            }
            sum[0] = s;
        }).join();
        return check(sum[0], OPS);
    }

    private static long awaitCompletedWeft() throws Exception {
        long s = 0;
        for (int i = 0; i < OPS; i++) {
            s += Futures.from(DONE).await();
        }
        return check(s, OPS);
    }

    // ---------------------------------------------------------------- (1a) completed by the other party

    /**
     * Two coroutines on the current-thread runtime hand {@code CompletableFuture}s back and forth,
     * awaiting each with {@code Futures.from(cf).await()}.
     *
     * @param ct the runtime
     * @return the hand-offs
     * @throws Exception if a coroutine failed
     */
    @Benchmark
    @OperationsPerInvocation(OPS)
    public long fromHandOffCoroutinesCt(CurrentThread ct) throws Exception {
        Runtime runtime = ct.rt;
        CompletableFuture<Object> start = new CompletableFuture<>();
        return runtime.blockOn(Async.async(() -> {
            JoinHandle<Long> b = runtime.spawn(() -> handOffWeft(start));
            long a = handOffWeft(CompletableFuture.completedFuture(start));
            return a + b.await();
        }));
    }

    /**
     * The same two coroutines spawned on the 2-worker runtime; the JMH thread awaits both.
     *
     * @param mt the runtime
     * @return the hand-offs
     * @throws Exception if a coroutine failed
     */
    @Benchmark
    @OperationsPerInvocation(OPS)
    public long fromHandOffCoroutinesMt(MultiThread mt) throws Exception {
        CompletableFuture<Object> start = new CompletableFuture<>();
        JoinHandle<Long> b = mt.rt.spawn(() -> handOffWeft(start));
        JoinHandle<Long> a = mt.rt.spawn(() -> handOffWeft(CompletableFuture.completedFuture(start)));
        return a.await() + b.await();
    }

    /**
     * Peer: the same two parties as virtual threads, each awaiting with {@code in.join()}.
     *
     * @return the hand-offs
     * @throws InterruptedException if the JMH thread is interrupted
     */
    @Benchmark
    @OperationsPerInvocation(OPS)
    public long joinHandOffVirtualThreads() throws InterruptedException {
        CompletableFuture<Object> start = new CompletableFuture<>();
        long[] counts = new long[2];
        Thread b = Thread.ofVirtual().start(() -> counts[1] = handOffJoin(start));
        Thread a = Thread.ofVirtual().start(() -> counts[0] = handOffJoin(CompletableFuture.completedFuture(start)));
        a.join();
        b.join();
        return counts[0] + counts[1];
    }

    /**
     * One party of the hand-off, {@code OPS / 2} rounds: await {@code in} (its value is the
     * other party's next future), make this party's next future, complete the other's with it.
     */
    @SuppressWarnings("unchecked")
    private static long handOffWeft(CompletableFuture<Object> first) throws Exception {
        CompletableFuture<Object> in = first;
        for (int i = 0; i < OPS / 2; i++) {
            CompletableFuture<Object> theirs = (CompletableFuture<Object>) Futures.from(in).await();
            CompletableFuture<Object> mine = new CompletableFuture<>();
            theirs.complete(mine); // wakes the other party
            in = mine;
        }
        return OPS / 2;
    }

    /** {@link #handOffWeft} with {@code join()} on a plain (virtual) thread. */
    @SuppressWarnings("unchecked")
    private static long handOffJoin(CompletableFuture<Object> first) {
        CompletableFuture<Object> in = first;
        for (int i = 0; i < OPS / 2; i++) {
            CompletableFuture<Object> theirs = (CompletableFuture<Object>) in.join();
            CompletableFuture<Object> mine = new CompletableFuture<>();
            theirs.complete(mine); // unparks the other party
            in = mine;
        }
        return OPS / 2;
    }

    // ---------------------------------------------------------------- (1b) a task as a CompletableFuture

    /**
     * Weft: spawn the trivial task on 2 workers, {@code toCompletableFuture()}, {@code join()}.
     *
     * @param mt the runtime
     * @return the value
     */
    @Benchmark
    public Integer joinHandleToCompletableFuture(MultiThread mt) {
        return mt.rt.spawn(TRIVIAL).toCompletableFuture().join();
    }

    /**
     * Weft reference: {@code Future.toCompletableFuture(handle.executor())} of the same future.
     *
     * @param mt the runtime
     * @return the value
     */
    @Benchmark
    public Integer futureToCompletableFutureWeftExecutor(MultiThread mt) {
        return TRIVIAL.toCompletableFuture(mt.executor).join();
    }

    /**
     * Weft reference without a {@code CompletableFuture}: spawn, then {@code JoinHandle.await()}
     * (parks the JMH thread).
     *
     * @param mt the runtime
     * @return the value
     * @throws Exception if the task failed
     */
    @Benchmark
    public Integer spawnAwaitHandle(MultiThread mt) throws Exception {
        return mt.rt.spawn(TRIVIAL).await();
    }

    /**
     * Peer: {@code supplyAsync(trivial, virtualThreadExecutor).join()}.
     *
     * @param jdk the executor
     * @return the value
     */
    @Benchmark
    public Integer supplyAsyncVirtualThreadExecutor(Jdk jdk) {
        return CompletableFuture.supplyAsync(TRIVIAL_SUPPLIER, jdk.virtualThreads).join();
    }

    /**
     * Peer on Weft's executor: {@code supplyAsync(trivial, handle.executor()).join()}.
     *
     * @param mt the runtime
     * @return the value
     */
    @Benchmark
    public Integer supplyAsyncWeftExecutor(MultiThread mt) {
        return CompletableFuture.supplyAsync(TRIVIAL_SUPPLIER, mt.executor).join();
    }

    // ---------------------------------------------------------------- (2a) Flows.fromPublisher

    /**
     * A {@code SubmissionPublisher} on a one-thread pool, consumed by a coroutine on 2 workers
     * through {@code Flows.fromPublisher}.
     *
     * @param mt the runtime
     * @param jdk the publisher's pool
     * @return the sum of the items
     * @throws Exception if the coroutine failed
     */
    @Benchmark
    @OperationsPerInvocation(ITEMS)
    public long fromPublisherCoroutineMt(MultiThread mt, Jdk jdk) throws Exception {
        return fromPublisher(mt, jdk.publisherPool, true, BATCH);
    }

    /**
     * The same with the runtime's {@code handle.executor()} as the publisher's executor.
     *
     * @param mt the runtime
     * @return the sum of the items
     * @throws Exception if the coroutine failed
     */
    @Benchmark
    @OperationsPerInvocation(ITEMS)
    public long fromPublisherCoroutineMtWeftExecutor(MultiThread mt) throws Exception {
        return fromPublisher(mt, mt.executor, true, BATCH);
    }

    /**
     * Reference: the same stream consumed by a poll-based task ({@code pollNext} in a loop, no
     * coroutine), which splits the adapter's cost from the coroutine's suspend/resume.
     *
     * @param mt the runtime
     * @param jdk the publisher's pool
     * @return the sum of the items
     * @throws Exception if the task failed
     */
    @Benchmark
    @OperationsPerInvocation(ITEMS)
    public long fromPublisherPollMt(MultiThread mt, Jdk jdk) throws Exception {
        return fromPublisher(mt, jdk.publisherPool, false, BATCH);
    }

    /**
     * {@link #fromPublisherCoroutineMt} with {@code Flows.fromPublisher(publisher, 4096)}: the
     * stream requests 4096 ahead (and tops up by 3072) instead of 256 (192).
     *
     * @param mt the runtime
     * @param jdk the publisher's pool
     * @return the sum of the items
     * @throws Exception if the coroutine failed
     */
    @Benchmark
    @OperationsPerInvocation(ITEMS)
    public long fromPublisherCoroutineMtBuffer4096(MultiThread mt, Jdk jdk) throws Exception {
        return fromPublisher(mt, jdk.publisherPool, true, 4096);
    }

    /**
     * Submits {@value #ITEMS} items to a new {@code SubmissionPublisher} on {@code publisherExecutor}
     * and sums them in a task on {@code mt}: a coroutine or a poll-based {@link SumStream}, reading
     * {@code Flows.fromPublisher(publisher, streamBuffer)}.
     */
    private static long fromPublisher(MultiThread mt, Executor publisherExecutor, boolean coroutine,
            int streamBuffer) throws Exception {
        try (SubmissionPublisher<Integer> pub = new SubmissionPublisher<>(publisherExecutor, BATCH)) {
            JoinHandle<Long> consumer = coroutine
                    ? mt.rt.spawn(() -> {
                        Stream<Integer> s = Flows.fromPublisher(pub, streamBuffer);
                        long sum = 0;
                        Optional<Integer> item;
                        while ((item = s.next().await()).isPresent()) {
                            sum += item.get();
                        }
                        return sum;
                    })
                    : mt.rt.spawn(new SumStream(Flows.fromPublisher(pub, streamBuffer)));
            while (pub.getNumberOfSubscribers() == 0) { // the stream subscribes at its first poll
                Thread.onSpinWait();
            }
            for (Integer item : ITEM_ARRAY) {
                pub.submit(item); // blocks while the subscriber's buffer (256) is full
            }
            pub.close();
            return check(consumer.await(), ITEM_SUM);
        }
    }

    /** Sums a stream with {@code pollNext} in a loop: the poll-based consumer of (2a). */
    private static final class SumStream implements Future<Long> {
        private final Stream<Integer> stream;
        private long sum;

        SumStream(Stream<Integer> stream) {
            this.stream = stream;
        }

        @Override
        public Poll<Long> poll(Context cx) {
            for (;;) {
                Poll<Integer> p = stream.pollNext(cx);
                if (p.isPending()) {
                    return Poll.pending(); // an item (or the budget) wakes the task
                }
                if (Stream.isEnd(p)) {
                    return Poll.ready(sum);
                }
                sum += p.get();
            }
        }

        @Override
        public void cancel() {
            stream.cancel();
        }
    }

    // ---------------------------------------------------------------- (2b) Flows.toPublisher

    /**
     * {@code Flows.toPublisher(Stream.fromIterable(items), handle)} on 2 workers, consumed by a
     * plain subscriber requesting 256 at a time; the JMH thread waits for {@code onComplete}.
     *
     * @param mt the runtime
     * @return the sum of the items
     */
    @Benchmark
    @OperationsPerInvocation(ITEMS)
    public long toPublisherMt(MultiThread mt) {
        BatchSubscriber sub = new BatchSubscriber();
        Flows.toPublisher(Stream.fromIterable(ITEM_LIST), mt.handle).subscribe(sub);
        sub.done.await();
        return sub.result();
    }

    /**
     * The same on the current-thread runtime, which the JMH thread drives until {@code onComplete}.
     *
     * @param ct the runtime
     * @return the sum of the items
     * @throws Exception if the wait failed
     */
    @Benchmark
    @OperationsPerInvocation(ITEMS)
    public long toPublisherCt(CurrentThread ct) throws Exception {
        BatchSubscriber sub = new BatchSubscriber();
        Flows.toPublisher(Stream.fromIterable(ITEM_LIST), ct.handle).subscribe(sub);
        ct.rt.blockOn(sub.done);
        return sub.result();
    }

    /**
     * Peer of (2a) and (2b): a {@code SubmissionPublisher} (buffer 256, a one-thread
     * {@code ForkJoinPool}) fed by the JMH thread, consumed by the same plain subscriber.
     *
     * @param jdk the publisher's pool
     * @return the sum of the items
     */
    @Benchmark
    @OperationsPerInvocation(ITEMS)
    public long submissionPublisherSubscriber(Jdk jdk) {
        BatchSubscriber sub = new BatchSubscriber();
        try (SubmissionPublisher<Integer> pub = new SubmissionPublisher<>(jdk.publisherPool, BATCH)) {
            pub.subscribe(sub); // items submitted from now on are buffered for it
            for (Integer item : ITEM_ARRAY) {
                pub.submit(item);
            }
        } // close(): onComplete after the items
        sub.done.await();
        return sub.result();
    }

    /**
     * A plain {@link Flow.Subscriber} that requests {@value #BATCH} items at a time (again after
     * each {@value #BATCH}), sums them, and counts {@link #done} down at the end.
     */
    static final class BatchSubscriber implements Flow.Subscriber<Integer> {
        final Countdown done = new Countdown(1);
        private Flow.Subscription subscription;
        private int sinceRequest;
        private long sum;
        private long count;
        private volatile Throwable error;

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            s.request(BATCH);
        }

        @Override
        public void onNext(Integer item) {
            sum += item;
            count++;
            if (++sinceRequest == BATCH) {
                sinceRequest = 0;
                subscription.request(BATCH);
            }
        }

        @Override
        public void onError(Throwable t) {
            error = t;
            done.countDown();
        }

        @Override
        public void onComplete() {
            done.countDown();
        }

        /** @return the sum, once {@link #done}; the signals happen-before the count-down */
        long result() {
            if (error != null) {
                throw new IllegalStateException("the publisher failed", error);
            }
            if (count != ITEMS) {
                throw new AssertionError("received " + count + " of " + ITEMS);
            }
            return check(sum, ITEM_SUM);
        }
    }

    private static long check(long got, long expected) {
        if (got != expected) {
            throw new AssertionError("got " + got + ", expected " + expected);
        }
        return got;
    }
}
