package dev.weft.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.Weft;
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
 * Conservation under contention: 8 coroutines on 2 workers acquire 1–3 permits, hold them
 * across a yield, release them, or cancel the acquire by racing it against a yield. At the end
 * every permit is back, no holder ever saw more permits out than exist, and a Mutex and a
 * Notify used the same way lost nothing either. Seeded; the seed is in the failure message.
 */
@Tag("stress")
class SemaphoreStressTest {
    private static final int PERMITS = 4;
    private static final int TASKS = 8;
    private static final int ROUNDS = 300;

    @Test
    void permitsInEqualPermitsOut() throws Exception {
        long seed = System.nanoTime();
        String why = "seed " + seed;
        Semaphore s = new Semaphore(PERMITS);
        Mutex<int[]> m = new Mutex<>(new int[1]);
        AtomicInteger out = new AtomicInteger();
        AtomicInteger maxOut = new AtomicInteger();
        AtomicInteger increments = new AtomicInteger();
        SplittableRandom root = new SplittableRandom(seed);
        try (Runtime rt = TestWaker.multiThread()) {
            List<JoinHandle<Void>> hs = new ArrayList<>();
            for (int t = 0; t < TASKS; t++) {
                SplittableRandom r = root.split();
                hs.add(rt.spawn(() -> {
                    for (int i = 0; i < ROUNDS; i++) {
                        int n = 1 + r.nextInt(3);
                        Selected<Object> won = r.nextBoolean()
                                ? Weft.<Object>select(s.acquire(n), Weft.yieldNow()).await()
                                : new Selected<>(0, s.acquire(n).await());
                        if (won.value() instanceof Semaphore.Permit p) {
                            maxOut.accumulateAndGet(out.addAndGet(n), Math::max);
                            Weft.yieldNow().await();
                            out.addAndGet(-n);
                            p.close();
                        }
                        Selected<Object> locked = r.nextBoolean()
                                ? Weft.<Object>select(m.lock(), Weft.yieldNow()).await()
                                : new Selected<>(0, m.lock().await());
                        if (locked.value() instanceof Mutex.Guard<?> g) {
                            @SuppressWarnings("unchecked")
                            Mutex.Guard<int[]> guard = (Mutex.Guard<int[]>) g;
                            int v = guard.get()[0];
                            if (r.nextBoolean()) {
                                Weft.yieldNow().await();
                            }
                            guard.get()[0] = v + 1;
                            increments.incrementAndGet();
                            guard.close();
                        }
                    }
                    return null;
                }));
            }
            for (JoinHandle<Void> h : hs) {
                rt.blockOn(h);
            }
        }
        assertEquals(PERMITS, s.availablePermits(), why);
        assertTrue(maxOut.get() <= PERMITS, why + ": " + maxOut.get() + " permits out at once");
        assertEquals(increments.get(), m.tryLock().orElseThrow().get()[0], why);
    }
}
