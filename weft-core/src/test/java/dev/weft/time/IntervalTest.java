package dev.weft.time;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.future.Poll;
import dev.weft.testkit.TestWaker;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class IntervalTest {
    private final TimeFixture time = new TimeFixture();
    private final TestWaker waker = new TestWaker();
    private final Instant start = time.clock.now();

    @AfterEach
    void close() {
        time.close();
    }

    private Instant at(long ms) {
        return start.plusMillis(ms);
    }

    /** Takes a tick that must be ready now, and returns its instant. */
    private Instant readyTick(Interval interval) {
        Poll<Instant> p = interval.tick().poll(waker);
        assertTrue(p.isReady(), "tick not ready at " + time.clock.now());
        return p.get();
    }

    private void assertTickPending(Interval.Tick tick) {
        assertTrue(tick.poll(waker).isPending(), "tick ready early at " + time.clock.now());
    }

    @Test
    void the_first_tick_is_immediate_and_the_next_ones_come_a_period_apart() {
        Interval every = Time.interval(Duration.ofMillis(10));
        assertEquals(MissedTickBehavior.BURST, every.missedTickBehavior());
        assertEquals(Duration.ofMillis(10), every.period());
        assertEquals(at(0), readyTick(every));
        for (int k = 1; k <= 3; k++) {
            Interval.Tick tick = every.tick();
            assertTickPending(tick);
            assertEquals(1, time.driver.size());
            time.at(10L * k - 1);
            assertTickPending(tick);
            time.at(10L * k);
            assertEquals(k, waker.wakes());
            assertEquals(at(10L * k), tick.poll(waker).get());
        }
    }

    @Test
    void burst_catches_up_with_every_missed_tick_on_schedule() {
        Interval every = Time.interval(Duration.ofMillis(10));
        readyTick(every);
        time.at(35);
        assertEquals(at(10), readyTick(every));
        assertEquals(at(20), readyTick(every));
        assertEquals(at(30), readyTick(every)); // 5 ms late: on time, so the next is at 40
        Interval.Tick next = every.tick();
        assertTickPending(next);
        time.at(40);
        assertEquals(at(40), next.poll(waker).get());
    }

    @Test
    void delay_restarts_the_schedule_a_period_after_the_late_tick() {
        Interval every = Time.interval(Duration.ofMillis(10));
        every.setMissedTickBehavior(MissedTickBehavior.DELAY);
        readyTick(every);
        time.at(35);
        assertEquals(at(10), readyTick(every));
        Interval.Tick next = every.tick();
        assertTickPending(next);
        time.at(44);
        assertTickPending(next);
        time.at(45);
        assertEquals(at(45), next.poll(waker).get());
        Interval.Tick after = every.tick();
        assertTickPending(after);
        time.at(55);
        assertEquals(at(55), after.poll(waker).get());
    }

    @Test
    void skip_drops_missed_ticks_and_stays_on_multiples_of_the_period() {
        Interval every = Time.interval(Duration.ofMillis(10));
        every.setMissedTickBehavior(MissedTickBehavior.SKIP);
        readyTick(every);
        time.at(35);
        assertEquals(at(10), readyTick(every));
        Interval.Tick next = every.tick();
        assertTickPending(next);
        time.at(39);
        assertTickPending(next);
        time.at(40);
        assertEquals(at(40), next.poll(waker).get());
        time.at(50);
        assertEquals(at(50), readyTick(every));
    }

    @Test
    void the_documented_example_holds_for_each_behavior() {
        // period 50, second tick taken at 175: see MissedTickBehavior's Javadoc
        long[][] expected = {{50, 100, 150, 200, 250}, {50, 225, 275, 325, 375}, {50, 200, 250, 300, 350}};
        MissedTickBehavior[] behaviors = MissedTickBehavior.values();
        for (int b = 0; b < behaviors.length; b++) {
            try (TimeFixture t = new TimeFixture()) {
                Instant s = t.clock.now();
                Interval every = Time.interval(Duration.ofMillis(50));
                every.setMissedTickBehavior(behaviors[b]);
                every.tick().poll(waker);
                t.at(175);
                for (long want : expected[b]) {
                    Interval.Tick tick = every.tick();
                    Poll<Instant> p = tick.poll(waker);
                    while (p.isPending()) {
                        t.advance(Duration.ofMillis(1));
                        p = tick.poll(waker);
                    }
                    assertEquals(s.plusMillis(want), p.get(), behaviors[b] + " tick");
                    assertEquals(Math.max(175, want), Duration.between(s, t.clock.now()).toMillis(),
                            behaviors[b] + " completed at the wrong time");
                }
            }
        }
    }

    @Test
    void up_to_five_ms_late_counts_as_on_time_for_every_behavior() {
        for (MissedTickBehavior b : MissedTickBehavior.values()) {
            try (TimeFixture t = new TimeFixture()) {
                Instant s = t.clock.now();
                Interval every = Time.interval(Duration.ofMillis(10));
                every.setMissedTickBehavior(b);
                every.tick().poll(waker);
                t.at(15); // tick 10 taken 5 ms late
                assertEquals(s.plusMillis(10), every.tick().poll(waker).get());
                Interval.Tick next = every.tick();
                assertTrue(next.poll(waker).isPending());
                t.at(20);
                assertEquals(s.plusMillis(20), next.poll(waker).get(), b.toString());
            }
        }
    }

    @Test
    void interval_at_starts_at_the_given_instant() {
        Interval every = Time.intervalAt(at(25), Duration.ofMillis(10));
        Interval.Tick first = every.tick();
        assertTickPending(first);
        time.at(25);
        assertEquals(at(25), first.poll(waker).get());
        time.at(35);
        assertEquals(at(35), readyTick(every));
    }

    @Test
    void a_cancelled_tick_consumes_nothing_and_removes_its_entry() {
        Interval every = Time.interval(Duration.ofMillis(10));
        readyTick(every);
        Interval.Tick tick = every.tick();
        assertTickPending(tick);
        assertEquals(1, time.driver.size());
        tick.cancel();
        assertEquals(0, time.driver.size());
        time.at(10);
        assertEquals(0, waker.wakes());
        assertEquals(at(10), readyTick(every), "the cancelled tick was consumed");
        tick.cancel(); // idempotent
    }

    @Test
    void a_tick_polled_after_completion_is_refused() {
        Interval every = Time.interval(Duration.ofMillis(10));
        Interval.Tick tick = every.tick();
        tick.poll(waker);
        assertThrows(IllegalStateException.class, () -> tick.poll(waker));
    }

    @Test
    void reset_variants_move_the_next_tick() {
        Interval every = Time.interval(Duration.ofMillis(10));
        readyTick(every);
        time.at(4);
        every.reset(); // next at 14
        Interval.Tick tick = every.tick();
        time.at(10);
        assertTickPending(tick);
        time.at(14);
        assertEquals(at(14), tick.poll(waker).get());
        every.resetImmediately();
        assertEquals(at(14), readyTick(every));
        every.resetAt(at(30));
        Interval.Tick waiting = every.tick();
        assertTickPending(waiting);
        every.resetAt(at(20)); // while registered: moved, waker kept
        time.at(20);
        assertTrue(waker.wakes() >= 1);
        assertEquals(at(20), waiting.poll(waker).get());
    }

    @Test
    void await_returns_the_tick_instant() {
        Interval every = Time.interval(Duration.ofMillis(10));
        Instant first = every.tick().await();
        assertEquals(start, first);
    }

    @Test
    void a_huge_period_saturates_to_never_after_the_first_tick() {
        Interval every = Time.interval(Duration.ofSeconds(Long.MAX_VALUE));
        readyTick(every);
        Interval.Tick tick = every.tick();
        assertTickPending(tick);
        assertEquals(0, time.driver.size());
        time.advance(Duration.ofDays(365L * 250));
        assertTickPending(tick);
    }

    @Test
    void bad_arguments_name_themselves() {
        IllegalArgumentException zero = assertThrows(IllegalArgumentException.class, () -> Time.interval(Duration.ZERO));
        assertTrue(zero.getMessage().contains("period") && zero.getMessage().contains("PT0S"), zero.getMessage());
        IllegalArgumentException neg = assertThrows(IllegalArgumentException.class,
                () -> Time.interval(Duration.ofMillis(-10)));
        assertTrue(neg.getMessage().contains("period") && neg.getMessage().contains("PT-0.01S"), neg.getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Time.interval(null)).getMessage().contains("period"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Time.intervalAt(null, Duration.ofMillis(1)))
                .getMessage().contains("start"));
        assertThrows(IllegalArgumentException.class, () -> Time.intervalAt(start, Duration.ZERO));
        Interval every = Time.interval(Duration.ofMillis(1));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> every.setMissedTickBehavior(null))
                .getMessage().contains("behavior"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> every.resetAt(null))
                .getMessage().contains("deadline"));
        assertSame(MissedTickBehavior.BURST, every.missedTickBehavior());
    }
}
