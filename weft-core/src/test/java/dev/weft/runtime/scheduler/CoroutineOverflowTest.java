package dev.weft.runtime.scheduler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.future.Context;
import dev.weft.future.Future;
import dev.weft.future.Poll;
import dev.weft.future.internal.Await;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.RepeatedTest;

/**
 * A model of the overflow path as a coroutine runs it: a coroutine mounted on a worker spawns
 * into that worker's own queue, and when the queue is full it moves half of it to the injection
 * queue. If the injection queue's lock is busy at that moment, the coroutine must keep its worker
 * (spin) rather than unmount: an unmounted coroutine left the worker free to run another task
 * that overflowed the same queue with the same scratch batch, and the coroutine later finished
 * its half-done owner-only operation on another thread (or the JDK's unblocker deadlocked on the
 * lock taken on the coroutine's behalf). That lost a whole overflow batch, 129 tasks, in the
 * million-task timer workload.
 *
 * <p>Here one worker with a queue of 8 runs a coroutine C that waits until the test has taken
 * the injection queue's lock, then spawns 20 tasks; the first of them to run spawns 20 more (the
 * worker's own overflow). The test holds the lock until one of C's tasks runs or 300 ms passed.
 * Each task must run exactly once, and none may run while C is in the middle of its spawns.
 */
class CoroutineOverflowTest {
    static final int SPAWNS = 20;

    @RepeatedTest(3)
    void aCoroutineKeepsItsWorkerThroughAnOverflow() throws Exception {
        MultiThreadScheduler sched = new MultiThreadScheduler(SchedulerConfig.of(null, null, (id, f) -> { }),
                new MultiThreadConfig(1, "overflow-test-", 31, 61, 8, t -> { }, t -> { }));
        sched.start();
        AtomicIntegerArray ran = new AtomicIntegerArray(2 * SPAWNS);
        AtomicBoolean go = new AtomicBoolean();
        AtomicBoolean coroutineSpawning = new AtomicBoolean();
        AtomicBoolean ranInsideC = new AtomicBoolean();
        AtomicBoolean firstRun = new AtomicBoolean(true);
        CountDownLatch otherRan = new CountDownLatch(1);
        boolean onWorkers = CoroutineThreads.onWeftWorkers(); // else C runs on the JDK's threads, beside the worker
        try {
            Task<Void> c = sched.spawn(new Coroutine<Void>(() -> {
                while (!go.get()) {
                    Await.await(new YieldOnce());
                }
                coroutineSpawning.set(true);
                for (int i = 0; i < SPAWNS; i++) {
                    int index = i;
                    sched.spawn(new Future<Void>() {
                        @Override
                        public Poll<Void> poll(Context cx) {
                            if (onWorkers && coroutineSpawning.get()) {
                                ranInsideC.set(true); // the worker ran us inside C's owner-only spawns
                                otherRan.countDown();
                            }
                            ran.incrementAndGet(index);
                            if (firstRun.getAndSet(false)) { // the worker overflows its own queue too
                                for (int k = 0; k < SPAWNS; k++) {
                                    sched.spawn(new Mark(ran, SPAWNS + k));
                                }
                            }
                            return Poll.ready(null);
                        }
                    });
                }
                coroutineSpawning.set(false);
                return null;
            }));
            Thread.sleep(20); // C is yielding on the worker now (not required for correctness)
            sched.inject.runLocked(() -> {
                go.set(true);
                try {
                    otherRan.await(300, TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (!(c.isFinished() && allRan(ran)) && System.nanoTime() < deadline) {
                Thread.sleep(1);
            }
            assertFalse(ranInsideC.get(), "the worker ran another task in the middle of a coroutine's spawns");
            assertTrue(c.isFinished(), "C never finished: " + sched.aliveTasks() + " alive");
            for (int i = 0; i < ran.length(); i++) {
                assertEquals(1, ran.get(i), "spawned task " + i + " ran " + ran.get(i) + " times");
            }
        } finally {
            sched.shutdown(TimeUnit.SECONDS.toNanos(2));
        }
    }

    private static boolean allRan(AtomicIntegerArray ran) {
        for (int i = 0; i < ran.length(); i++) {
            if (ran.get(i) == 0) {
                return false;
            }
        }
        return true;
    }

    /** Pending once (waking itself), then ready: a yield for a coroutine's await. */
    static final class YieldOnce implements Future<Void> {
        private boolean yielded;

        @Override
        public Poll<Void> poll(Context cx) {
            if (yielded) {
                return Poll.ready(null);
            }
            yielded = true;
            cx.waker().wake();
            return Poll.pending();
        }
    }

    /** Counts its one run. */
    record Mark(AtomicIntegerArray ran, int index) implements Future<Void> {
        @Override
        public Poll<Void> poll(Context cx) {
            ran.incrementAndGet(index);
            return Poll.ready(null);
        }
    }
}
