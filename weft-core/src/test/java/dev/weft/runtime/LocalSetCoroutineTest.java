package dev.weft.runtime;

import static dev.weft.runtime.LocalSetFixture.carrier;
import static dev.weft.runtime.LocalSetFixture.currentThread;
import static dev.weft.runtime.LocalSetFixture.oneWorker;
import static dev.weft.runtime.LocalSetFixture.weftMode;
import static dev.weft.runtime.LocalSetFixture.yielding;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.weft.Async;
import dev.weft.Weft;
import dev.weft.future.CancelledException;
import dev.weft.future.Futures;
import dev.weft.time.Time;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Coroutines in a LocalSet: on the set's thread with Weft's scheduler, refused on the JDK's
 * (where they could not stay on one thread).
 */
@Timeout(value = 20, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class LocalSetCoroutineTest {

    @Test
    void inJdkSchedulerModeCoroutinesAreRefusedWithTheFix() throws Exception {
        assumeTrue(dev.weft.testkit.Modes.current() == CoroutineMode.JDK_SCHEDULER, "JDK_SCHEDULER mode only");
        try (Runtime rt = currentThread(); LocalSet set = new LocalSet()) {
            IllegalStateException spawn = assertThrows(IllegalStateException.class, () -> set.spawnLocal(() -> 1));
            assertTrue(spawn.getMessage().contains("--add-opens java.base/java.lang=ALL-UNNAMED"), spawn.getMessage());
            IllegalStateException run = assertThrows(IllegalStateException.class,
                    () -> set.blockOn(rt, Async.async(() -> 1)));
            assertTrue(run.getMessage().contains("JDK_SCHEDULER"), run.getMessage());
            assertEquals(0, set.aliveTasks());
            assertEquals(2, (int) set.blockOn(rt, set.spawnLocal(yielding(1, 2, new ArrayList<>()))));
        }
    }

    @Test
    void localCoroutinesRunOnTheDrivingThreadBesideWorkers() throws Exception {
        assumeTrue(weftMode(), "WEFT_SCHEDULER mode only");
        List<Thread> carriers = new CopyOnWriteArrayList<>();
        Map<String, Integer> counts = new HashMap<>(); // not thread-safe: local coroutines only
        try (Runtime rt = oneWorker(); LocalSet set = new LocalSet()) {
            int total = set.blockOn(rt, Async.async(() -> {
                carriers.add(carrier());
                List<JoinHandle<Void>> hs = new ArrayList<>();
                for (int i = 0; i < 50; i++) {
                    String key = "k" + (i % 5);
                    hs.add(Weft.spawnLocal(() -> {
                        for (int j = 0; j < 10; j++) {
                            carriers.add(carrier());
                            counts.merge(key, 1, Integer::sum); // HashMap: safe only because all run on one thread
                            Weft.yieldNow().await(); // the other local coroutines run here
                        }
                        return null;
                    }));
                }
                for (JoinHandle<Void> h : hs) {
                    h.await();
                }
                return counts.values().stream().mapToInt(Integer::intValue).sum();
            }));
            assertEquals(500, total);
        }
        assertEquals(1 + 500, carriers.size());
        assertEquals(Set.of(Thread.currentThread()), Set.copyOf(carriers));
    }

    @Test
    void localCoroutinesSleepOnThePausedClockAndSpawnOnTheRuntime() throws Exception {
        assumeTrue(weftMode(), "WEFT_SCHEDULER mode only");
        long realStart = System.nanoTime();
        try (Runtime rt = currentThread(); LocalSet set = new LocalSet()) {
            List<String> log = set.blockOn(rt, Async.async(() -> {
                Instant start = Time.now();
                List<String> out = new ArrayList<>();
                List<JoinHandle<Void>> hs = new ArrayList<>();
                for (long ms : new long[] {200, 50, 86_400_000L}) {
                    hs.add(Weft.spawnLocal(() -> {
                        Weft.sleep(Duration.ofMillis(ms)).await();
                        out.add(ms + "@" + Duration.between(start, Time.now()).toMillis());
                        return null;
                    }));
                }
                for (JoinHandle<Void> h : hs) {
                    h.await();
                }
                assertEquals(rt.handle(), Handle.current());
                assertThrows(IllegalStateException.class, () -> Weft.spawn(() -> Weft.spawnLocal(() -> 0)).await());
                return out;
            }));
            assertEquals(List.of("50@50", "200@200", "86400000@86400000"), log);
        }
        assertTrue(System.nanoTime() - realStart < 5_000_000_000L, "virtual time, not real time");
    }

    @Test
    void abortingALocalCoroutineRunsItsFinallyOnTheSetsThread() throws Exception {
        assumeTrue(weftMode(), "WEFT_SCHEDULER mode only");
        AtomicReference<Thread> finallyOn = new AtomicReference<>();
        try (Runtime rt = currentThread(); LocalSet set = new LocalSet()) {
            JoinHandle<Void> h = set.spawnLocal(() -> {
                try {
                    Weft.sleep(Duration.ofDays(1)).await();
                    return null;
                } finally {
                    finallyOn.set(carrier());
                }
            });
            set.blockOn(rt, Weft.yieldNow()); // starts it: it now waits in the sleep
            Thread.ofPlatform().start(h::abort).join();
            JoinError e = assertThrows(JoinError.class, () -> set.blockOn(rt, h));
            assertTrue(e.isAborted());
            set.blockOn(rt, Weft.yieldNow()); // the coroutine unwinds when the set runs next
            assertSame(Thread.currentThread(), finallyOn.get());
        }
    }

    @Test
    void awaitingRunUntilInACoroutineOfACurrentThreadRuntimeRunsTheSetOnItsThread() throws Exception {
        List<Thread> seen = new CopyOnWriteArrayList<>();
        AtomicReference<Thread> localCarrier = new AtomicReference<>();
        try (Runtime rt = currentThread(); LocalSet set = new LocalSet()) {
            int v = rt.blockOn(Async.async(() -> {
                JoinHandle<Integer> h = set.spawnLocal(yielding(3, 5, seen));
                int r = set.runUntil(h).await();
                if (Handle.current().coroutineMode() == CoroutineMode.WEFT_SCHEDULER) {
                    r += set.runUntil(Async.async(() -> {
                        localCarrier.set(carrier());
                        return Weft.spawnLocal(() -> 1).await();
                    })).await();
                }
                return r;
            }));
            assertEquals(weftMode() ? 6 : 5, v);
        }
        assertEquals(Set.of(Thread.currentThread()), Set.copyOf(seen), "the runtime's thread, not the coroutine");
        if (weftMode()) {
            assertSame(Thread.currentThread(), localCarrier.get());
        }
    }

    @Test
    void aSetDrivenByAVirtualThreadRunsPollBasedTasksThereAndRefusesCoroutines() throws Exception {
        List<Thread> seen = new CopyOnWriteArrayList<>();
        AtomicReference<Thread> driver = new AtomicReference<>();
        try (Runtime rt = oneWorker(); LocalSet set = new LocalSet()) {
            rt.blockOn(Async.async(() -> {
                driver.set(Thread.currentThread());
                int v = set.runUntil(set.spawnLocal(yielding(3, 5, seen))).await();
                assertEquals(5, v);
                if (dev.weft.testkit.Modes.continuation()) {
                    // a continuation is resumed by whoever polls it: the set's virtual thread will do
                    assertEquals(1, (int) set.runUntil(set.spawnLocal(() -> 1)).await());
                    return null;
                }
                IllegalStateException e = assertThrows(IllegalStateException.class, () -> set.spawnLocal(() -> 1));
                assertTrue(e.getMessage().contains(weftMode() ? "virtual thread" : "JDK_SCHEDULER"), e.getMessage());
                return null;
            }));
        }
        assertTrue(driver.get().isVirtual() || dev.weft.testkit.Modes.continuation(), "a coroutine is a virtual thread");
        assertEquals(Set.of(driver.get()), Set.copyOf(seen));
    }

    @Test
    void cancellingTheCoroutineThatAwaitsRunUntilCancelsTheRun() throws Exception {
        Signal<Object> never = new Signal<>();
        try (Runtime rt = currentThread(); LocalSet set = new LocalSet()) {
            JoinHandle<Object> outer = rt.spawn(() -> set.runUntil(never).await());
            drive(rt, () -> never.polls.get() > 0); // in JDK_SCHEDULER mode the coroutine runs elsewhere
            assertEquals(1, never.polls.get(), "the run started");
            outer.abort();
            assertThrows(CancelledException.class, () -> rt.blockOn(outer));
            drive(rt, () -> never.cancels.get() > 0); // the coroutine unwinds and aborts the run's task
            assertEquals(1, never.cancels.get());
            assertEquals(7, (int) set.blockOn(rt, set.spawnLocal(Futures.ready(7))), "the set still runs afterwards");
        }
    }

    /** Drives the current-thread runtime in short turns until {@code done} holds (at most 5 s). */
    private static void drive(Runtime rt, BooleanSupplier done) throws Exception {
        long end = System.nanoTime() + 5_000_000_000L;
        while (!done.getAsBoolean() && System.nanoTime() < end) {
            rt.blockOn(Weft.yieldNow());
            if (!done.getAsBoolean()) {
                Thread.sleep(1);
            }
        }
    }
}
