package dev.weft.runtime;

import static dev.weft.runtime.LocalSetFixture.currentThread;
import static dev.weft.runtime.LocalSetFixture.oneWorker;
import static dev.weft.runtime.LocalSetFixture.spinner;
import static dev.weft.runtime.LocalSetFixture.yielding;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.Weft;
import dev.weft.future.Future;
import dev.weft.future.Futures;
import dev.weft.future.Poll;
import dev.weft.time.Sleep;
import dev.weft.time.Time;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** LocalSet with poll-based tasks: the behaviour that holds in both coroutine modes. */
@Timeout(value = 20, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class LocalSetTest {

    @Test
    void localTasksRunOnlyOnTheDrivingThreadEvenBesideWorkers() throws Exception {
        List<Thread> seen = new CopyOnWriteArrayList<>();
        try (Runtime rt = oneWorker(); LocalSet set = new LocalSet()) {
            List<JoinHandle<Integer>> hs = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                hs.add(set.spawnLocal(yielding(3, i, seen)));
            }
            Thread other = Thread.ofPlatform().start(() -> hs.add(set.spawnLocal(yielding(3, 20, seen))));
            other.join(); // spawning from another thread hands the future over to the set's thread
            int sum = set.blockOn(rt, Futures.join(hs)).stream().mapToInt(Integer::intValue).sum();
            assertEquals(210, sum);
        }
        assertEquals(21 * 4, seen.size());
        assertEquals(Set.of(Thread.currentThread()), Set.copyOf(seen));
    }

    @Test
    void stateThatIsNotThreadSafeStaysConsistentAcrossAThousandTasks() throws Exception {
        List<Integer> shared = new ArrayList<>(); // plain ArrayList: no lock, no volatile
        int[] counter = {0};
        try (Runtime rt = oneWorker(); LocalSet set = new LocalSet()) {
            List<JoinHandle<Void>> hs = new ArrayList<>();
            for (int i = 0; i < 1_000; i++) {
                int id = i;
                AtomicInteger turns = new AtomicInteger();
                hs.add(set.spawnLocal(cx -> {
                    int before = counter[0];
                    shared.add(id);
                    counter[0] = before + 1; // a lost update if two threads interleaved here
                    if (turns.incrementAndGet() < 3) {
                        cx.waker().wake();
                        return Poll.pending();
                    }
                    return Poll.ready(null);
                }));
            }
            set.blockOn(rt, Futures.join(hs));
        }
        assertEquals(3_000, shared.size());
        assertEquals(3_000, counter[0]);
    }

    @Test
    void aWakeFromAPlatformThreadIsPickedUp() throws Exception {
        Signal<String> signal = new Signal<>();
        List<Thread> seen = new CopyOnWriteArrayList<>();
        CountDownLatch polled = new CountDownLatch(1);
        try (Runtime rt = currentThread(); LocalSet set = new LocalSet()) {
            JoinHandle<String> h = set.spawnLocal(cx -> {
                seen.add(Thread.currentThread());
                Poll<String> p = signal.poll(cx);
                polled.countDown();
                return p;
            });
            Thread waker = Thread.ofPlatform().start(() -> {
                try {
                    polled.await();
                } catch (InterruptedException e) {
                    return;
                }
                signal.complete("woken");
            });
            assertEquals("woken", set.blockOn(rt, h));
            waker.join();
        }
        assertTrue(seen.size() >= 2, "polled again after the remote wake: " + seen);
        assertEquals(Set.of(Thread.currentThread()), Set.copyOf(seen));
    }

    @Test
    void runUntilReturnsTheValueAndLeavesUnfinishedTasksForTheNextRun() throws Exception {
        Signal<String> signal = new Signal<>();
        try (Runtime rt = currentThread(); LocalSet set = new LocalSet()) {
            JoinHandle<String> h = set.spawnLocal(signal);
            assertEquals(7, (int) set.blockOn(rt, Futures.ready(7)));
            assertEquals(8, (int) rt.blockOn(set.runUntil(Futures.ready(8))));
            assertFalse(h.isFinished());
            assertEquals(1, set.aliveTasks());
            signal.complete("later");
            assertEquals("later", set.blockOn(rt, h));
            assertEquals(0, set.aliveTasks());
        }
    }

    @Test
    void joinHandlesGiveValueFailureAndAbort() throws Exception {
        IOException boom = new IOException("boom");
        Signal<String> forever = new Signal<>();
        AtomicReference<Thread> cancelledOn = new AtomicReference<>();
        try (Runtime rt = currentThread(); LocalSet set = new LocalSet()) {
            JoinHandle<String> ok = set.spawnLocal(Futures.ready("ok"));
            JoinHandle<String> bad = set.spawnLocal(Futures.failed(boom));
            JoinHandle<String> aborted = set.spawnLocal(new Future<String>() {
                @Override
                public Poll<String> poll(dev.weft.future.Context cx) {
                    return forever.poll(cx);
                }

                @Override
                public void cancel() {
                    cancelledOn.set(Thread.currentThread());
                }
            });
            assertEquals("ok", set.blockOn(rt, ok));
            assertSame(boom, assertThrows(IOException.class, () -> set.blockOn(rt, bad)));
            Thread.ofPlatform().start(aborted::abort).join(); // abort from elsewhere: cancelled on the set's thread
            JoinError e = assertThrows(JoinError.class, () -> set.blockOn(rt, aborted));
            assertTrue(e.isAborted());
            assertSame(Thread.currentThread(), cancelledOn.get());
            assertNotEquals(ok.id(), bad.id());
        }
    }

    @Test
    void pausedClockSleepsInsideLocalTasks() throws Exception {
        long realStart = System.nanoTime();
        List<String> log = new ArrayList<>();
        try (Runtime rt = currentThread(); LocalSet set = new LocalSet()) {
            Instant start = rt.blockOn(Futures.lazy(() -> Futures.ready(Time.now())));
            List<JoinHandle<Void>> hs = new ArrayList<>();
            for (long ms : new long[] {300, 100, 3_600_000L}) {
                hs.add(set.spawnLocal(Futures.lazy(() -> {
                    Sleep s = Time.sleep(Duration.ofMillis(ms)); // the runtime's timer, from a local task
                    return s.map(v -> {
                        log.add(ms + "@" + Duration.between(start, Time.now()).toMillis());
                        return null;
                    });
                })));
            }
            set.blockOn(rt, Futures.join(hs));
        }
        assertEquals(List.of("100@100", "300@300", "3600000@3600000"), log);
        assertTrue(System.nanoTime() - realStart < 5_000_000_000L, "virtual time, not real time");
    }

    @Test
    void spawnInsideALocalTaskReachesTheRuntimeAndSpawnLocalTheSet() throws Exception {
        AtomicReference<Thread> runtimeTaskThread = new AtomicReference<>();
        AtomicReference<Throwable> spawnLocalInRuntimeTask = new AtomicReference<>();
        try (Runtime rt = oneWorker(); LocalSet set = new LocalSet()) {
            JoinHandle<String> h = set.spawnLocal(Futures.lazy(() -> {
                assertEquals(rt.handle(), Handle.current());
                JoinHandle<String> onRuntime = Weft.spawn(cx -> {
                    runtimeTaskThread.set(Thread.currentThread());
                    try {
                        Weft.spawnLocal(Futures.ready(0));
                    } catch (IllegalStateException e) {
                        spawnLocalInRuntimeTask.set(e);
                    }
                    return Poll.ready("runtime");
                });
                JoinHandle<String> local = Weft.spawnLocal(Futures.ready("local"));
                assertSame(set, LocalSet.current());
                return Futures.join(onRuntime, local).map(l -> String.join("+", l));
            }));
            assertEquals("runtime+local", set.blockOn(rt, h));
        }
        assertTrue(runtimeTaskThread.get().getName().startsWith("weft-worker-"), runtimeTaskThread.get().getName());
        assertTrue(spawnLocalInRuntimeTask.get().getMessage().contains("no LocalSet running"));
    }

    @Test
    void blockingWorkFromALocalTaskGoesToTheRuntimesPool() throws Exception {
        AtomicReference<Thread> bodyThread = new AtomicReference<>();
        try (Runtime rt = currentThread(); LocalSet set = new LocalSet()) {
            JoinHandle<Handle> h = set.spawnLocal(Futures.lazy(() -> Weft.spawnBlocking(() -> {
                bodyThread.set(Thread.currentThread());
                return Handle.current();
            })));
            assertEquals(rt.handle(), set.blockOn(rt, h));
            JoinHandle<Integer> inPlace = set.spawnLocal(cx -> {
                try {
                    return Poll.ready(Weft.blockInPlace(() -> 1));
                } catch (Exception e) {
                    return Poll.failed(e);
                }
            });
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> set.blockOn(rt, inPlace));
            assertTrue(e.getMessage().contains("current-thread runtime"), e.getMessage());
        }
        assertTrue(bodyThread.get().getName().startsWith("weft-blocking-"), bodyThread.get().getName());
    }

    @Test
    void theRunUntilFutureMaySpawnLocalTasks() throws Exception {
        try (Runtime rt = currentThread(); LocalSet set = new LocalSet()) {
            int v = set.blockOn(rt, Futures.lazy(() -> Weft.spawnLocal(Futures.ready(41)).map(x -> x + 1)));
            assertEquals(42, v);
        }
    }

    @Test
    void aTaskThatKeepsWakingItselfStarvesNeitherTheRunNorTheRuntimeNorOtherLocalTasks() throws Exception {
        AtomicInteger spins = new AtomicInteger();
        try (Runtime rt = currentThread(); LocalSet set = new LocalSet()) {
            set.spawnLocal(spinner(spins));
            JoinHandle<Integer> other = set.spawnLocal(yielding(5, 1, new ArrayList<>()));
            assertEquals(1, (int) set.blockOn(rt, other));
            JoinHandle<Integer> onRuntime = rt.spawn(yielding(3, 2, new ArrayList<>()));
            assertEquals(2, (int) set.blockOn(rt, onRuntime));
            assertTrue(spins.get() < 20 * LocalSetFixture.BATCH, "spins: " + spins.get());
        }
    }

    @Test
    void runUntilChecksItsThreadRuntimeAndNesting() throws Exception {
        try (Runtime rt = currentThread(); LocalSet set = new LocalSet()) {
            set.blockOn(rt, Futures.ready(null));
            AtomicReference<Throwable> fromOtherThread = new AtomicReference<>();
            Thread.ofPlatform().start(() -> {
                try (Runtime rt2 = currentThread()) {
                    set.blockOn(rt2, Futures.ready(null));
                } catch (Throwable t) {
                    fromOtherThread.set(t);
                }
            }).join();
            assertTrue(fromOtherThread.get() instanceof IllegalStateException);
            assertTrue(fromOtherThread.get().getMessage().startsWith("a LocalSet runs on one thread; "),
                    fromOtherThread.get().getMessage());
            try (Runtime rt3 = currentThread()) {
                IllegalStateException e = assertThrows(IllegalStateException.class,
                        () -> set.blockOn(rt3, Futures.ready(null)));
                assertTrue(e.getMessage().contains("cannot run inside another one"), e.getMessage());
            }
            JoinHandle<Object> nested = set.spawnLocal(Futures.lazy(() -> set.runUntil(Futures.ready(null))));
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> set.blockOn(rt, nested));
            assertTrue(e.getMessage().contains("from inside that same set"), e.getMessage());
        }
    }

    @Test
    void misuseOutsideASetOrARuntimeNamesTheFix() throws Exception {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Weft.spawnLocal(Futures.ready(1)));
        assertTrue(e.getMessage().contains("no LocalSet running on this thread"), e.getMessage());
        try (Runtime rt = currentThread()) {
            JoinHandle<Integer> h = rt.spawn(Futures.lazy(() -> Weft.spawnLocal(Futures.ready(1))));
            assertThrows(IllegalStateException.class, () -> rt.blockOn(h));
        }
        try (LocalSet set = new LocalSet()) {
            IllegalStateException noRuntime = assertThrows(IllegalStateException.class,
                    () -> set.runUntil(Futures.ready(1)).await());
            assertTrue(noRuntime.getMessage().contains("a LocalSet runs inside a runtime"), noRuntime.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> new LocalSet().spawnLocal((Future<Object>) null));
    }
}
