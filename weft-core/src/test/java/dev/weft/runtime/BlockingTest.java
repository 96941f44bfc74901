package dev.weft.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.weft.Async;
import dev.weft.Weft;
import dev.weft.future.Poll;
import dev.weft.runtime.blocking.BlockingSpawner;
import dev.weft.runtime.internal.RuntimeContext;
import dev.weft.runtime.scheduler.Scheduler;
import dev.weft.testkit.TestWaker;
import dev.weft.time.Time;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** spawnBlocking and blockInPlace through the public API: Runtime, Handle, Weft, the builder. */
@Timeout(30)
class BlockingTest {

    static Runtime newRuntime() {
        return Runtime.builder().currentThread().build();
    }

    static Runtime platform(int max) {
        return Runtime.builder().currentThread().maxBlockingThreads(max).build();
    }

    static Runtime paused(BlockingPool pool) {
        return Runtime.builder().currentThread().enableTime().startPaused(true).blockingPool(pool).build();
    }

    /** The runtime's blocking pool, for its metrics hooks. */
    static BlockingSpawner pool(Runtime rt) throws Exception {
        return rt.blockOn(cx -> Poll.ready(((Scheduler) RuntimeContext.current()).blocking()));
    }

    /** Waits (a few ms at a time, 10 s at most) for a condition another thread makes true. */
    static void eventually(String what, BooleanSupplier cond) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!cond.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                fail("timed out waiting until " + what);
            }
            Thread.sleep(1);
        }
    }

    static void await(CountDownLatch latch) {
        try {
            if (!latch.await(10, TimeUnit.SECONDS)) {
                throw new AssertionError("latch not released in 10 s");
            }
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }


    // ---- values, failures, threads ------------------------------------------------------------

    @Test
    void theBodyRunsOnANewVirtualThreadByDefault() throws Exception {
        try (Runtime rt = newRuntime()) {
            Thread t = rt.blockOn(rt.spawnBlocking(Thread::currentThread));
            assertTrue(t.isVirtual(), t.toString());
            assertTrue(t.getName().startsWith("weft-blocking-"), t.getName());
            assertNotEquals(Thread.currentThread(), t);
            assertEquals(BlockingPool.virtualThreads(), pool(rt).config());
        }
    }

    @Test
    void aPlatformPoolRunsTheBodyOnANamedDaemonPlatformThread() throws Exception {
        try (Runtime rt = platform(2)) {
            Thread t = rt.blockOn(rt.spawnBlocking(Thread::currentThread));
            assertFalse(t.isVirtual());
            assertTrue(t.isDaemon());
            assertEquals("weft-blocking-1", t.getName());
        }
    }

    @Test
    void theBodyRunsInsideItsRuntime() throws Exception {
        for (Runtime rt : List.of(newRuntime(), platform(1))) {
            try (rt) {
                Handle inside = rt.blockOn(rt.spawnBlocking(Handle::current));
                assertEquals(rt.handle(), inside);
                JoinHandle<Integer> spawned = rt.blockOn(rt.spawnBlocking(() -> Weft.spawn(() -> 7)));
                assertEquals(7, (int) rt.blockOn(spawned));
            }
        }
    }

    @Test
    void weftSpawnBlockingFromACoroutineReturnsTheValue() throws Exception {
        try (Runtime rt = newRuntime()) {
            assertEquals(42, (int) rt.blockOn(Async.async(() -> Weft.spawnBlocking(() -> 21 * 2).await())));
        }
    }

    @Test
    void aCheckedExceptionReachesTheJoinerAsTheSameInstance() {
        IOException boom = new IOException("disk on fire");
        for (Runtime rt : List.of(newRuntime(), platform(1))) {
            try (rt) {
                JoinHandle<Object> h = rt.spawnBlocking(() -> {
                    throw boom;
                });
                assertSame(boom, assertThrows(IOException.class, () -> rt.blockOn(h)));
                JoinHandle<Object> h2 = rt.spawnBlocking(() -> {
                    throw boom;
                });
                assertSame(boom, assertThrows(IOException.class, () -> rt.blockOn(Async.async(h2::await))));
            }
        }
    }

    @Test
    void handlesHaveIdsUniqueAmongTheRuntimesTasksAndReportFinished() throws Exception {
        try (Runtime rt = newRuntime()) {
            CountDownLatch gate = new CountDownLatch(1);
            JoinHandle<Integer> b = rt.spawnBlocking(() -> {
                await(gate);
                return 1;
            });
            JoinHandle<Integer> t = rt.spawn(cx -> Poll.ready(2));
            JoinHandle<Integer> b2 = rt.spawnBlocking(() -> 3);
            assertNotEquals(b.id(), t.id());
            assertNotEquals(b.id(), b2.id());
            assertNotEquals(t.id(), b2.id());
            assertFalse(b.isFinished());
            gate.countDown();
            assertEquals(1, (int) rt.blockOn(b));
            assertTrue(b.isFinished());
            IllegalStateException twice = assertThrows(IllegalStateException.class, () -> rt.blockOn(b));
            assertTrue(twice.getMessage().contains("polled after it completed"), twice.getMessage());
        }
    }

    // ---- abort ---------------------------------------------------------------------------------

    @Test
    void abortBeforeTheBodyStartedCancelsItAndTheBodyNeverRuns() throws Exception {
        try (Runtime rt = platform(1)) {
            CountDownLatch gate = new CountDownLatch(1);
            CountDownLatch started = new CountDownLatch(1);
            JoinHandle<String> busy = rt.spawnBlocking(() -> {
                started.countDown();
                await(gate);
                return "busy";
            });
            await(started);
            AtomicBoolean ran = new AtomicBoolean();
            JoinHandle<String> queued = rt.spawnBlocking(() -> {
                ran.set(true);
                return "queued";
            });
            BlockingSpawner pool = pool(rt);
            assertEquals(1, pool.queueDepth());
            queued.abort();
            queued.abort(); // idempotent
            assertTrue(queued.isFinished());
            assertEquals(0, pool.queueDepth(), "an aborted task leaves the queue at once");
            JoinError e = assertThrows(JoinError.class, () -> rt.blockOn(queued));
            assertTrue(e.isAborted());
            assertEquals(queued.id(), e.taskId());
            gate.countDown();
            assertEquals("busy", rt.blockOn(busy));
            rt.blockOn(rt.spawnBlocking(() -> null)); // the pool's one thread is free and FIFO: queued is gone
            assertFalse(ran.get(), "the aborted body never ran");
        }
    }

    @Test
    void abortAfterTheBodyStartedNeitherInterruptsNorCancelsIt() throws Exception {
        for (Runtime rt : List.of(newRuntime(), platform(1))) {
            try (rt) {
                CountDownLatch gate = new CountDownLatch(1);
                CountDownLatch started = new CountDownLatch(1);
                JoinHandle<Boolean> h = rt.spawnBlocking(() -> {
                    started.countDown();
                    gate.await(); // would throw InterruptedException if abort interrupted
                    return Thread.currentThread().isInterrupted();
                });
                await(started);
                h.abort();
                assertFalse(h.isFinished());
                gate.countDown();
                assertFalse(rt.blockOn(h), "the body ran to its end, uninterrupted");
            }
        }
    }

    @Test
    void abortOfAFinishedBlockingTaskDoesNothing() throws Exception {
        try (Runtime rt = newRuntime()) {
            JoinHandle<Integer> h = rt.spawnBlocking(() -> 5);
            eventually("the task finished", h::isFinished);
            h.abort();
            assertEquals(5, (int) rt.blockOn(h));
        }
    }

    // ---- the pending contract ------------------------------------------------------------------

    @Test
    void aPendingHandleWakesTheLatestWakerOnly() throws Exception {
        try (Runtime rt = newRuntime()) {
            CountDownLatch gate = new CountDownLatch(1);
            JoinHandle<String> h = rt.spawnBlocking(() -> {
                await(gate);
                return "done";
            });
            TestWaker first = new TestWaker();
            TestWaker second = new TestWaker();
            assertTrue(h.poll(first).isPending());
            assertTrue(h.poll(second).isPending());
            gate.countDown();
            eventually("the latest waker was woken", () -> second.wakes() == 1);
            assertEquals(0, first.wakes(), "a replaced waker is not woken");
            assertEquals(Poll.ready("done"), h.poll(second));
        }
    }

    @Test
    void aCompletionRacingAPollIsNeverLost() throws Exception {
        try (Runtime rt = newRuntime()) {
            for (int i = 0; i < 300; i++) {
                int expected = i;
                JoinHandle<Integer> h = rt.spawnBlocking(() -> expected);
                TestWaker w = new TestWaker();
                Poll<Integer> p = h.poll(w);
                if (p.isPending()) {
                    int round = i;
                    eventually("a pending poll (round " + round + ") was woken", () -> w.wakes() > 0);
                    p = h.poll(w);
                }
                assertEquals(Poll.ready(expected), p, "round " + i);
            }
        }
    }

    @Test
    void droppingTheAwaitDetachesAndTheHandleCanBeAwaitedAgain() throws Exception {
        try (Runtime rt = newRuntime()) {
            CountDownLatch gate = new CountDownLatch(1);
            JoinHandle<String> h = rt.spawnBlocking(() -> {
                await(gate);
                return "kept running";
            });
            TestWaker w = new TestWaker();
            assertTrue(h.poll(w).isPending());
            h.cancel(); // what a select loser or a timeout does
            gate.countDown();
            assertEquals("kept running", rt.blockOn(h));
            assertEquals(0, w.wakes(), "a detached waker is not woken");
        }
    }

    // ---- the paused clock ------------------------------------------------------------------------

    /** Without the in-flight count the runtime would see every task idle and jump one hour at once. */
    private static void pausedClockHoldsStillWhileABlockingTaskRuns(BlockingPool kind) throws Exception {
        try (Runtime rt = paused(kind)) {
            List<String> log = rt.blockOn(Async.async(() -> {
                List<String> out = new CopyOnWriteArrayList<>();
                Instant start = Time.now();
                JoinHandle<Void> sleeper = Weft.spawn(() -> {
                    Weft.sleep(Duration.ofHours(1)).await();
                    out.add("slept");
                    return null;
                });
                JoinHandle<Void> blocking = Weft.spawnBlocking(() -> {
                    Thread.sleep(20); // ~20 ms of real time
                    out.add("blocked");
                    return null;
                });
                blocking.await();
                out.add("joined@" + Duration.between(start, Time.now()).toMinutes());
                sleeper.await();
                out.add("end@" + Duration.between(start, Time.now()).toMinutes());
                return out;
            }));
            assertEquals(List.of("blocked", "joined@0", "slept", "end@60"), log);
        }
    }

    @Test
    void thePausedClockDoesNotAdvanceWhileAVirtualThreadBlockingTaskRuns() throws Exception {
        pausedClockHoldsStillWhileABlockingTaskRuns(BlockingPool.virtualThreads());
    }

    @Test
    void thePausedClockDoesNotAdvanceWhileAPlatformBlockingTaskRuns() throws Exception {
        pausedClockHoldsStillWhileABlockingTaskRuns(BlockingPool.platform(1, Duration.ZERO));
    }

    @Test
    void thePausedClockHoldsStillForAQueuedBlockingTaskToo() throws Exception {
        try (Runtime rt = paused(BlockingPool.platform(1, Duration.ofMinutes(1)))) {
            List<String> log = rt.blockOn(Async.async(() -> {
                List<String> out = new CopyOnWriteArrayList<>();
                JoinHandle<Void> sleeper = Weft.spawn(() -> {
                    Weft.sleep(Duration.ofHours(1)).await();
                    out.add("slept");
                    return null;
                });
                JoinHandle<Void> first = Weft.spawnBlocking(() -> {
                    Thread.sleep(10);
                    out.add("first");
                    return null;
                });
                JoinHandle<Void> queued = Weft.spawnBlocking(() -> {
                    Thread.sleep(10);
                    out.add("queued");
                    return null;
                });
                sleeper.await();
                first.await();
                queued.await();
                return out;
            }));
            assertEquals(List.of("first", "queued", "slept"), log);
        }
    }

    // ---- failures nobody joined ----------------------------------------------------------------

    @Test
    void aFailureNobodyJoinedGoesToTheHandlerAndAJoinedOneDoesNot() throws Exception {
        List<String> reported = new CopyOnWriteArrayList<>();
        Runtime rt = Runtime.builder().currentThread()
                .uncaughtFailureHandler((id, f) -> reported.add(id + ":" + f.getMessage())).build();
        JoinHandle<Object> lost = rt.spawnBlocking(() -> {
            throw new IOException("lost");
        });
        JoinHandle<Object> seen = rt.spawnBlocking(() -> {
            throw new IOException("seen");
        });
        assertThrows(IOException.class, () -> rt.blockOn(seen));
        BlockingSpawner pool = pool(rt);
        eventually("both bodies ended", () -> pool.inFlight() == 0);
        assertTrue(lost.isFinished());
        rt.close();
        assertEquals(List.of(lost.id() + ":lost"), reported);
    }

    @Test
    void anAbortedOrCancelledBlockingTaskIsNotReportedAsAFailure() throws Exception {
        List<String> reported = new CopyOnWriteArrayList<>();
        Runtime rt = Runtime.builder().currentThread().maxBlockingThreads(1)
                .uncaughtFailureHandler((id, f) -> reported.add(id + ":" + f)).build();
        CountDownLatch gate = new CountDownLatch(1);
        CountDownLatch started = new CountDownLatch(1);
        rt.spawnBlocking(() -> {
            started.countDown();
            await(gate);
            return null;
        });
        await(started);
        rt.spawnBlocking(() -> null).abort();
        rt.spawnBlocking(() -> null); // cancelled by close
        rt.close();
        gate.countDown();
        assertEquals(List.of(), reported);
    }

    // ---- shutdown --------------------------------------------------------------------------------

    @Test
    void closeDoesNotWaitForARunningBodyWhichIsLeftToFinish() throws Exception {
        for (Runtime rt : List.of(newRuntime(), platform(1))) {
            CountDownLatch gate = new CountDownLatch(1);
            CountDownLatch started = new CountDownLatch(1);
            JoinHandle<String> h = rt.spawnBlocking(() -> {
                started.countDown();
                gate.await();
                return "finished after close";
            });
            await(started);
            rt.close(); // returns although the body still blocks
            assertFalse(h.isFinished());
            gate.countDown();
            assertEquals("finished after close", h.await()); // joined from a plain thread
        }
    }

    @Test
    void closeCancelsQueuedBlockingTasksWithAShutdownJoinError() throws Exception {
        Runtime rt = platform(1);
        CountDownLatch gate = new CountDownLatch(1);
        CountDownLatch started = new CountDownLatch(1);
        JoinHandle<String> running = rt.spawnBlocking(() -> {
            started.countDown();
            await(gate);
            return "ran";
        });
        await(started);
        AtomicInteger ran = new AtomicInteger();
        JoinHandle<Integer> q1 = rt.spawnBlocking(ran::incrementAndGet);
        JoinHandle<Integer> q2 = rt.spawnBlocking(ran::incrementAndGet);
        BlockingSpawner pool = pool(rt);
        rt.close();
        assertTrue(q1.isFinished());
        assertTrue(q2.isFinished());
        assertEquals(0, pool.queueDepth());
        JoinError e = assertThrows(JoinError.class, q1::await);
        assertTrue(e.isShutdown());
        assertEquals(q1.id(), e.taskId());
        assertTrue(assertThrows(JoinError.class, q2::await).isShutdown());
        gate.countDown();
        assertEquals("ran", running.await());
        eventually("the pool's thread exited", () -> pool.threads() == 0);
        assertEquals(0, ran.get(), "cancelled bodies never ran");
        assertEquals(0, pool.inFlight());
    }

    @Test
    void spawnBlockingAfterCloseIsRefused() {
        for (Runtime rt : List.of(newRuntime(), platform(1))) {
            rt.close();
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> rt.spawnBlocking(() -> 1));
            assertTrue(e.getMessage().contains("shut down"), e.getMessage());
            assertThrows(IllegalStateException.class, () -> rt.handle().spawnBlocking(() -> 1));
        }
    }

    @Test
    void aCoroutineAwaitingABlockingTaskUnwindsAtCloseWithoutWaitingForIt() throws Exception {
        Runtime rt = newRuntime();
        CountDownLatch gate = new CountDownLatch(1);
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch awaiting = new CountDownLatch(1);
        AtomicBoolean unwound = new AtomicBoolean();
        JoinHandle<String> blocking = rt.spawnBlocking(() -> {
            started.countDown();
            await(gate);
            return "late";
        });
        JoinHandle<String> waiter = rt.spawn(() -> {
            try {
                awaiting.countDown();
                return blocking.await();
            } finally {
                unwound.set(true);
            }
        });
        await(started);
        while (awaiting.getCount() > 0) {
            rt.blockOn(Weft.yieldNow()); // let the coroutine start (on this thread, or on the JDK's)
        }
        rt.close();
        assertTrue(unwound.get());
        assertTrue(waiter.isFinished());
        gate.countDown();
        assertEquals("late", blocking.await(), "the detached blocking task still finished");
    }
}
