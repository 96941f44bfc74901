package dev.weft.runtime.scheduler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.weft.Async;
import dev.weft.Weft;
import dev.weft.future.Future;
import dev.weft.future.Poll;
import dev.weft.future.internal.Carrier;
import dev.weft.runtime.CoroutineMode;
import dev.weft.runtime.JoinHandle;
import dev.weft.runtime.Runtime;
import dev.weft.sync.Mpsc;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The continuation engine's own promises: a coroutine stays on the thread that started it, Weft
 * finds that thread exactly, and what cannot work (an await holding a monitor, a resume on
 * another thread) fails loudly. Runs wherever the JVM allows the engine (the default and the
 * continuation executions of the suite), whatever the JVM's default mode.
 */
@Timeout(60)
class ContinuationEngineTest {

    @BeforeEach
    void engineAvailable() {
        assumeTrue(CoroutineThreads.continuationsAvailable(), "jdk.internal.vm is not exported to Weft");
    }

    private static Runtime runtime(int workers) {
        var b = Runtime.builder().enableAll().coroutineMode(CoroutineMode.CONTINUATION);
        return (workers == 0 ? b.currentThread() : b.multiThread().workerThreads(workers)).build();
    }

    /**
     * The reason for the rules below: a continuation resumed by two threads in turn. Carrier
     * names the running thread every time; Thread.currentThread(), once the JIT compiled the
     * body, may keep naming the first one (not asserted: that depends on the compiler).
     */
    @Test
    void carrierNamesTheThreadThatResumesAContinuationEvenWhenItMovesEveryTime() throws Exception {
        assumeTrue(Carrier.exact(), "the carrier of a continuation cannot be told exactly: needs "
                + "--add-exports java.base/jdk.internal.access or java.lang opened");
        int resumes = 50_000;
        AtomicReference<Thread> expected = new AtomicReference<>();
        AtomicInteger wrong = new AtomicInteger();
        Object cont = WeftContinuation.create(() -> {
            for (int i = 0; i < resumes; i++) {
                WeftContinuation.suspend();
                if (Carrier.current() != expected.get()) {
                    wrong.incrementAndGet();
                }
            }
        });
        ExecutorService a = Executors.newSingleThreadExecutor();
        ExecutorService b = Executors.newSingleThreadExecutor();
        try {
            for (int i = 0; i <= resumes; i++) {
                (i % 2 == 0 ? a : b).submit(() -> {
                    expected.set(Thread.currentThread());
                    WeftContinuation.run(cont);
                }).get();
            }
        } finally {
            a.shutdown();
            b.shutdown();
        }
        assertEquals(0, wrong.get(), "resumes on which Carrier.current() named another thread");
    }

    /**
     * Coroutines on two workers wake each other across workers thousands of times (and stealing
     * is free to move them before they start): each must see one thread from its first line to
     * its last. Without the binding to Task.home they migrate at once.
     */
    @Test
    void aCoroutineTaskStaysOnTheWorkerOfItsFirstRun() throws Exception {
        int pairs = 8;
        int rounds = 2_000;
        try (Runtime rt = runtime(2)) {
            List<String> moved = rt.blockOn(Async.async(() -> {
                List<JoinHandle<String>> hs = new ArrayList<>();
                for (int p = 0; p < pairs; p++) {
                    Mpsc.Channel<Integer> ab = Mpsc.bounded(1);
                    Mpsc.Channel<Integer> ba = Mpsc.bounded(1);
                    hs.add(Weft.spawn(() -> {
                        Thread first = Carrier.current();
                        for (int i = 0; i < rounds; i++) {
                            ab.sender().send(i).await();
                            ba.receiver().recv().await();
                            if (Carrier.current() != first || Thread.currentThread() != first) {
                                return "pinger moved from " + first + " to " + Carrier.current() + " at round " + i;
                            }
                        }
                        return null;
                    }));
                    hs.add(Weft.spawn(() -> {
                        Thread first = Carrier.current();
                        for (int i = 0; i < rounds; i++) {
                            int v = ab.receiver().recv().await().orElseThrow();
                            ba.sender().send(v).await();
                            if (Carrier.current() != first || Thread.currentThread() != first) {
                                return "ponger moved from " + first + " to " + Carrier.current() + " at round " + i;
                            }
                        }
                        return null;
                    }));
                }
                List<String> out = new ArrayList<>();
                for (JoinHandle<String> h : hs) {
                    String m = h.await();
                    if (m != null) {
                        out.add(m);
                    }
                }
                return out;
            }));
            assertEquals(List.of(), moved);
            assertEquals(0, rt.metrics().aliveTasks());
        }
    }

