package dev.weft.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.Async;
import dev.weft.Weft;
import dev.weft.runtime.JoinHandle;
import dev.weft.runtime.Runtime;
import dev.weft.testkit.TestWaker;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MutexTest {
    private final TestWaker w = new TestWaker();

    @Test
    void guardReadsAndWritesAndUnlocksOnce() {
        Mutex<Integer> m = new Mutex<>(1);
        Mutex.Guard<Integer> g = w.ready(m.lock());
        assertTrue(m.isLocked());
        assertEquals(1, g.get());
        g.set(2);
        g.close();
        g.close();
        assertFalse(m.isLocked());
        assertThrows(IllegalStateException.class, g::get);
        assertThrows(IllegalStateException.class, () -> g.set(3));
        try (Mutex.Guard<Integer> g2 = m.tryLock().orElseThrow()) {
            assertEquals(2, g2.get());
            assertTrue(m.tryLock().isEmpty());
        }
    }

    @Test
    void anUnlockWakesTheLongestWaiterOnlyAndWaitersGetTheLockInFifoOrder() {
        Mutex<String> m = new Mutex<>("");
        TestWaker wa = new TestWaker();
        TestWaker wb = new TestWaker();
        Mutex.Guard<String> held = m.tryLock().orElseThrow();
        Mutex.Lock<String> a = m.lock();
        Mutex.Lock<String> b = m.lock();
        assertTrue(wa.poll(a).isPending());
        assertTrue(wb.poll(b).isPending());
        held.close();
        assertEquals(1, wa.wakes());
        assertEquals(0, wb.wakes(), "one waiter woken at a time");
        assertTrue(wb.poll(b).isPending(), "b stays behind: a was woken for this unlock");
        Mutex.Guard<String> ga = wa.ready(a);
        ga.close();
        assertEquals(1, wb.wakes());
        wb.ready(b).close();
        assertFalse(m.isLocked());
    }

    @Test
    void aFreeLockMayBeBargedWhileAWokenWaiterIsOnItsWay() {
        Mutex<String> m = new Mutex<>("");
        TestWaker wa = new TestWaker();
        Mutex.Guard<String> held = m.tryLock().orElseThrow();
        Mutex.Lock<String> a = m.lock();
        assertTrue(wa.poll(a).isPending());
        held.close();
        assertEquals(1, wa.wakes());
        Mutex.Guard<String> barger = m.tryLock().orElseThrow(() -> new AssertionError("a free lock is taken at once"));
        barger.close();
        assertEquals(1, wa.wakes(), "a is already woken: the unlock wakes nobody else");
        wa.ready(a).close();
        assertFalse(m.isLocked());
    }

    @Test
    void aWaiterThatLosesTheRaceTwiceGetsTheLockHandedOverAndNobodyBargesMeanwhile() {
        Mutex<String> m = new Mutex<>("");
        TestWaker wa = new TestWaker();
        Mutex.Guard<String> held = m.tryLock().orElseThrow();
        Mutex.Lock<String> a = m.lock();
        assertTrue(wa.poll(a).isPending());
        for (int race = 1; race <= RawMutex.PASSES_BEFORE_HANDOFF; race++) {
            held.close(); // wakes a ...
            assertEquals(race, wa.wakes());
            held = m.tryLock().orElseThrow(() -> new AssertionError("barging allowed before the hand-off"));
            assertTrue(wa.poll(a).isPending(), "... which loses the race");
        }
        assertTrue(m.tryLock().isEmpty(), "locked");
        held.close();
        assertEquals(RawMutex.PASSES_BEFORE_HANDOFF + 1, wa.wakes());
        assertTrue(m.isLocked(), "handed over, not released");
        assertTrue(m.tryLock().isEmpty(), "nobody barges past the hand-off");
        wa.ready(a).close();
        assertFalse(m.isLocked());
    }

    @Test
    void cancellingAWokenWaiterPassesTheWakeOn() {
        Mutex<String> m = new Mutex<>("");
        TestWaker wa = new TestWaker();
        TestWaker wb = new TestWaker();
        Mutex.Guard<String> held = m.tryLock().orElseThrow();
        Mutex.Lock<String> a = m.lock();
        Mutex.Lock<String> b = m.lock();
        assertTrue(wa.poll(a).isPending());
        assertTrue(wb.poll(b).isPending());
        held.close();
        assertEquals(0, wb.wakes());
        a.cancel();
        assertEquals(1, wb.wakes(), "the wake a had goes to b");
        wb.ready(b).close();
        assertFalse(m.isLocked());
    }

    @Test
    void cancellingAWaiterThatWasHandedTheLockUnlocksIt() {
        Mutex<String> m = new Mutex<>("");
        TestWaker wa = new TestWaker();
        TestWaker wb = new TestWaker();
        Mutex.Guard<String> held = m.tryLock().orElseThrow();
        Mutex.Lock<String> a = m.lock();
        assertTrue(wa.poll(a).isPending());
        for (int race = 1; race <= RawMutex.PASSES_BEFORE_HANDOFF; race++) {
            held.close();
            held = m.tryLock().orElseThrow();
            assertTrue(wa.poll(a).isPending());
        }
        Mutex.Lock<String> b = m.lock();
        assertTrue(wb.poll(b).isPending());
        held.close(); // handed to a
        assertTrue(m.isLocked());
        a.cancel();
        assertEquals(1, wb.wakes(), "a's unlock woke b");
        wb.ready(b).close();
        assertFalse(m.isLocked());
    }

    @Test
    void cancellingAWaiterThatWasHandedTheLockPassesItOn() {
        Mutex<String> m = new Mutex<>("");
        Mutex.Guard<String> held = w.ready(m.lock());
        Mutex.Lock<String> a = m.lock();
        Mutex.Lock<String> b = m.lock();
        assertTrue(w.poll(a).isPending());
        assertTrue(w.poll(b).isPending());
        held.close();
        a.cancel();
        w.ready(b).close();
        assertFalse(m.isLocked());
    }

    @Test
    void cancellingAQueuedWaiterLeavesTheQueue() {
        Mutex<String> m = new Mutex<>("");
        Mutex.Guard<String> held = w.ready(m.lock());
        Mutex.Lock<String> a = m.lock();
        assertTrue(w.poll(a).isPending());
        a.cancel();
        held.close();
        assertFalse(m.isLocked());
    }

    @Test
    void blockingLockFromAPlainThreadAndRefusedOnAWorker() throws Exception {
        Mutex<Integer> m = new Mutex<>(0);
        Mutex.Guard<Integer> held = m.tryLock().orElseThrow();
        Thread t = Thread.ofPlatform().start(() -> {
            try (Mutex.Guard<Integer> g = m.blockingLock()) {
                g.set(g.get() + 1);
            }
        });
        held.set(10);
        held.close();
        t.join();
        assertEquals(11, m.blockingLock().get());
        try (Runtime rt = TestWaker.currentThread()) {
            Mutex<Integer> free = new Mutex<>(0);
            assertThrows(IllegalStateException.class,
                    () -> rt.blockOn(rt.spawn(cx -> dev.weft.future.Poll.ready(free.blockingLock()))));
        }
    }

    @Test
    void countsCorrectlyUnderContentionOnBothFlavors() throws Exception {
        try (Runtime rt = TestWaker.currentThread()) {
            assertEquals(400, contend(rt));
        }
        try (Runtime rt = TestWaker.multiThread()) {
            assertEquals(400, contend(rt));
        }
    }

    /** 8 coroutines each add 1 fifty times, yielding while holding the lock. */
    private static int contend(Runtime rt) throws Exception {
        Mutex<int[]> m = new Mutex<>(new int[1]);
        List<JoinHandle<Void>> hs = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            hs.add(rt.spawn(() -> {
                for (int k = 0; k < 50; k++) {
                    try (Mutex.Guard<int[]> g = m.lock().await()) {
                        int v = g.get()[0];
                        Weft.yieldNow().await();
                        g.get()[0] = v + 1;
                    }
                }
                return null;
            }));
        }
        for (JoinHandle<Void> h : hs) {
            rt.blockOn(h);
        }
        return rt.blockOn(Async.async(() -> m.lock().await().get()[0]));
    }
}
