package dev.weft.time.wheel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class TimeDriverTest {
    private static final long MS = 1_000_000L;

    private final Clock clock = Clock.paused();
    private final long t0 = clock.nanoTime();
    private final TimeDriver driver = new TimeDriver(clock);

    private void advanceTo(long nanos) {
        clock.advanceTo(nanos);
    }

    @Test
    void an_entry_fires_at_the_first_tick_at_or_after_its_deadline_never_before() {
        TestEntry e = new TestEntry("e");
        driver.insert(e, t0 + 10 * MS + 1); // rounds up to tick 11
        assertEquals(1, driver.size());
        assertEquals(t0 + 11 * MS, driver.nextDeadline());
        advanceTo(t0 + 10 * MS + 1);
        assertEquals(0, driver.processExpired(), "fired before its tick");
        advanceTo(t0 + 11 * MS - 1);
        assertEquals(0, driver.processExpired());
        assertFalse(e.fired());
        advanceTo(t0 + 11 * MS);
        assertEquals(1, driver.processExpired());
        assertEquals(1, e.fires.get());
        assertTrue(e.fired());
        assertEquals(0, driver.size());
        assertEquals(Long.MAX_VALUE, driver.nextDeadline());
        assertEquals(0, driver.processExpired());
        assertEquals(1, e.fires.get());
    }

    @Test
    void a_deadline_on_a_tick_fires_on_that_tick() {
        TestEntry e = new TestEntry("e");
        driver.insert(e, t0 + 5 * MS);
        advanceTo(t0 + 5 * MS);
        assertEquals(1, driver.processExpired());
    }

    @Test
    void auto_advance_to_next_deadline_fires_far_entries_at_their_tick() {
        long[] offsets = {3 * MS, 70 * MS, 5_000 * MS, 3_600_000 * MS, 86_400_000 * MS, 3L * 365 * 86_400_000 * MS};
        for (long off : offsets) {
            TestEntry e = new TestEntry("e" + off);
            long deadline = clock.nanoTime() + off;
            driver.insert(e, deadline);
            int steps = 0;
            while (driver.processExpired() == 0) {
                long next = driver.nextDeadline();
                assertTrue(next <= deadline, "next deadline after the entry's deadline");
                advanceTo(next); // what an idle runtime does on a paused clock
                assertTrue(++steps < 100, "no progress");
            }
            assertTrue(e.fired());
            assertTrue(clock.nanoTime() >= deadline, "fired early");
            assertTrue(clock.nanoTime() < deadline + MS, "fired more than a tick late");
        }
    }

    @Test
    void a_past_deadline_fires_at_the_next_process() {
        advanceTo(t0 + 100 * MS);
        driver.processExpired();
        TestEntry before = new TestEntry("before-origin");
        TestEntry past = new TestEntry("past");
        driver.insert(before, t0 - 5 * MS);
        driver.insert(past, t0 + 50 * MS);
        assertTrue(driver.nextDeadline() <= clock.nanoTime());
        assertEquals(2, driver.processExpired());
        assertTrue(before.fired() && past.fired());
    }

    @Test
    void never_and_unrepresentable_deadlines_are_not_stored() {
        TestEntry never = new TestEntry("never");
        driver.insert(never, Long.MAX_VALUE);
        driver.insert(new TestEntry("almost"), Long.MAX_VALUE - 1);
        assertEquals(0, driver.size());
        assertEquals(Long.MAX_VALUE, driver.nextDeadline());
        TestEntry moved = new TestEntry("moved");
        driver.insert(moved, t0 + MS);
        driver.insert(moved, Long.MAX_VALUE); // moving to never unregisters
        assertEquals(0, driver.size());
        assertEquals(Long.MAX_VALUE, driver.nextDeadline());
        TestEntry far = new TestEntry("200 years");
        driver.insert(far, t0 + Duration.ofDays(200 * 365).toNanos());
        assertEquals(1, driver.size());
    }

    @Test
    void remove_is_immediate_and_idempotent() {
        TestEntry e = new TestEntry("e");
        TestEntry never = new TestEntry("never-inserted");
        driver.insert(e, t0 + 20 * MS);
        driver.remove(e);
        assertEquals(0, driver.size());
        assertEquals(Long.MAX_VALUE, driver.nextDeadline());
        driver.remove(e);
        driver.remove(never);
        advanceTo(t0 + 30 * MS);
        assertEquals(0, driver.processExpired());
        assertEquals(0, e.fires.get());
    }

    @Test
    void remove_of_a_fired_entry_is_a_no_op() {
        TestEntry e = new TestEntry("e");
        TestEntry other = new TestEntry("other");
        driver.insert(e, t0 + MS);
        driver.insert(other, t0 + 9 * MS);
        advanceTo(t0 + MS);
        driver.processExpired();
        driver.remove(e);
        assertEquals(1, driver.size());
        assertTrue(e.fired());
    }

    @Test
    void reinsert_moves_the_entry_and_clears_fired() {
        TestEntry e = new TestEntry("e");
        driver.insert(e, t0 + MS);
        advanceTo(t0 + MS);
        driver.processExpired();
        assertTrue(e.fired());
        driver.insert(e, t0 + 5 * MS);
        assertFalse(e.fired());
        driver.insert(e, t0 + 3 * MS);
        assertEquals(1, driver.size());
        advanceTo(t0 + 3 * MS);
        assertEquals(1, driver.processExpired());
        assertEquals(2, e.fires.get());
    }

    @Test
    void on_earlier_deadline_runs_only_when_the_earliest_deadline_gets_earlier() {
        AtomicInteger calls = new AtomicInteger();
        driver.onEarlierDeadline(calls::incrementAndGet);
        TestEntry a = new TestEntry("a");
        TestEntry b = new TestEntry("b");
        TestEntry c = new TestEntry("c");
        driver.insert(a, t0 + 50 * MS);
        assertEquals(1, calls.get(), "first entry: earlier than never");
        driver.insert(b, t0 + 80 * MS);
        assertEquals(1, calls.get(), "a later entry changes nothing");
        driver.insert(c, t0 + 10 * MS);
        assertEquals(2, calls.get());
        driver.remove(c);
        assertEquals(2, calls.get(), "a removal never makes it earlier");
        driver.insert(b, t0 + 80 * MS);
        assertEquals(2, calls.get());
    }

    @Test
    void on_earlier_deadline_runs_outside_the_lock() throws Exception {
        AtomicInteger sizeSeen = new AtomicInteger(-1);
        driver.onEarlierDeadline(() -> sizeSeen.set(sizeFromAnotherThread()));
        driver.insert(new TestEntry("e"), t0 + MS);
        assertEquals(1, sizeSeen.get());
    }

    @Test
    void fire_runs_outside_the_lock_and_may_reinsert() {
        List<Integer> seen = new ArrayList<>();
        TimerEntry e = new TimerEntry() {
            @Override
            protected void fire() {
                seen.add(sizeFromAnotherThread());
                driver.insert(this, clock.nanoTime() + 5 * MS);
            }
        };
        driver.insert(e, t0 + MS);
        advanceTo(t0 + MS);
        assertEquals(1, driver.processExpired());
        assertEquals(List.of(0), seen);
        assertEquals(1, driver.size());
        advanceTo(t0 + 6 * MS);
        assertEquals(1, driver.processExpired());
        assertEquals(2, seen.size());
    }

    /** Fails (rather than hangs) if the driver's lock is held by the calling thread. */
    private int sizeFromAnotherThread() {
        try {
            return CompletableFuture.supplyAsync(driver::size).get(5, TimeUnit.SECONDS);
        } catch (Exception ex) {
            throw new AssertionError("driver locked while running callbacks", ex);
        }
    }

    @Test
    void more_entries_than_a_batch_all_fire_in_deadline_order() {
        List<String> order = new ArrayList<>();
        for (int i = 99; i >= 0; i--) {
            int k = i;
            driver.insert(new TimerEntry() {
                @Override
                protected void fire() {
                    order.add("e" + k);
                }
            }, t0 + (1 + k / 10) * MS);
        }
        advanceTo(t0 + 20 * MS);
        assertEquals(100, driver.processExpired());
        for (int i = 1; i < order.size(); i++) {
            int prev = Integer.parseInt(order.get(i - 1).substring(1)) / 10;
            int cur = Integer.parseInt(order.get(i).substring(1)) / 10;
            assertTrue(prev <= cur, "out of order: " + order);
        }
        assertEquals(0, driver.size());
    }

    @Test
    void a_throwing_fire_does_not_stop_the_others() {
        TestEntry a = new TestEntry("a");
        TestEntry b = new TestEntry("b");
        RuntimeException boom = new RuntimeException("boom");
        driver.insert(a, t0 + MS);
        driver.insert(new TimerEntry() {
            @Override
            protected void fire() {
                throw boom;
            }
        }, t0 + MS);
        driver.insert(b, t0 + MS);
        advanceTo(t0 + MS);
        RuntimeException thrown = assertThrows(RuntimeException.class, driver::processExpired);
        assertSame(boom, thrown);
        assertEquals(1, a.fires.get());
        assertEquals(1, b.fires.get());
        assertEquals(0, driver.size());
    }

    @Test
    void arguments_are_checked() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> driver.insert(null, t0));
        assertTrue(e.getMessage().contains("entry"));
        assertThrows(IllegalArgumentException.class, () -> driver.remove(null));
        assertThrows(IllegalArgumentException.class, () -> driver.onEarlierDeadline(null));
        assertThrows(IllegalArgumentException.class, () -> new TimeDriver(null));
    }

    @Test
    void a_small_wheel_driver_fires_far_entries_correctly() {
        TimeDriver small = new TimeDriver(clock, 2);
        TestEntry e = new TestEntry("e");
        long deadline = t0 + 100_000 * MS; // 100 s, beyond 64^2 ms
        small.insert(e, deadline);
        while (small.processExpired() == 0) {
            long next = small.nextDeadline();
            assertTrue(next <= deadline);
            advanceTo(next);
        }
        assertEquals(deadline, clock.nanoTime());
    }
}
