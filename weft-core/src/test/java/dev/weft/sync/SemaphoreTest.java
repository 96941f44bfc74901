package dev.weft.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.Async;
import dev.weft.Weft;
import dev.weft.future.Future;
import dev.weft.future.Poll;
import dev.weft.runtime.JoinHandle;
import dev.weft.runtime.Runtime;
import dev.weft.testkit.TestWaker;
import dev.weft.time.Elapsed;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SemaphoreTest {
    private final TestWaker w = new TestWaker();

    @Test
    void acquireTakesAPermitAndCloseReturnsItExactlyOnce() {
        Semaphore s = new Semaphore(2);
        Semaphore.Permit p = w.ready(s.acquire());
        assertEquals(1, p.count());
        assertEquals(1, s.availablePermits());
        p.close();
        p.close();
        assertEquals(2, s.availablePermits());
    }

    @Test
    void acquireIsLazy() {
        Semaphore s = new Semaphore(1);
        Semaphore.Acquire a = s.acquire();
        assertEquals(1, s.availablePermits(), "nothing happens before the first poll");
        w.ready(a);
        assertEquals(0, s.availablePermits());
    }

    @Test
    void aLargeWaiterAtTheHeadIsNotOvertakenBySmallerOnes() {
        Semaphore s = new Semaphore(1);
        Semaphore.Acquire big = s.acquire(3);
        Semaphore.Acquire small = s.acquire(1);
        assertTrue(w.poll(big).isPending());
        assertEquals(0, s.availablePermits(), "the free permit is assigned to the head");
        assertTrue(w.poll(small).isPending());
        assertTrue(s.tryAcquire().isEmpty(), "tryAcquire does not barge past waiters");
        s.addPermits(1);
        assertTrue(w.poll(small).isPending(), "the head still needs one");
        assertEquals(0, w.wakes());
        s.addPermits(2);
        assertEquals(2, w.wakes(), "one for the head, now complete, then one for small");
        Semaphore.Permit bp = w.ready(big);
        assertEquals(3, bp.count());
        Semaphore.Permit sp = w.ready(small);
        assertEquals(0, s.availablePermits());
        bp.close();
        sp.close();
        assertEquals(4, s.availablePermits());
    }

    @Test
    void cancellingAPartlyServedWaiterPassesItsPermitsOn() {
        Semaphore s = new Semaphore(2);
        Semaphore.Acquire big = s.acquire(5);
        Semaphore.Acquire next = s.acquire(2);
        assertTrue(w.poll(big).isPending());
        assertTrue(w.poll(next).isPending());
        big.cancel();
        assertEquals(2, w.ready(next).count(), "the two permits big held went on");
        assertEquals(0, s.availablePermits());
    }

    @Test
    void cancellingAnAssignedButUnpolledWaiterPassesItsPermitsOn() {
        Semaphore s = new Semaphore(1);
        Semaphore.Permit held = w.ready(s.acquire());
        Semaphore.Acquire a = s.acquire();
        Semaphore.Acquire b = s.acquire();
        assertTrue(w.poll(a).isPending());
        assertTrue(w.poll(b).isPending());
        held.close(); // assigned to a, which is cancelled before it sees it
        a.cancel();
        w.ready(b).close();
        assertEquals(1, s.availablePermits());
    }

    @Test
    void cancellingTheLastWaiterReturnsPermitsToThePool() {
        Semaphore s = new Semaphore(1);
        Semaphore.Acquire a = s.acquire(2);
        assertTrue(w.poll(a).isPending());
        assertEquals(0, s.availablePermits());
        a.cancel();
        assertEquals(1, s.availablePermits());
        a.cancel(); // the owner calls it once; a second call changes nothing either
        assertEquals(1, s.availablePermits());
    }

    @Test
    void theNewestWakerIsWoken() {
        Semaphore s = new Semaphore(0);
        TestWaker first = new TestWaker();
        Semaphore.Acquire a = s.acquire();
        assertTrue(first.poll(a).isPending());
        assertTrue(w.poll(a).isPending());
        s.addPermits(1);
        assertEquals(0, first.wakes());
        assertEquals(1, w.wakes());
    }

    @Test
    void closeFailsWaitersAndLaterAcquiresButHeldPermitsStillReturn() {
        Semaphore s = new Semaphore(1);
        Semaphore.Permit held = w.ready(s.acquire());
        Semaphore.Acquire waiting = s.acquire();
        assertTrue(w.poll(waiting).isPending());
        s.close();
        assertTrue(s.isClosed());
        assertEquals(1, w.wakes());
        assertInstanceOf(SemaphoreClosedException.class, ((Poll.Failed<?>) w.poll(waiting)).error());
        assertInstanceOf(SemaphoreClosedException.class, ((Poll.Failed<?>) w.poll(s.acquire())).error());
        assertThrows(SemaphoreClosedException.class, s::tryAcquire);
        held.close();
        assertEquals(1, s.availablePermits());
    }

    @Test
    void closeReturnsPartialAssignments() {
        Semaphore s = new Semaphore(2);
        Semaphore.Acquire a = s.acquire(3);
        assertTrue(w.poll(a).isPending());
        s.close();
        assertEquals(2, s.availablePermits());
        a.cancel(); // after failing: nothing to give back twice
        assertEquals(2, s.availablePermits());
    }

    @Test
    void tryAcquireAndForget() {
        Semaphore s = new Semaphore(3);
        Semaphore.Permit p = s.tryAcquire(2).orElseThrow();
        assertTrue(s.tryAcquire(2).isEmpty());
        p.forget();
        p.close(); // forgotten: nothing comes back
        assertEquals(1, s.availablePermits());
        s.addPermits(Semaphore.MAX_PERMITS - 1); // room again after forgetting 2
        assertThrows(IllegalArgumentException.class, () -> s.addPermits(1));
    }

    @Test
    void badArgumentsAreNamed() {
        Semaphore s = new Semaphore(0);
        assertEquals("n must be in [1, " + Semaphore.MAX_PERMITS + "], was 0",
                assertThrows(IllegalArgumentException.class, () -> s.acquire(0)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> s.acquire(-1));
        assertThrows(IllegalArgumentException.class, () -> s.tryAcquire(0));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new Semaphore(-1)).getMessage()
                .contains("permits"));
        assertThrows(IllegalArgumentException.class, () -> s.addPermits(-1));
    }

    @Test
    void pollingAfterCompletionIsABug() {
        Semaphore s = new Semaphore(1);
        Semaphore.Acquire a = s.acquire();
        w.ready(a);
        assertThrows(IllegalStateException.class, () -> w.poll(a));
    }

    @Test
    void limitsConcurrencyOnTheCurrentThreadRuntime() throws Exception {
        try (Runtime rt = TestWaker.currentThread()) {
            assertEquals(2, limitConcurrency(rt));
        }
    }

    @Test
    void limitsConcurrencyOnTheMultiThreadRuntime() throws Exception {
        try (Runtime rt = TestWaker.multiThread()) {
            assertTrue(limitConcurrency(rt) <= 2);
        }
    }

    /**
     * 20 coroutines, 2 permits: returns the most that ever held one at once. Holders meet in
     * pairs at a barrier, so two are inside together however the coroutines are scheduled (with
     * a mere yield, a loaded machine in JDK-scheduler mode could run them one after another).
     */
    private static int limitConcurrency(Runtime rt) throws Exception {
        Semaphore s = new Semaphore(2);
        Barrier pair = new Barrier(2);
        AtomicInteger inside = new AtomicInteger();
        AtomicInteger max = new AtomicInteger();
        List<JoinHandle<Void>> hs = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            hs.add(rt.spawn(() -> {
                try (Semaphore.Permit p = s.acquire().await()) {
                    max.accumulateAndGet(inside.incrementAndGet(), Math::max);
                    pair.arriveAndWait().await();
                    Weft.yieldNow().await();
                    inside.decrementAndGet();
                }
                return null;
            }));
        }
        for (JoinHandle<Void> h : hs) {
            rt.blockOn(h);
        }
        assertEquals(2, s.availablePermits());
        return max.get();
    }

    @Test
    void aTimedOutAcquireLeaksNothingAndTheNextWaiterGetsThePermit() throws Exception {
        try (Runtime rt = TestWaker.currentThread()) {
            Semaphore s = new Semaphore(1);
            List<String> log = new ArrayList<>();
            rt.blockOn(Async.async(() -> {
                Semaphore.Permit held = s.acquire().await();
                Future<Void> impatient = Async.async(() -> {
                    try {
                        Weft.timeout(Duration.ofSeconds(1), s.acquire(1)).await();
                        log.add("impatient got it");
                    } catch (Elapsed e) {
                        log.add("impatient gave up");
                    }
                    return null;
                });
                JoinHandle<Void> h1 = Weft.spawn(impatient);
                JoinHandle<Void> h2 = Weft.spawn(() -> {
                    try (Semaphore.Permit p = s.acquire().await()) {
                        log.add("patient got it");
                    }
                    return null;
                });
                h1.await();
                Weft.sleep(Duration.ofSeconds(5)).await();
                held.close();
                h2.await();
                return null;
            }));
            assertEquals(List.of("impatient gave up", "patient got it"), log);
            assertEquals(1, s.availablePermits());
        }
    }

    @Test
    void blockedThreadsAwaitOutsideTheRuntime() throws Exception {
        Semaphore s = new Semaphore(0);
        Thread t = Thread.ofPlatform().start(() -> {
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            s.addPermits(1);
        });
        try (Semaphore.Permit p = s.acquire().await()) {
            assertEquals(1, p.count());
        }
        t.join();
        assertFalse(s.isClosed());
    }
}