    @Test
    void aTrivialCoroutineTaskCompletesInItsTasksFirstPoll() throws Exception {
        int n = 1_000;
        try (Runtime rt = runtime(0)) {
            long polls = rt.blockOn(Async.async(() -> {
                long before = rt.metrics().totalPolls();
                List<JoinHandle<String>> hs = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    hs.add(Weft.spawn(() -> "done"));
                }
                for (JoinHandle<String> h : hs) {
                    assertEquals("done", h.await());
                }
                return rt.metrics().totalPolls() - before;
            }));
            // one run per task, plus a few of the spawner's own; a virtual-thread coroutine takes 3
            assertTrue(polls < n + 50, polls + " scheduler runs for " + n + " trivial coroutine tasks");
        }
    }

    /**
     * JDK 25 lets a continuation yield while it holds a monitor (as a virtual thread may): the
     * monitor stays held across the await and is released when the block ends. (A thread that
     * enters it meanwhile blocks, which on a worker blocks the worker: see CoroutineMode.)
     */
    /**
     * The resumer polls the awaited future itself: a wake-up that finds it still pending does
     * not resume the coroutine (its later polls run outside the body, so no frame of the body
     * is on their stack), and its value or failure is handed to the suspended await as it is.
     */
    @Test
    void aWakeThatFindsTheAwaitedFuturePendingDoesNotResumeTheCoroutine() throws Exception {
        for (int workers : new int[] {0, 2}) {
            try (Runtime rt = runtime(workers)) {
                List<Boolean> insideBody = new ArrayList<>();
                AtomicInteger afterAwait = new AtomicInteger();
                Future<String> spuriousThenReady = cx -> {
                    insideBody.add(StackWalker.getInstance().walk(frames -> frames.skip(1).anyMatch( // skip: this poll is a lambda of the test too
                            f -> f.getMethodName().contains("lambda$aWakeThatFinds"))));
                    if (insideBody.size() < 5) {
                        cx.waker().wake(); // spurious: still pending on the next poll
                        return Poll.pending();
                    }
                    return insideBody.size() == 5 ? Poll.ready("done") : Poll.failed(new java.io.IOException("boom"));
                };
                String v = rt.blockOn(rt.handle().spawn(() -> {
                    String r = spuriousThenReady.await();
                    afterAwait.incrementAndGet();
                    try {
                        spuriousThenReady.await();
                        return "no failure";
                    } catch (java.io.IOException e) {
                        return r + "/" + e.getMessage();
                    }
                }));
                assertEquals("done/boom", v, workers + " workers");
                assertEquals(List.of(true, false, false, false, false, true), insideBody,
                        "which polls ran inside the body (" + workers + " workers)");
                assertEquals(1, afterAwait.get());
            }
        }
    }

    @Test
    void aMonitorHeldAcrossAnAwaitStaysHeldUntilTheBlockEnds() throws Exception {
        try (Runtime rt = runtime(1)) {
            Object monitor = new Object();
            AtomicReference<Boolean> heldMeanwhile = new AtomicReference<>();
            rt.blockOn(rt.spawn(() -> {
                synchronized (monitor) {
                    Weft.yieldNow().await();
                    dev.weft.time.Time.sleep(java.time.Duration.ofMillis(1)).await();
                    Thread probe = Thread.ofPlatform().start(() -> {
                        boolean[] entered = new boolean[1];
                        Thread t = Thread.ofPlatform().start(() -> {
                            synchronized (monitor) {
                                entered[0] = true;
                            }
                        });
                        try {
                            t.join(200);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                        heldMeanwhile.set(t.isAlive());
                    });
                    probe.join();
                }
                return null;
            }));
            assertTrue(heldMeanwhile.get(), "another thread entered the monitor while the coroutine held it");
            Thread after = Thread.ofPlatform().start(() -> {
                synchronized (monitor) {
                    heldMeanwhile.set(false);
                }
            });
            after.join(5_000);
            assertFalse(after.isAlive(), "the monitor was not released when the coroutine left the block");
        }
    }

    @Test
    void aCoroutineFutureResumedOnAnotherThreadFailsLoudly() throws Exception {
        try (Runtime rt = runtime(0)) {
            Future<Integer> f = Async.async(() -> {
                Weft.yieldNow().await();
                return 1;
            });
            Thread other;
            AtomicReference<Poll<Integer>> first = new AtomicReference<>();
            rt.blockOn(Async.async(() -> {
                first.set(new dev.weft.testkit.TestWaker().poll(f));
                return null;
            }));
            assertTrue(first.get().isPending());
            AtomicReference<Throwable> seen = new AtomicReference<>();
            AtomicReference<Object> value = new AtomicReference<>();
            other = Thread.ofPlatform().start(() -> {
                try {
                    value.set(rt.blockOn(f));
                } catch (Throwable e) {
                    seen.set(e);
                }
            });
            other.join();
            assertTrue(seen.get() instanceof IllegalStateException, seen.get() + " / returned " + value.get());
            assertTrue(seen.get().getMessage().contains("stays on the thread that started it"), seen.get().getMessage());
        }
    }

    @Test
    void theModeIsReportedAndABadOneIsRefused() throws Exception {
        try (Runtime rt = runtime(1)) {
            assertSame(CoroutineMode.CONTINUATION, rt.metrics().coroutineMode());
            assertSame(CoroutineMode.CONTINUATION, rt.handle().coroutineMode());
            assertFalse(rt.blockOn(rt.spawn(() -> Thread.currentThread().isVirtual())), "no thread per coroutine");
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Runtime.builder().coroutineMode(null));
        assertTrue(e.getMessage().contains("mode"), e.getMessage());
    }
}
