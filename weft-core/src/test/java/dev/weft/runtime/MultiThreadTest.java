package dev.weft.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.Async;
import dev.weft.Weft;
import dev.weft.future.Future;
import dev.weft.future.Poll;
import dev.weft.time.Interval;
import dev.weft.time.Time;
import java.lang.reflect.Method;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class MultiThreadTest {

    static Runtime newRuntime(int workers) {
        return Runtime.builder().multiThread().workerThreads(workers).enableTime().build();
    }

    @Test
    void tasksRunOnTheNamedWorkersAndHooksRunOnEach() throws Exception {
        AtomicInteger started = new AtomicInteger();
        AtomicInteger stopped = new AtomicInteger();
        Set<String> names = ConcurrentHashMap.newKeySet();
        Runtime rt = Runtime.builder().multiThread().workerThreads(2).threadNamePrefix("test-w-")
                .onThreadStart(t -> started.incrementAndGet()).onThreadStop(t -> stopped.incrementAndGet()).build();
        try (rt) {
            List<JoinHandle<Void>> hs = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                hs.add(rt.spawn(cx -> {
                    names.add(Thread.currentThread().getName());
                    return Poll.ready(null);
                }));
            }
            for (JoinHandle<Void> h : hs) {
                rt.blockOn(h);
            }
        }
        assertTrue(names.stream().allMatch(n -> n.startsWith("test-w-")), names.toString());
        assertEquals(2, started.get());
        assertEquals(2, stopped.get(), "close joins every worker");
    }

    @Test
    void blockOnFromMainAndHandleCurrentInsideWorkers() throws Exception {
        try (Runtime rt = newRuntime(2)) {
            Handle inside = rt.blockOn(rt.spawn(cx -> Poll.ready(Handle.current())));
            assertEquals(rt.handle(), inside);
            assertEquals(42, (int) rt.blockOn(Async.async(() -> Weft.spawn(() -> 42).await())));
        }
    }

    @Test
    void coroutinesResumeCorrectlyOnAnotherWorker() throws Exception {
        Method carrierOf = Thread.class.getDeclaredMethod("currentCarrierThread");
        boolean canSeeCarrier;
        try {
            carrierOf.setAccessible(true);
            canSeeCarrier = true;
        } catch (RuntimeException notOpened) {
            canSeeCarrier = false;
        }
        boolean seeCarrier = canSeeCarrier;
        Set<Thread> carriers = ConcurrentHashMap.newKeySet();
        AtomicInteger moved = new AtomicInteger();
        try (Runtime rt = newRuntime(2)) {
            // Whether a coroutine moves is the scheduler's choice: a busy machine can leave one
            // worker without a core for a whole round. Rounds repeat until one moved (bounded).
            boolean watch = seeCarrier && rt.handle().coroutineMode() == CoroutineMode.WEFT_SCHEDULER;
            for (int round = 0; round < 50 && (round == 0 || (watch && moved.get() == 0)); round++) {
                int total = rt.blockOn(Async.async(() -> {
                    List<JoinHandle<Integer>> hs = new ArrayList<>();
                    for (int c = 0; c < 16; c++) {
                        hs.add(Weft.spawn(() -> {
                            Thread self = Thread.currentThread();
                            Thread last = null;
                            int sum = 0;
                            for (int i = 0; i < 200; i++) {
                                Weft.yieldNow().await();
                                if (seeCarrier && Handle.current().coroutineMode() == CoroutineMode.WEFT_SCHEDULER) {
                                    Thread carrier = (Thread) carrierOf.invoke(null);
                                    carriers.add(carrier);
                                    if (last != null && last != carrier) {
                                        moved.incrementAndGet();
                                    }
                                    last = carrier;
                                }
                                if (Thread.currentThread() != self) {
                                    throw new AssertionError("a coroutine is one stable thread");
                                }
                                sum += i;
                            }
                            return sum;
                        }));
                    }
                    int s = 0;
                    for (JoinHandle<Integer> h : hs) {
                        s += h.await();
                    }
                    return s;
                }));
                assertEquals(16 * (199 * 200 / 2), total);
            }
            if (seeCarrier && rt.handle().coroutineMode() == CoroutineMode.WEFT_SCHEDULER) {
                assertEquals(2, carriers.size(), "both workers carried coroutines: " + carriers);
                assertTrue(carriers.stream().allMatch(t -> t.getName().startsWith("weft-worker-")), carriers.toString());
                assertTrue(moved.get() > 0, "some coroutine resumed on the other worker");
            }
        }
    }

    @Test
    void aTaskSpinningOnAnAlwaysReadyResourceCannotStarveATimer() throws Exception {
        for (Runtime rt : List.of(Runtime.builder().currentThread().enableTime().build(), newRuntime(1))) {
            try (rt) {
                boolean fired = rt.blockOn(Async.async(() -> {
                    AtomicInteger timerFired = new AtomicInteger();
                    Weft.spawn(() -> {
                        Weft.sleep(Duration.ofMillis(20)).await();
                        timerFired.set(1);
                        return null;
                    });
                    JoinHandle<Boolean> spinner = Weft.spawn(() -> {
                        long giveUp = System.nanoTime() + 5_000_000_000L;
                        while (timerFired.get() == 0 && System.nanoTime() < giveUp) {
                            Weft.sleep(Duration.ZERO).await(); // always ready: only the budget yields
                        }
                        return timerFired.get() == 1;
                    });
                    return spinner.await();
                }));
                assertTrue(fired, "the timer fired while the spinner spun");
            }
        }
    }

    @Test
    void aPollBasedSpinnerYieldsThroughTheBudgetToo() throws Exception {
        try (Runtime rt = Runtime.builder().currentThread().enableTime().build()) {
            AtomicInteger timerFired = new AtomicInteger();
            long giveUp = System.nanoTime() + 5_000_000_000L;
            JoinHandle<Void> timer = rt.spawn(Async.async(() -> {
                Weft.sleep(Duration.ofMillis(20)).await();
                timerFired.set(1);
                return null;
            }));
            Future<Boolean> spinner = new Future<>() {
                private Future<Void> current;

                @Override
                public Poll<Boolean> poll(dev.weft.future.Context cx) {
                    while (timerFired.get() == 0 && System.nanoTime() < giveUp) {
                        if (current == null) {
                            current = Time.sleep(Duration.ZERO);
                        }
                        if (current.poll(cx).isPending()) {
                            return Poll.pending(); // the budget ran out: we were re-woken
                        }
                        current = null;
                    }
                    return Poll.ready(timerFired.get() == 1);
                }
            };
            assertTrue(rt.blockOn(rt.spawn(spinner)));
            rt.blockOn(timer);
        }
    }

    @Test
    void aOneHourIntervalOnAPausedMultiThreadRuntimeRunsInstantly() throws Exception {
        long real = System.nanoTime();
        try (Runtime rt = Runtime.builder().multiThread().workerThreads(2).enableTime().startPaused(true).build()) {
            List<Duration> ticks = rt.blockOn(Async.async(() -> {
                Instant start = Time.now();
                Interval iv = Time.interval(Duration.ofHours(1));
                List<Duration> out = new ArrayList<>();
                for (int i = 0; i < 3; i++) {
                    out.add(Duration.between(start, iv.tick().await()));
                }
                return out;
            }));
            assertEquals(List.of(Duration.ZERO, Duration.ofHours(1), Duration.ofHours(2)), ticks);
        }
        assertTrue(System.nanoTime() - real < 5_000_000_000L);
    }

    @Test
    void closeCancelsTasksRunsFinallyBlocksAndStopsWorkers() throws Exception {
        AtomicInteger finallyRan = new AtomicInteger();
        AtomicInteger started = new AtomicInteger();
        List<Thread> workers = new CopyOnWriteArrayList<>();
        Runtime rt = Runtime.builder().multiThread().workerThreads(2).enableTime()
                .onThreadStart(workers::add).build();
        rt.blockOn(Async.async(() -> {
            for (int i = 0; i < 10; i++) {
                Weft.spawn(() -> {
                    try {
                        started.incrementAndGet();
                        Weft.sleep(Duration.ofHours(1)).await();
                        return null;
                    } finally {
                        finallyRan.incrementAndGet();
                    }
                });
            }
            while (started.get() < 10) {
                Weft.yieldNow().await();
            }
            return null;
        }));
        rt.close();
        assertEquals(10, finallyRan.get());
        assertEquals(0, rt.handle().aliveTasks());
        for (Thread w : workers) {
            assertFalse(w.isAlive(), w + " stopped");
        }
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> rt.spawn(cx -> Poll.ready(1)));
        assertTrue(e.getMessage().contains("shut down"), e.getMessage());
    }

    @Test
    void closingFromInsideATaskIsRefused() throws Exception {
        try (Runtime rt = newRuntime(2)) {
            JoinHandle<Object> h = rt.spawn(cx -> {
                rt.close();
                return Poll.ready(null);
            });
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> rt.blockOn(h));
            assertTrue(e.getMessage().contains("own tasks"), e.getMessage());
        }
    }

    @Test
    void builderRejectsBadWorkerSettings() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Runtime.builder().workerThreads(0));
        assertTrue(e.getMessage().contains("workerThreads") && e.getMessage().contains("0"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Runtime.builder().globalQueueInterval(0));
        assertThrows(IllegalArgumentException.class, () -> Runtime.builder().eventInterval(-1));
        assertThrows(IllegalArgumentException.class, () -> Runtime.builder().threadNamePrefix(null));
    }

    @Test
    void shutdownBackgroundReturnsAtOnceAndStillCancels() throws Exception {
        AtomicInteger cancelled = new AtomicInteger();
        Runtime rt = newRuntime(2);
        Signal<String> s = new Signal<>() {
            @Override
            public void cancel() {
                cancelled.incrementAndGet();
            }
        };
        JoinHandle<String> h = rt.spawn(s);
        rt.shutdownBackground();
        long until = System.nanoTime() + 5_000_000_000L;
        while (!h.isFinished() && System.nanoTime() < until) {
            Thread.sleep(1);
        }
        assertTrue(h.isFinished());
        assertEquals(1, cancelled.get());
    }

    @Test
    void blockInPlaceHandsTheWorkersQueuedTasksToOthers() throws Exception {
        try (Runtime rt = newRuntime(2)) {
            JoinHandle<Boolean> h = rt.spawn(new Future<Boolean>() {
                @Override
                public Poll<Boolean> poll(dev.weft.future.Context cx) {
                    java.util.concurrent.CountDownLatch ran = new java.util.concurrent.CountDownLatch(1);
                    // spawned on this worker: it sits in the worker's LIFO slot, which thieves cannot take
                    Handle.current().spawn(c -> {
                        ran.countDown();
                        return Poll.ready(null);
                    });
                    try {
                        return Poll.ready(dev.weft.Weft.blockInPlace(() -> ran.await(5, java.util.concurrent.TimeUnit.SECONDS)));
                    } catch (Exception e) {
                        return Poll.failed(e);
                    }
                }
            });
            assertTrue(rt.blockOn(h), "the queued task ran on another worker while this one blocked");
        }
    }
}
