package dev.weft.runtime.scheduler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.future.Future;
import dev.weft.future.Poll;
import dev.weft.future.Waker;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Two tasks waking each other run from one worker's LIFO slot; after {@link Worker#MAX_LIFO_POLLS}
 * in a row the woken one goes to the back of the queue. With nothing else queued, that worker
 * runs it next, so no sleeping worker is woken for it: it used to be, and the pair then paid a
 * futex call every few round trips (ping-pong on 2 workers spent a third of its time in the
 * kernel). Counted by the workers' parks over the exchange: a handful, not hundreds.
 */
class LifoCapLocalityTest {
    private static final int ROUND_TRIPS = 1_000_000;

    @Test
    void twoTasksWakingEachOtherDoNotWakeTheIdleWorker() throws Exception {
        MultiThreadScheduler sched = new MultiThreadScheduler(SchedulerConfig.of(null, null, (id, f) -> { }),
                new MultiThreadConfig(2, "lifo-cap-test-", 31, 61, 256, t -> { }, t -> { }));
        sched.start();
        try {
            AtomicInteger ball = new AtomicInteger();
            AtomicReference<Waker> a = new AtomicReference<>();
            AtomicReference<Waker> b = new AtomicReference<>();
            long before = parks(sched);
            Task<Integer> pinger = sched.spawn(player(0, ball, a, b));
            Task<Integer> ponger = sched.spawn(player(1, ball, b, a));
            sched.blockOn(pinger).get();
            sched.blockOn(ponger).get();
            long parks = parks(sched) - before;
            assertEquals(2 * ROUND_TRIPS, ball.get());
            assertTrue(parks < 25, "parks of the workers during " + ROUND_TRIPS + " round trips: " + parks);
        } finally {
            sched.shutdown(TimeUnit.SECONDS.toNanos(2));
        }
    }

    private static long parks(MultiThreadScheduler sched) {
        long n = 0;
        for (Worker w : sched.workers) {
            n += w.parks();
        }
        return n;
    }

    /** Moves the ball when it is this player's turn (its parity), and wakes the other. */
    private static Future<Integer> player(int parity, AtomicInteger ball, AtomicReference<Waker> mine,
            AtomicReference<Waker> other) {
        return cx -> {
            mine.set(cx.waker());
            int v = ball.get();
            if (v < 2 * ROUND_TRIPS && (v & 1) == parity) {
                ball.set(++v);
                Waker w = other.get();
                if (w != null) {
                    w.wake();
                }
            }
            return v >= 2 * ROUND_TRIPS - 1 ? Poll.ready(v) : Poll.pending();
        };
    }
}
