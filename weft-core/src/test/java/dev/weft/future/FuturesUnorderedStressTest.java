package dev.weft.future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Members of a {@link FuturesUnordered} completed and spuriously woken from several threads
 * while one thread polls the set: every output arrives exactly once and no wake-up is lost
 * (a poller that stays parked for a second with members ready fails). Bounded: a few rounds.
 */
@Tag("stress")
class FuturesUnorderedStressTest {
    private static final int ROUNDS = 20;
    private static final int MEMBERS = 200;
    private static final int THREADS = 3;

    /** A waker that unparks the polling thread, and counts nothing. */
    private static final class Unparker implements Waker, Context {
        private final Thread thread = Thread.currentThread();
        private final AtomicBoolean woken = new AtomicBoolean();

        @Override
        public void wake() {
            woken.set(true);
            LockSupport.unpark(thread);
        }

        @Override
        public Waker waker() {
            return this;
        }
    }

    @Test
    @Timeout(60)
    void concurrentWakesLoseNothing() throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            runRound();
        }
    }

    private static void runRound() throws Exception {
        FuturesUnordered<Integer> set = new FuturesUnordered<>();
        List<TestFuture<Integer>> members = new ArrayList<>();
        for (int i = 0; i < MEMBERS; i++) {
            TestFuture<Integer> f = new TestFuture<>("m" + i);
            members.add(f);
            set.push(f);
        }
        Unparker cx = new Unparker();
        assertTrue(set.pollNext(cx).isPending());
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            int me = t;
            threads.add(Thread.ofPlatform().start(() -> {
                ThreadLocalRandom rnd = ThreadLocalRandom.current();
                for (int i = me; i < MEMBERS; i += THREADS) {
                    Waker noise = members.get(rnd.nextInt(MEMBERS)).lastWaker();
                    if (noise != null) {
                        noise.wake(); // a spurious wake of some member, perhaps while it is polled
                    }
                    members.get(i).complete(i);
                }
            }));
        }
        Set<Integer> seen = new HashSet<>();
        while (true) {
            cx.woken.set(false);
            Poll<Integer> p = set.pollNext(cx);
            if (Stream.isEnd(p)) {
                break;
            }
            if (p instanceof Poll.Ready<Integer> r) {
                assertTrue(seen.add(r.value()), "output " + r.value() + " twice");
                continue;
            }
            assertTrue(p.isPending(), () -> "unexpected " + p);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
            while (!cx.woken.get()) {
                long left = deadline - System.nanoTime();
                assertTrue(left > 0, "lost wake-up: parked for a second with " + set.len() + " members left");
                LockSupport.parkNanos(left);
            }
        }
        for (Thread t : threads) {
            t.join();
        }
        assertEquals(MEMBERS, seen.size());
        for (TestFuture<Integer> f : members) {
            f.assertNoMisuse();
        }
    }
}
