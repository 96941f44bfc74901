package dev.weft.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.runtime.JoinHandle;
import dev.weft.runtime.Runtime;
import dev.weft.testkit.TestWaker;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class BarrierTest {
    private final TestWaker w = new TestWaker();

    @Test
    void theNthArrivalReleasesAllAndIsTheOnlyLeader() {
        Barrier b = new Barrier(3);
        Barrier.Wait x = b.arriveAndWait();
        Barrier.Wait y = b.arriveAndWait();
        assertTrue(w.poll(x).isPending());
        assertTrue(w.poll(y).isPending());
        assertTrue(w.poll(x).isPending(), "a re-poll does not arrive twice");
        assertTrue(w.ready(b.arriveAndWait()).isLeader());
        assertEquals(2, w.wakes());
        assertFalse(w.ready(x).isLeader());
        assertFalse(w.ready(y).isLeader());
        assertThrows(IllegalStateException.class, () -> w.poll(x));
    }

    @Test
    void itIsReusableForTheNextGeneration() {
        Barrier b = new Barrier(2);
        for (int gen = 0; gen < 3; gen++) {
            Barrier.Wait x = b.arriveAndWait();
            assertTrue(w.poll(x).isPending());
            assertTrue(w.ready(b.arriveAndWait()).isLeader());
            assertFalse(w.ready(x).isLeader());
        }
        assertEquals("Barrier[arrived=0/2, generation=3]", b.toString());
    }

    @Test
    void aBarrierOfOneReleasesEveryArrivalAsLeader() {
        Barrier b = new Barrier(1);
        assertTrue(w.ready(b.arriveAndWait()).isLeader());
        assertTrue(w.ready(b.arriveAndWait()).isLeader());
        assertThrows(IllegalArgumentException.class, () -> new Barrier(0));
    }

    @Test
    void aCancelledWaitWithdrawsItsArrival() {
        Barrier b = new Barrier(2);
        Barrier.Wait x = b.arriveAndWait();
        assertTrue(w.poll(x).isPending());
        x.cancel();
        Barrier.Wait y = b.arriveAndWait();
        assertTrue(w.poll(y).isPending(), "x no longer counts");
        assertTrue(w.ready(b.arriveAndWait()).isLeader());
        assertFalse(w.ready(y).isLeader());
        b.arriveAndWait().cancel(); // never polled: never arrived
        assertEquals("Barrier[arrived=0/2, generation=1]", b.toString());
    }

    @Test
    void cancellingAReleasedWaitChangesNothing() {
        Barrier b = new Barrier(2);
        Barrier.Wait x = b.arriveAndWait();
        assertTrue(w.poll(x).isPending());
        assertTrue(w.ready(b.arriveAndWait()).isLeader());
        x.cancel();
        assertEquals("Barrier[arrived=0/2, generation=1]", b.toString());
    }

    @Test
    void exactlyOneLeaderPerGenerationOnBothFlavors() throws Exception {
        try (Runtime rt = TestWaker.currentThread()) {
            assertEquals(10, leaders(rt));
        }
        try (Runtime rt = TestWaker.multiThread()) {
            assertEquals(10, leaders(rt));
        }
    }

    /** 4 tasks pass a barrier of 4 ten times; counts the leaders. */
    private static int leaders(Runtime rt) throws Exception {
        Barrier b = new Barrier(4);
        AtomicInteger leaders = new AtomicInteger();
        int[] before = new int[4];
        List<JoinHandle<Void>> hs = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            int me = i;
            hs.add(rt.spawn(() -> {
                for (int gen = 0; gen < 10; gen++) {
                    before[me] = gen + 1;
                    if (b.arriveAndWait().await().isLeader()) {
                        leaders.incrementAndGet();
                    }
                    for (int v : before) {
                        if (v < gen + 1) {
                            throw new AssertionError("passed the barrier before everyone arrived");
                        }
                    }
                    b.arriveAndWait().await(); // nobody starts the next generation's write early
                }
                return null;
            }));
        }
        for (JoinHandle<Void> h : hs) {
            rt.blockOn(h);
        }
        return leaders.get();
    }
}
