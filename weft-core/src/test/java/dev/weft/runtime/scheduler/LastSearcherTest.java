package dev.weft.runtime.scheduler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.future.Future;
import dev.weft.future.Poll;
import dev.weft.future.Waker;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/**
 * A task woken on a worker waits in that worker's LIFO slot, which no other worker can take. The
 * last searcher to park used to count it as work anywhere: the other worker, woken to share the
 * work (as the driver holder does after firing timers), found nothing, parked as the last
 * searcher, saw the slot and woke itself again, spinning on the machine's two cores until the
 * owner took its task (2.5 ms after a timer fired, in the seeds' bounded crawler). Counted by the
 * idle worker's parks while the owner keeps the task in its slot: one, not hundreds.
 */
class LastSearcherTest {

    @Test
    void aTaskInAnotherWorkersLifoSlotDoesNotKeepAnIdleWorkerSpinning() throws Exception {
        MultiThreadScheduler sched = new MultiThreadScheduler(SchedulerConfig.of(null, null, (id, f) -> { }),
                new MultiThreadConfig(2, "last-searcher-test-", 31, 61, 256, t -> { }, t -> { }));
        sched.start();
        try {
            AtomicReference<Waker> sleeper = new AtomicReference<>();
            Task<Integer> woken = sched.spawn((Future<Integer>) cx -> {
                if (sleeper.get() == null) {
                    sleeper.set(cx.waker());
                    return Poll.pending();
                }
                return Poll.ready(1);
            });
            spinUntil(() -> sleeper.get() != null);
            Task<Long> owner = sched.spawn((Future<Long>) cx -> {
                Worker me = sched.currentWorker();
                Worker other = sched.workers[1 - me.index];
                spinUntil(() -> other.sleeping); // parked: it stopped searching when this task started
                long before = other.parks();
                sleeper.get().wake(); // into this worker's LIFO slot
                sched.notifyParked(); // a sleeper may share the work
                spinUntil(() -> other.parks() > before && other.sleeping); // it woke, found nothing, parked
                long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(5);
                while (System.nanoTime() - until < 0) { // the task stays in this worker's LIFO slot meanwhile
                    Thread.onSpinWait();
                }
                return Poll.ready(other.parks() - before);
            });
            assertEquals(1L, sched.blockOn(owner).get(), "parks of the idle worker while the other held a LIFO task");
            assertEquals(1, sched.blockOn(woken).get());
        } finally {
            sched.shutdown(TimeUnit.SECONDS.toNanos(2));
        }
    }

    /** Spins (bounded: a guard against a hang, not a measure) until {@code condition} holds. */
    private static void spinUntil(BooleanSupplier condition) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() - deadline < 0, "timed out");
            Thread.onSpinWait();
        }
    }
}
