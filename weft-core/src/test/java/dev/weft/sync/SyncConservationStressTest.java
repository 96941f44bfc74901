package dev.weft.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.Weft;
import dev.weft.future.Future;
import dev.weft.future.Selected;
import dev.weft.runtime.JoinHandle;
import dev.weft.runtime.Runtime;
import dev.weft.testkit.TestWaker;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Conservation and exclusion across {@link RwLock} and {@link Semaphore} under cancellation: 8
 * coroutines on 2 workers take a read or a write lock (a write increments the value), sometimes
 * take semaphore permits while holding it, hold across a yield and release — or cancel a wait by
 * racing it against a yield. Writers never overlap each other or a reader; at the end every
 * permit is back, the lock is free and the value equals the writes made. Seeded; the seed is in
 * the failure message.
 */
@Tag("stress")
class SyncConservationStressTest {
    private static final int TASKS = 8;
    private static final int ROUNDS = 500;
    private static final int PERMITS = 3;

    @Test
    void nothingIsLostAndWritersAreExclusive() throws Exception {
        long seed = System.nanoTime();
        String why = "seed " + seed;
        RwLock<int[]> lock = new RwLock<>(new int[1], 4);
        Semaphore s = new Semaphore(PERMITS);
        AtomicInteger readers = new AtomicInteger();
        AtomicInteger writers = new AtomicInteger();
        AtomicInteger writes = new AtomicInteger();
        AtomicInteger violations = new AtomicInteger();
        SplittableRandom root = new SplittableRandom(seed);
        try (Runtime rt = TestWaker.multiThread()) {
            List<JoinHandle<Void>> hs = new ArrayList<>();
            for (int t = 0; t < TASKS; t++) {
                SplittableRandom r = root.split();
                hs.add(rt.spawn(() -> {
                    for (int i = 0; i < ROUNDS; i++) {
                        boolean write = r.nextInt(4) == 0;
                        Object got = maybeCancelled(write ? lock.write() : lock.read(), r);
                        if (got instanceof RwLock.WriteGuard<?> g) {
                            if (writers.incrementAndGet() != 1 || readers.get() != 0) {
                                violations.incrementAndGet();
                            }
                            @SuppressWarnings("unchecked")
                            RwLock.WriteGuard<int[]> w = (RwLock.WriteGuard<int[]>) g;
                            int v = w.get()[0];
                            Weft.yieldNow().await();
                            w.get()[0] = v + 1;
                            writes.incrementAndGet();
                            writers.decrementAndGet();
                            w.close();
                        } else if (got instanceof RwLock.ReadGuard<?> g) {
                            readers.incrementAndGet();
                            if (writers.get() != 0) {
                                violations.incrementAndGet();
                            }
                            if (maybeCancelled(s.acquire(1 + r.nextInt(2)), r) instanceof Semaphore.Permit p) {
                                Weft.yieldNow().await();
                                p.close();
                            }
                            readers.decrementAndGet();
                            g.close();
                        }
                    }
                    return null;
                }));
            }
            for (JoinHandle<Void> h : hs) {
                rt.blockOn(h);
            }
        }
        assertEquals(0, violations.get(), why);
        assertEquals(PERMITS, s.availablePermits(), why);
        try (RwLock.WriteGuard<int[]> g = lock.tryWrite().orElseThrow(() -> new AssertionError(why + ": lock not free"))) {
            assertEquals(writes.get(), g.get()[0], why);
        }
        assertTrue(writes.get() > 0, why);
    }

    /** Awaits {@code f}, or half the time races it against a yield (cancelling it if it loses). */
    private static Object maybeCancelled(Future<?> f, SplittableRandom r) throws Exception {
        if (r.nextBoolean()) {
            Selected<Object> won = Weft.<Object>select(f, Weft.yieldNow()).await();
            return won.index() == 0 ? won.value() : null;
        }
        return f.await();
    }
}
