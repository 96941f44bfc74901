package dev.weft.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.future.Context;
import dev.weft.future.Future;
import dev.weft.future.Poll;
import dev.weft.future.Waker;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Ten million wakes issued from threads that are not workers, onto a 2-worker runtime, with
 * random self-wakes (yields) mixed in: every task must complete (no lost wake-up) and the
 * alive-task count must return to zero. Bounded to 60 s.
 */
@Tag("stress")
class CrossThreadWakeStressTest {
    static final int TASKS = 1_000;
    static final int WAKES_PER_TASK = 10_000;

    @Test
    void tenMillionCrossThreadWakesLoseNothing() throws Exception {
        long seed = System.nanoTime();
        ConcurrentLinkedQueue<Waker> pending = new ConcurrentLinkedQueue<>();
        AtomicLong crossWakes = new AtomicLong();
        AtomicBoolean stop = new AtomicBoolean();
        List<Thread> wakers = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            wakers.add(Thread.ofPlatform().name("stress-waker-" + i).start(() -> {
                while (!stop.get()) {
                    Waker w = pending.poll();
                    if (w == null) {
                        Thread.onSpinWait();
                        continue;
                    }
                    crossWakes.incrementAndGet();
                    w.wake();
                }
            }));
        }
        try (Runtime rt = Runtime.builder().multiThread().workerThreads(2).build()) {
            List<JoinHandle<Integer>> handles = new ArrayList<>();
            SplittableRandom seeds = new SplittableRandom(seed);
            for (int t = 0; t < TASKS; t++) {
                handles.add(rt.spawn(new WakeCounter(pending, seeds.split())));
            }
            long deadline = System.nanoTime() + 60_000_000_000L;
            long done = 0;
            for (JoinHandle<Integer> h : handles) {
                while (!h.isFinished() && System.nanoTime() < deadline) {
                    Thread.sleep(1);
                }
                assertTrue(h.isFinished(), "seed " + seed + ": a task never completed: a lost wake-up");
                done += rt.blockOn(h);
            }
            assertEquals((long) TASKS * WAKES_PER_TASK, done, "seed " + seed);
            // A joiner sees COMPLETE before the task leaves the owned list (release follows the
            // publication), so the count reaches 0 just after the last join, not necessarily at it.
            while (rt.handle().aliveTasks() != 0 && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            assertEquals(0, rt.handle().aliveTasks(), "seed " + seed);
        } finally {
            stop.set(true);
            for (Thread w : wakers) {
                w.join();
            }
        }
        assertTrue(crossWakes.get() >= (long) TASKS * WAKES_PER_TASK / 2,
                "most wakes crossed threads: " + crossWakes.get());
    }

    /** Counts its polls; each poll hands its waker to a waker thread, or (sometimes) wakes itself. */
    static final class WakeCounter implements Future<Integer> {
        private final ConcurrentLinkedQueue<Waker> pending;
        private final SplittableRandom random;
        private int polls;

        WakeCounter(ConcurrentLinkedQueue<Waker> pending, SplittableRandom random) {
            this.pending = pending;
            this.random = random;
        }

        @Override
        public Poll<Integer> poll(Context cx) {
            if (++polls > WAKES_PER_TASK) {
                return Poll.ready(polls - 1);
            }
            if (random.nextInt(8) == 0) {
                cx.waker().wake(); // a yield: re-queued behind the others
            } else {
                pending.add(cx.waker());
            }
            return Poll.pending();
        }
    }
}
