package dev.weft.runtime.scheduler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Conservation under real threads: workers that each own a small {@link LocalQueue}, overflow
 * into a shared {@link InjectQueue}, pop, steal from each other and take batches from the
 * inject queue, in a random mix (seeded; the seed is in every failure message; rerun one with
 * {@code -Dweft.stress.seed=...}). Every task must be taken exactly once. Bounded in time.
 */
@Tag("stress")
class LocalQueueStressTest {
    private static final int WORKERS = 3;
    private static final int MAX_PUSHES_PER_WORKER = 1_000_000;
    private static final long PRODUCE_NANOS = TimeUnit.MILLISECONDS.toNanos(1500);
    private static final long DRAIN_NANOS = TimeUnit.SECONDS.toNanos(5);

    @Test
    void everyTaskIsTakenExactlyOnce() throws Exception {
        for (int capacity : new int[] {4, 16}) {
            long seed = Long.getLong("weft.stress.seed", System.nanoTime());
            run(seed, capacity);
        }
    }

    private static void run(long seed, int capacity) throws Exception {
        String where = "seed=" + seed + " capacity=" + capacity;
        var inject = new InjectQueue(8);
        var queues = new LocalQueue[WORKERS];
        for (int w = 0; w < WORKERS; w++) {
            queues[w] = new LocalQueue(capacity, w * 1_000_000_000); // distinct, some near the wrap
        }
        var counts = new byte[WORKERS][WORKERS * MAX_PUSHES_PER_WORKER]; // counts[taker][id]
        var pushedTotal = new AtomicLong();
        var takenTotal = new AtomicLong();
        var failure = new AtomicReference<Throwable>();
        var produced = new CyclicBarrier(WORKERS);
        var root = new SplittableRandom(seed);
        List<Thread> threads = new ArrayList<>();
        var workers = new Worker[WORKERS];
        for (int w = 0; w < WORKERS; w++) {
            var worker = new Worker(w, queues, inject, counts[w], root.split(), pushedTotal, takenTotal, produced);
            workers[w] = worker;
            Thread t = Thread.ofPlatform().name("stress-worker-" + w).start(() -> {
                try {
                    worker.run();
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                }
            });
            threads.add(t);
        }
        for (Thread t : threads) {
            t.join(TimeUnit.NANOSECONDS.toMillis(PRODUCE_NANOS + DRAIN_NANOS) + 5_000);
            if (t.isAlive()) {
                fail("worker stuck, " + where);
            }
        }
        if (failure.get() != null) {
            throw new AssertionError("worker failed, " + where, failure.get());
        }
        long pushed = pushedTotal.get();
        int lost = 0;
        int duplicated = 0;
        for (int w = 0; w < WORKERS; w++) {
            int mine = workers[w].produced;
            for (int k = 0; k < mine; k++) {
                int id = w * MAX_PUSHES_PER_WORKER + k;
                int n = 0;
                for (byte[] c : counts) {
                    n += c[id];
                }
                lost += n == 0 ? 1 : 0;
                duplicated += n > 1 ? 1 : 0;
            }
        }
        assertEquals(0, lost + duplicated, lost + " lost, " + duplicated + " duplicated of " + pushed + ", " + where);
        assertEquals(pushed, takenTotal.get(), where);
    }

    private static final class Worker {
        final int me;
        final LocalQueue[] queues;
        final LocalQueue local;
        final InjectQueue inject;
        final byte[] taken;
        final SplittableRandom rnd;
        final AtomicLong pushedTotal;
        final AtomicLong takenTotal;
        final CyclicBarrier doneProducing;
        /** How many ids this worker used; read after join. */
        int produced;

        Worker(int me, LocalQueue[] queues, InjectQueue inject, byte[] taken, SplittableRandom rnd,
                AtomicLong pushedTotal, AtomicLong takenTotal, CyclicBarrier produced) {
            this.me = me;
            this.queues = queues;
            this.local = queues[me];
            this.inject = inject;
            this.taken = taken;
            this.rnd = rnd;
            this.pushedTotal = pushedTotal;
            this.takenTotal = takenTotal;
            this.doneProducing = produced;
        }

        void run() throws Exception {
            long deadline = System.nanoTime() + PRODUCE_NANOS;
            int next = 0;
            for (int step = 0; next < MAX_PUSHES_PER_WORKER && ((++step & 255) != 0 || System.nanoTime() < deadline); ) {
                int op = rnd.nextInt(10);
                if (op < 4) {
                    int burst = 1 + rnd.nextInt(6);
                    for (int i = 0; i < burst && next < MAX_PUSHES_PER_WORKER; i++) {
                        local.pushBack(new QueueTasks.Numbered(me * MAX_PUSHES_PER_WORKER + next++), inject);
                        pushedTotal.incrementAndGet();
                    }
                } else {
                    takeOne(op);
                }
            }
            produced = next;
            doneProducing.await(); // after this, pushedTotal is final
            long total = pushedTotal.get();
            long drainDeadline = System.nanoTime() + DRAIN_NANOS;
            while (takenTotal.get() < total) {
                takeOne(4 + rnd.nextInt(6));
                if (System.nanoTime() > drainDeadline) {
                    throw new AssertionError("not drained: " + takenTotal.get() + " of " + total
                            + " taken; local " + local + ", " + inject);
                }
            }
        }

        private void takeOne(int op) {
            Runnable r;
            if (op < 7) {
                r = local.pop();
            } else if (op < 9) {
                int victim = rnd.nextInt(queues.length - 1);
                r = queues[victim >= me ? victim + 1 : victim].stealInto(local);
            } else if (rnd.nextBoolean()) {
                r = inject.popInto(local, 1 + rnd.nextInt(local.capacity()));
            } else {
                r = inject.pop();
            }
            if (r != null) {
                taken[QueueTasks.id(r)]++;
                takenTotal.incrementAndGet();
            }
        }
    }
}
