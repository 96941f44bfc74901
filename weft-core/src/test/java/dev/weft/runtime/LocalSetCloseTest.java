package dev.weft.runtime;

import static dev.weft.runtime.LocalSetFixture.carrier;
import static dev.weft.runtime.LocalSetFixture.currentThread;
import static dev.weft.runtime.LocalSetFixture.shortClose;
import static dev.weft.runtime.LocalSetFixture.spinner;
import static dev.weft.runtime.LocalSetFixture.weftMode;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.weft.Async;
import dev.weft.Weft;
import dev.weft.future.Context;
import dev.weft.future.Future;
import dev.weft.future.Futures;
import dev.weft.future.Poll;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Closing a LocalSet, and closing the runtime under one. */
@Timeout(value = 20, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class LocalSetCloseTest {

    /** A future that never completes and records the thread its cancel() ran on. */
    static final class Forever implements Future<Void> {
        final List<Thread> cancelledOn = new CopyOnWriteArrayList<>();
        final CountDownLatch polled = new CountDownLatch(1);

        @Override
        public Poll<Void> poll(Context cx) {
            polled.countDown();
            return Poll.pending();
        }

        @Override
        public void cancel() {
            cancelledOn.add(Thread.currentThread());
        }
    }

    @Test
    void closeOnTheSetsThreadCancelsEveryTaskThereAndRefusesNewWork() throws Exception {
        Forever a = new Forever();
        Forever b = new Forever();
        JoinHandle<Void> ha;
        LocalSet set = shortClose();
        try (Runtime rt = currentThread()) {
            ha = set.spawnLocal(a);
            set.spawnLocal(spinner(new AtomicInteger()));
            set.blockOn(rt, Weft.yieldNow());
            set.spawnLocal(b); // never polled: cancelled all the same
            set.close();
            assertTrue(set.isClosed());
            assertEquals(0, set.aliveTasks());
            JoinError e = assertThrows(JoinError.class, () -> rt.blockOn(ha));
            assertTrue(e.getMessage().contains("task " + ha.id()), e.getMessage());
            IllegalStateException spawn = assertThrows(IllegalStateException.class, () -> set.spawnLocal(Futures.ready(1)));
            assertTrue(spawn.getMessage().contains("LocalSet is closed"), spawn.getMessage());
            assertThrows(IllegalStateException.class, () -> set.runUntil(Futures.ready(1)));
            set.close(); // idempotent
        }
        assertEquals(List.of(Thread.currentThread()), a.cancelledOn);
        assertEquals(List.of(Thread.currentThread()), b.cancelledOn);
    }

    @Test
    void closeRunsTheFinallyBlocksOfLocalCoroutinesOnTheSetsThread() throws Exception {
        assumeTrue(weftMode(), "WEFT_SCHEDULER mode only");
        List<Thread> finallyOn = new CopyOnWriteArrayList<>();
        try (Runtime rt = currentThread()) {
            LocalSet set = shortClose();
            for (int i = 0; i < 3; i++) {
                set.spawnLocal(() -> {
                    try {
                        Weft.sleep(Duration.ofDays(1)).await();
                        return null;
                    } finally {
                        finallyOn.add(carrier());
                    }
                });
            }
            set.blockOn(rt, Weft.yieldNow());
            assertEquals(List.of(), finallyOn);
            set.close();
            assertEquals(List.of(Thread.currentThread(), Thread.currentThread(), Thread.currentThread()), finallyOn);
        }
    }

    @Test
    void closeFromInsideALocalTaskCancelsTheOthersOnTheSetsThread() throws Exception {
        Forever other = new Forever();
        try (Runtime rt = currentThread(); LocalSet set = shortClose()) {
            JoinHandle<Void> h = set.spawnLocal(other);
            JoinHandle<String> closer = set.spawnLocal(Futures.lazy(() -> {
                set.close();
                return Futures.ready("closed");
            }));
            assertThrows(JoinError.class, () -> set.blockOn(rt, h));
            assertEquals("closed", rt.blockOn(closer));
        }
        assertEquals(List.of(Thread.currentThread()), other.cancelledOn);
    }

    @Test
    void closeFromAnotherThreadWhileTheSetRunsLetsTheSetsThreadCancel() throws Exception {
        Forever forever = new Forever();
        Signal<String> done = new Signal<>();
        AtomicBoolean cancelledBeforeCloseReturned = new AtomicBoolean();
        try (Runtime rt = currentThread(); LocalSet set = shortClose()) {
            set.spawnLocal(forever);
            Thread closer = Thread.ofPlatform().start(() -> {
                try {
                    forever.polled.await();
                } catch (InterruptedException e) {
                    return;
                }
                set.close();
                cancelledBeforeCloseReturned.set(!forever.cancelledOn.isEmpty());
                done.complete("after close");
            });
            assertEquals("after close", set.blockOn(rt, done));
            closer.join();
        }
        assertTrue(cancelledBeforeCloseReturned.get());
        assertEquals(List.of(Thread.currentThread()), forever.cancelledOn);
    }

    @Test
    void aSetWithTasksDoesNotHoldUpItsRuntimesShutdown() throws Exception {
        Forever forever = new Forever();
        List<Thread> finallyOn = new CopyOnWriteArrayList<>();
        LocalSet set = shortClose();
        Runtime rt = Runtime.builder().currentThread().enableTime().startPaused(true)
                .shutdownTimeout(Duration.ofSeconds(60)).build();
        set.spawnLocal(forever);
        if (weftMode()) {
            set.spawnLocal(() -> {
                try {
                    Weft.sleep(Duration.ofDays(1)).await();
                    return null;
                } finally {
                    finallyOn.add(carrier());
                }
            });
        }
        JoinHandle<Object> driver = rt.spawn(set.runUntil(Futures.pending())); // a task drives the set
        rt.blockOn(Weft.yieldNow());
        long start = System.nanoTime();
        rt.close();
        assertTrue(System.nanoTime() - start < 5_000_000_000L, "the runtime's shutdown did not wait for the set");
        assertTrue(driver.isFinished());
        assertEquals(List.of(), forever.cancelledOn, "closing the runtime does not close the set");
        set.close();
        assertEquals(List.of(Thread.currentThread()), forever.cancelledOn);
        assertEquals(weftMode() ? List.of(Thread.currentThread()) : List.of(), finallyOn);
    }

    @Test
    void aSetWithTasksDoesNotHoldUpAMultiThreadRuntimesShutdown() throws Exception {
        Forever forever = new Forever();
        AtomicInteger finallies = new AtomicInteger();
        LocalSet set = shortClose();
        Runtime rt = Runtime.builder().multiThread().workerThreads(1).enableTime()
                .shutdownTimeout(Duration.ofSeconds(60)).build();
        set.spawnLocal(forever);
        if (weftMode()) {
            set.spawnLocal(() -> {
                try {
                    Weft.sleep(Duration.ofDays(1)).await();
                    return null;
                } finally {
                    finallies.incrementAndGet();
                }
            });
        }
        set.blockOn(rt, Weft.yieldNow());
        long start = System.nanoTime();
        rt.close();
        assertTrue(System.nanoTime() - start < 5_000_000_000L, "the runtime's shutdown did not wait for the set");
        set.close();
        assertEquals(List.of(Thread.currentThread()), forever.cancelledOn);
        assertEquals(weftMode() ? 1 : 0, finallies.get());
    }

    @Test
    void closeFromACoroutineRunsTheFinallyBlocksOfLocalCoroutines() throws Exception {
        assumeTrue(weftMode(), "WEFT_SCHEDULER mode only");
        AtomicReference<Thread> finallyOn = new AtomicReference<>();
        try (Runtime rt = currentThread()) {
            boolean ran = rt.blockOn(Async.async(() -> {
                try (LocalSet set = shortClose()) {
                    set.spawnLocal(() -> {
                        try {
                            Weft.sleep(Duration.ofDays(1)).await();
                            return null;
                        } finally {
                            finallyOn.set(carrier());
                        }
                    });
                    set.runUntil(Weft.yieldNow()).await();
                    assertEquals(null, finallyOn.get());
                }
                return finallyOn.get() != null;
            }));
            assertTrue(ran, "the finally block ran before close returned");
        }
        assertFalse(finallyOn.get().isVirtual());
    }

    @Test
    void closeIsBoundedWhenACoroutineRefusesToEnd() throws Exception {
        assumeTrue(weftMode(), "WEFT_SCHEDULER mode only");
        CountDownLatch never = new CountDownLatch(1);
        LocalSet set = new LocalSet(Duration.ofMillis(200));
        try (Runtime rt = currentThread()) {
            JoinHandle<Void> h = set.spawnLocal(() -> {
                for (;;) {
                    try {
                        never.await(); // a blocking JDK call that swallows every interrupt
                    } catch (InterruptedException ignored) {
                        // refuses to end
                    }
                }
            });
            set.blockOn(rt, Weft.yieldNow());
            long start = System.nanoTime();
            set.close();
            assertTrue(System.nanoTime() - start < 5_000_000_000L);
            assertTrue(h.isFinished());
            assertThrows(JoinError.class, () -> rt.blockOn(h));
        } finally {
            never.countDown();
        }
    }

    @Test
    void aTaskAbortedByCloseReportsNoUncaughtFailureButAnUnjoinedFailureIsReported() throws Exception {
        List<Long> reported = new CopyOnWriteArrayList<>();
        try (Runtime rt = Runtime.builder().currentThread().uncaughtFailureHandler((id, e) -> reported.add(id)).build()) {
            LocalSet set = shortClose();
            JoinHandle<Object> failing = set.spawnLocal(Futures.failed(new IllegalStateException("nobody joins")));
            set.spawnLocal(new Forever());
            set.blockOn(rt, Weft.yieldNow());
            assertTrue(failing.isFinished());
            set.close();
            assertEquals(List.of(failing.id()), reported);
        }
    }
}
