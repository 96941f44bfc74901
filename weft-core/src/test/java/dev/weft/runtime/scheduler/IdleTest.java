package dev.weft.runtime.scheduler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * {@link Idle}'s counts: what a notifier and the worker it wakes see of each other.
 */
class IdleTest {

    @Test
    void aParkedWorkerIsOnTheStackUntilNotified() {
        Worker[] all = {new Worker(null, 0, 16), new Worker(null, 1, 16)};
        Idle idle = new Idle(2);
        assertEquals(2, idle.unparkedCount());
        assertTrue(idle.tryStartSearching());
        assertFalse(idle.tryStartSearching(), "at most half of the workers search");
        assertTrue(idle.park(all[0], true), "the last searcher to park must re-check the queues");
        assertTrue(all[0].sleeping);
        assertEquals(1, idle.unparkedCount());
        assertEquals(0, idle.notifyOne(all), "nobody searches and a worker sleeps: it is woken");
        assertFalse(all[0].sleeping);
        assertEquals(2, idle.unparkedCount());
        assertEquals(1, idle.searchingCount(), "the woken worker counts as searching");
    }

    /**
     * A parked worker may return from its park at any time (a spurious wake-up, a timer) and
     * re-reads its {@code sleeping} flag; once it reads false it counts itself as searching and
     * may stop searching at once. So the notifier must have counted it as searching before the
     * flag says so. When the flag was cleared first, a worker that stopped searching in that
     * window drove the searching count below zero (0xFFFF searchers): every later notify was
     * skipped and the worker never searched again, a hang seen on the multi-thread runtime with
     * one worker.
     */
    @Test
    void aWorkerThatSeesItselfNotifiedIsAlreadyCountedAsSearching() throws Exception {
        int rounds = 300_000;
        Worker w = new Worker(null, 0, 16);
        Worker[] all = {w};
        Idle idle = new Idle(1);
        AtomicReference<String> failure = new AtomicReference<>();
        AtomicBoolean stop = new AtomicBoolean();
        Thread worker = new Thread(() -> {
            for (int i = 0; i < rounds && failure.get() == null; i++) {
                if (!idle.tryStartSearching()) {
                    failure.set("round " + i + ": the only worker may not search: " + idle.searchingCount() + " searching");
                    return;
                }
                idle.park(w, true);
                while (w.sleeping) { // volatile read, as Worker.park's loop does after any return
                    Thread.onSpinWait();
                }
                if (!idle.stopSearching()) { // it was notified, so it was counted as the one searcher
                    failure.set("round " + i + ": woken but not counted as searching");
                    return;
                }
            }
            stop.set(true);
        });
        Thread notifier = new Thread(() -> {
            while (!stop.get() && failure.get() == null) {
                idle.notifyOne(all);
            }
        });
        worker.start();
        notifier.start();
        worker.join(60_000);
        stop.set(true);
        notifier.join(60_000);
        assertEquals(null, failure.get());
        assertFalse(worker.isAlive());
        assertEquals(1, idle.unparkedCount());
        assertEquals(0, idle.searchingCount());
    }
}
