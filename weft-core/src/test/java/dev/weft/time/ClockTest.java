package dev.weft.time;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClockTest {

    @Test
    void a_paused_clock_starts_at_system_time_and_stands_still() {
        long before = System.nanoTime();
        Clock clock = Clock.paused();
        long after = System.nanoTime();
        long t = clock.nanoTime();
        assertTrue(before <= t && t <= after);
        assertTrue(clock.isPaused());
        for (int i = 0; i < 1000; i++) {
            assertEquals(t, clock.nanoTime());
        }
        Duration off = Duration.between(Clock.system().now(), clock.now()).abs();
        assertTrue(off.compareTo(Duration.ofSeconds(1)) < 0, "paused clock's now() far from the system's: " + off);
    }

    @Test
    void advance_moves_nanos_and_instants_exactly() {
        Clock clock = Clock.paused();
        long t = clock.nanoTime();
        Instant i = clock.now();
        clock.advance(Duration.ofMillis(1500));
        assertEquals(t + 1_500_000_000L, clock.nanoTime());
        assertEquals(i.plusMillis(1500), clock.now());
        clock.advance(Duration.ZERO);
        assertEquals(t + 1_500_000_000L, clock.nanoTime());
        clock.advanceTo(t + 2_000_000_000L);
        assertEquals(i.plusSeconds(2), clock.now());
    }

    @Test
    void advance_to_an_earlier_time_or_to_never_is_a_no_op() {
        Clock clock = Clock.paused();
        long t = clock.nanoTime();
        clock.advanceTo(t - 5);
        assertEquals(t, clock.nanoTime());
        clock.advanceTo(Long.MAX_VALUE);
        assertEquals(t, clock.nanoTime());
    }

    @Test
    void advance_by_a_huge_duration_saturates_below_never() {
        Clock clock = Clock.paused();
        clock.advance(Duration.ofSeconds(Long.MAX_VALUE));
        assertEquals(Long.MAX_VALUE - 1, clock.nanoTime());
        clock.advance(Duration.ofDays(1));
        assertEquals(Long.MAX_VALUE - 1, clock.nanoTime());
    }

    @Test
    void resume_continues_from_where_it_stood_and_pause_freezes_again() {
        Clock clock = Clock.paused();
        clock.advance(Duration.ofHours(1));
        long frozen = clock.nanoTime();
        clock.resume();
        assertFalse(clock.isPaused());
        long a = clock.nanoTime();
        long b = clock.nanoTime();
        assertTrue(a >= frozen && b >= a, "time went back");
        assertTrue(a - frozen < Duration.ofSeconds(10).toNanos(), "resume jumped");
        clock.resume(); // no-op
        clock.pause();
        long c = clock.nanoTime();
        assertTrue(c >= b);
        assertEquals(c, clock.nanoTime());
        clock.pause(); // no-op
        assertEquals(c, clock.nanoTime());
    }

    @Test
    void advancing_a_running_clock_is_refused() {
        Clock clock = Clock.paused();
        clock.resume();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> clock.advance(Duration.ofMillis(1)));
        assertTrue(e.getMessage().contains("pause()"), e.getMessage());
        assertThrows(IllegalStateException.class, () -> clock.advanceTo(clock.nanoTime() + 1));
    }

    @Test
    void the_system_clock_cannot_be_paused_and_says_what_to_use() {
        Clock sys = Clock.system();
        assertSame(sys, Clock.system());
        assertFalse(sys.isPaused());
        for (Runnable r : List.<Runnable>of(sys::pause, sys::resume,
                () -> sys.advance(Duration.ofMillis(1)), () -> sys.advanceTo(0))) {
            IllegalStateException e = assertThrows(IllegalStateException.class, r::run);
            assertTrue(e.getMessage().contains("Clock.paused()"), e.getMessage());
        }
        long a = sys.nanoTime();
        assertTrue(sys.nanoTime() >= a);
        Duration off = Duration.between(Instant.now(), sys.now()).abs();
        assertTrue(off.compareTo(Duration.ofMinutes(1)) < 0);
    }

    @Test
    void advance_checks_its_argument() {
        for (Clock clock : List.of(Clock.paused(), Clock.system())) {
            IllegalArgumentException n = assertThrows(IllegalArgumentException.class, () -> clock.advance(null));
            assertTrue(n.getMessage().contains("duration"), n.getMessage());
            IllegalArgumentException neg = assertThrows(IllegalArgumentException.class,
                    () -> clock.advance(Duration.ofMillis(-3)));
            assertTrue(neg.getMessage().contains("duration") && neg.getMessage().contains("PT-0.003S"), neg.getMessage());
        }
    }

    @Test
    void concurrent_advances_all_count() throws Exception {
        Clock clock = Clock.paused();
        long t = clock.nanoTime();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            threads.add(Thread.ofPlatform().start(() -> {
                for (int k = 0; k < 10_000; k++) {
                    clock.advance(Duration.ofNanos(3));
                    clock.nanoTime();
                }
            }));
        }
        for (Thread th : threads) {
            th.join();
        }
        assertEquals(t + 4 * 10_000 * 3, clock.nanoTime());
    }

    @Test
    void instants_and_nanos_convert_both_ways_and_saturate() {
        Clock clock = Clock.paused();
        long t = clock.nanoTime();
        Instant now = clock.now();
        assertEquals(t, clock.nanosAt(now));
        assertEquals(t + 123_456_789L, clock.nanosAt(now.plusNanos(123_456_789L)));
        assertEquals(now.minusSeconds(5), clock.instantAt(t - 5_000_000_000L));
        assertEquals(Long.MAX_VALUE, clock.nanosAt(Instant.MAX));
        assertEquals(Long.MAX_VALUE, clock.nanosAt(now.plus(Duration.ofDays(400 * 365))));
        assertTrue(clock.nanosAt(Instant.MIN) < t - Duration.ofDays(200 * 365).toNanos()); // far past, no wrap
        assertEquals(Instant.MAX, clock.instantAt(Long.MAX_VALUE));
        // MIN_VALUE - t overflows a long; the instant is still exact
        assertEquals(now.plusNanos(Long.MIN_VALUE).minusNanos(t), clock.instantAt(Long.MIN_VALUE));
    }

    @Test
    void nanos_saturate() {
        assertEquals(Long.MAX_VALUE, Nanos.of(Duration.ofSeconds(Long.MAX_VALUE)));
        assertEquals(Long.MIN_VALUE, Nanos.of(Duration.ofSeconds(Long.MIN_VALUE)));
        assertEquals(1_500_000L, Nanos.of(Duration.ofNanos(1_500_000L)));
        assertEquals(Long.MAX_VALUE, Nanos.add(Long.MAX_VALUE - 1, 2));
        assertEquals(Long.MIN_VALUE, Nanos.add(Long.MIN_VALUE + 1, -2));
        assertEquals(Long.MAX_VALUE, Nanos.deadline(1_000, Duration.ofNanos(Long.MAX_VALUE - 10)));
        assertEquals("250 ms", Nanos.describe(Duration.ofMillis(250)));
        assertEquals("1.5 s", Nanos.describe(Duration.ofMillis(1500)));
        assertEquals("10 ns", Nanos.describe(Duration.ofNanos(10)));
        assertEquals("PT2H", Nanos.describe(Duration.ofHours(2)));
    }
}
