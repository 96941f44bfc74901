package dev.weft.runtime.blocking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.weft.runtime.BlockingPool;
import dev.weft.runtime.JoinError;
import dev.weft.runtime.JoinHandle;
import dev.weft.runtime.scheduler.CurrentThreadScheduler;
import dev.weft.runtime.scheduler.Scheduler;
import dev.weft.runtime.scheduler.SchedulerConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The pools' mechanics: thread creation, queueing, keep-alive, shutdown, metrics hooks. */
@Timeout(30)
class PlatformThreadPoolTest {
    private final Scheduler scheduler = new CurrentThreadScheduler(SchedulerConfig.of(null, null, (id, f) -> { }));
    private final List<BlockingSpawner> pools = new ArrayList<>();
    private final CountDownLatch gate = new CountDownLatch(1);

    @AfterEach
    void release() {
        gate.countDown();
        pools.forEach(BlockingSpawner::shutdown);
    }

    private PlatformThreadPool pool(int max, Duration keepAlive) {
        PlatformThreadPool p = new PlatformThreadPool(BlockingPool.platform(max, keepAlive), scheduler);
        pools.add(p);
        return p;
    }

    static void eventually(String what, BooleanSupplier cond) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!cond.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                fail("timed out waiting until " + what);
            }
            Thread.sleep(1);
        }
    }

    private void waitForGate() {
        try {
            if (!gate.await(10, TimeUnit.SECONDS)) {
                throw new AssertionError("gate not opened in 10 s");
            }
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    /** Spawns a body that says it started, then waits for the gate. */
    private JoinHandle<String> gated(BlockingSpawner p, CountDownLatch started) {
        return p.spawn(() -> {
            started.countDown();
            waitForGate();
            return Thread.currentThread().getName();
        });
    }

    @Test
    void threadsAreStartedOnDemandUpToTheLimitThenTasksQueue() throws Exception {
        PlatformThreadPool p = pool(2, Duration.ofMinutes(1));
        assertEquals(0, p.threads());
        CountDownLatch started = new CountDownLatch(2);
        JoinHandle<String> a = gated(p, started);
        JoinHandle<String> b = gated(p, started);
        JoinHandle<String> c = gated(p, new CountDownLatch(1));
        assertTrue(started.await(10, TimeUnit.SECONDS));
        assertEquals(2, p.threads());
        assertEquals(0, p.idleThreads());
        assertEquals(1, p.queueDepth());
        assertEquals(3, p.inFlight());
        gate.countDown();
        List<String> names = List.of(a.await(), b.await(), c.await());
        for (String n : names) {
            assertTrue(n.equals("weft-blocking-1") || n.equals("weft-blocking-2"), n);
        }
        eventually("every task ended", () -> p.inFlight() == 0);
        eventually("both threads idle", () -> p.idleThreads() == 2);
        assertEquals(2, p.threads());
        assertEquals(0, p.queueDepth());
    }

    @Test
    void neverMoreThreadsThanTheLimitRunBodiesAtOnce() throws Exception {
        PlatformThreadPool p = pool(2, Duration.ofMinutes(1));
        AtomicInteger running = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        List<JoinHandle<Integer>> hs = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            int v = i;
            hs.add(p.spawn(() -> {
                most.accumulateAndGet(running.incrementAndGet(), Math::max);
                Thread.onSpinWait();
                running.decrementAndGet();
                return v;
            }));
        }
        long sum = 0;
        for (JoinHandle<Integer> h : hs) {
            sum += h.await();
        }
        assertEquals(199 * 200 / 2, sum);
        assertTrue(most.get() <= 2, "at most 2 bodies at once, saw " + most.get());
        assertTrue(p.threads() <= 2);
    }

    @Test
    void queuedTasksRunInFifoOrder() throws Exception {
        PlatformThreadPool p = pool(1, Duration.ofMinutes(1));
        CountDownLatch started = new CountDownLatch(1);
        JoinHandle<String> first = gated(p, started);
        assertTrue(started.await(10, TimeUnit.SECONDS));
        List<Integer> order = new CopyOnWriteArrayList<>();
        List<JoinHandle<Boolean>> queued = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            int n = i;
            queued.add(p.spawn(() -> order.add(n)));
        }
        assertEquals(5, p.queueDepth());
        gate.countDown();
        first.await();
        for (JoinHandle<Boolean> h : queued) {
            h.await();
        }
        assertEquals(List.of(0, 1, 2, 3, 4), order);
    }

    @Test
    void anIdleThreadIsReusedWithinItsKeepAlive() throws Exception {
        PlatformThreadPool p = pool(4, Duration.ofMinutes(1));
        Thread first = p.spawn(Thread::currentThread).await();
        eventually("the thread is idle", () -> p.idleThreads() == 1);
        Thread second = p.spawn(Thread::currentThread).await();
        assertSame(first, second);
        assertEquals(1, p.threads());
    }

    @Test
    void idleThreadsExitAfterTheKeepAlive() throws Exception {
        PlatformThreadPool p = pool(2, Duration.ofMillis(20));
        Thread t = p.spawn(Thread::currentThread).await();
        eventually("the idle thread exited", () -> p.threads() == 0);
        assertEquals(0, p.idleThreads());
        t.join(TimeUnit.SECONDS.toMillis(10));
        assertFalse(t.isAlive());
        Thread again = p.spawn(Thread::currentThread).await(); // a new one is started on demand
        assertEquals("weft-blocking-2", again.getName());
    }

    @Test
    void aZeroKeepAliveLetsTheThreadExitAsSoonAsTheQueueIsEmpty() throws Exception {
        PlatformThreadPool p = pool(1, Duration.ZERO);
        assertEquals(3, p.spawn(() -> 3).await());
        eventually("the thread exited", () -> p.threads() == 0);
    }

    @Test
    void shutdownCancelsQueuedTasksLetsTheRunningOneFinishAndThreadsExit() throws Exception {
        PlatformThreadPool p = pool(1, Duration.ofMinutes(1));
        CountDownLatch started = new CountDownLatch(1);
        JoinHandle<String> running = gated(p, started);
        assertTrue(started.await(10, TimeUnit.SECONDS));
        AtomicInteger ran = new AtomicInteger();
        JoinHandle<Integer> q1 = p.spawn(ran::incrementAndGet);
        JoinHandle<Integer> q2 = p.spawn(ran::incrementAndGet);
        p.shutdown();
        p.shutdown(); // idempotent
        assertTrue(q1.isFinished() && q2.isFinished());
        assertTrue(assertThrows(JoinError.class, q1::await).isShutdown());
        assertTrue(assertThrows(JoinError.class, q2::await).isShutdown());
        assertEquals(0, p.queueDepth());
        assertFalse(running.isFinished(), "a running body is left to finish");
        IllegalStateException refused = assertThrows(IllegalStateException.class, () -> p.spawn(() -> 1));
        assertTrue(refused.getMessage().contains("shut down"), refused.getMessage());
        gate.countDown();
        assertEquals("weft-blocking-1", running.await());
        eventually("the thread exited", () -> p.threads() == 0);
        assertEquals(0, ran.get());
        assertEquals(0, p.inFlight());
    }

    @Test
    void shutdownWakesIdleThreadsSoTheyExitBeforeTheirKeepAlive() throws Exception {
        PlatformThreadPool p = pool(2, Duration.ofHours(1));
        CountDownLatch started = new CountDownLatch(2);
        JoinHandle<String> a = gated(p, started);
        JoinHandle<String> b = gated(p, started);
        assertTrue(started.await(10, TimeUnit.SECONDS));
        gate.countDown();
        a.await();
        b.await();
        eventually("both threads idle", () -> p.idleThreads() == 2);
        p.shutdown();
        eventually("the idle threads exited", () -> p.threads() == 0);
        assertEquals(0, p.idleThreads());
    }

    @Test
    void anInterruptLeftByABodyDoesNotLeakIntoTheNextTask() throws Exception {
        PlatformThreadPool p = pool(1, Duration.ofMinutes(1));
        CountDownLatch started = new CountDownLatch(1);
        JoinHandle<Thread> first = p.spawn(() -> {
            started.countDown();
            waitForGate();
            Thread.currentThread().interrupt();
            return Thread.currentThread();
        });
        assertTrue(started.await(10, TimeUnit.SECONDS));
        JoinHandle<Boolean> next = p.spawn(() -> !Thread.currentThread().isInterrupted()); // queued behind it
        gate.countDown();
        assertEquals("weft-blocking-1", first.await().getName());
        assertTrue(next.await(), "the next body on the same thread starts uninterrupted");
    }

    @Test
    void whenNoThreadCanBeStartedTheTaskFailsWithThatError() throws Exception {
        OutOfMemoryError noThreads = new OutOfMemoryError("unable to create native thread");
        PlatformThreadPool p = new PlatformThreadPool(BlockingPool.platform(2), scheduler, r -> {
            throw noThreads;
        });
        pools.add(p);
        JoinHandle<Integer> h = p.spawn(() -> 1);
        assertTrue(h.isFinished());
        assertSame(noThreads, assertThrows(OutOfMemoryError.class, h::await));
        assertEquals(0, p.threads());
        assertEquals(0, p.queueDepth());
        assertEquals(0, p.inFlight());
    }

    @Test
    void theVirtualSpawnerStartsEveryTaskAtOnceAndCountsRunningBodies() throws Exception {
        BlockingSpawner v = BlockingSpawner.create(BlockingPool.virtualThreads(), scheduler);
        pools.add(v);
        assertTrue(v instanceof VirtualThreadSpawner);
        CountDownLatch started = new CountDownLatch(20);
        List<JoinHandle<String>> hs = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            hs.add(gated(v, started));
        }
        assertTrue(started.await(10, TimeUnit.SECONDS), "every body started without waiting for another");
        assertEquals(20, v.threads());
        assertEquals(20, v.inFlight());
        assertEquals(0, v.queueDepth());
        assertEquals(0, v.idleThreads());
        gate.countDown();
        for (JoinHandle<String> h : hs) {
            assertTrue(h.await().startsWith("weft-blocking-"));
        }
        eventually("the threads ended", () -> v.threads() == 0 && v.inFlight() == 0);
        v.shutdown();
        assertThrows(IllegalStateException.class, () -> v.spawn(() -> 1));
    }

    @Test
    void createPicksThePoolKindFromTheConfiguration() {
        BlockingSpawner p = BlockingSpawner.create(BlockingPool.platform(3, Duration.ofSeconds(2)), scheduler);
        pools.add(p);
        assertTrue(p instanceof PlatformThreadPool);
        assertEquals(BlockingPool.platform(3, Duration.ofSeconds(2)), p.config());
        assertTrue(p.toString().contains("max=3"), p.toString());
    }
}
