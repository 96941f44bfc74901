package dev.weft.time.wheel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WheelTest {
    private static final long SECOND = 1_000;
    private static final long HOUR = 3_600 * SECOND;
    private static final long DAY = 24 * HOUR;
    private static final long YEAR = 365 * DAY;

    /** Polls at {@code now} and returns everything due. */
    private static List<TimerEntry> drain(Wheel wheel, long now) {
        List<TimerEntry> out = new ArrayList<>();
        TimerEntry e;
        while ((e = wheel.poll(now)) != null) {
            out.add(e);
        }
        return out;
    }

    /**
     * Steps the wheel as an idle runtime with a paused clock does (to each next expiration)
     * and returns the tick at which {@code entry} came out; asserts nothing came out early.
     */
    private static long runUntilFired(Wheel wheel, TimerEntry entry) {
        for (int steps = 0; steps < 1_000; steps++) {
            long t = wheel.nextExpiration();
            assertTrue(t != Wheel.NEVER, "entry lost: wheel has no next expiration");
            assertTrue(t <= entry.when, "next expiration " + t + " after the deadline " + entry.when);
            List<TimerEntry> due = drain(wheel, t);
            if (!due.isEmpty()) {
                assertEquals(List.of(entry), due);
                return t;
            }
        }
        throw new AssertionError("entry did not fire in 1000 steps");
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 63, 64, 65, 100, 4_095, 4_096, 4_097, 10 * SECOND, 59 * SECOND,
        HOUR, HOUR + 1, DAY, 7 * DAY, YEAR, 2 * YEAR + 17, 8 * YEAR + 3, 100 * YEAR, 200 * YEAR})
    void an_entry_fires_exactly_at_its_tick_at_every_scale(long when) {
        Wheel wheel = new Wheel();
        TestEntry e = new TestEntry("e");
        wheel.insert(e, when);
        assertEquals(1, wheel.size());
        assertTrue(drain(wheel, when - 1).isEmpty(), "fired early");
        assertEquals(List.of(e), drain(wheel, when));
        assertEquals(0, wheel.size());
        assertEquals(Wheel.NEVER, wheel.nextExpiration());
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 63, 64, 4_097, 10 * SECOND, HOUR + 1, DAY, YEAR, 8 * YEAR + 3, 200 * YEAR})
    void stepping_by_next_expiration_reaches_the_exact_tick(long when) {
        Wheel wheel = new Wheel();
        TestEntry e = new TestEntry("e");
        wheel.insert(e, when);
        assertEquals(when, runUntilFired(wheel, e));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3})
    void far_deadlines_ring_round_a_small_wheel_and_never_fire_early(int levels) {
        Wheel wheel = new Wheel(levels);
        long span = 1L << (6 * levels);
        for (long when : new long[] {span - 1, span, span + 1, 3 * span + 5, 10 * span + span / 2}) {
            TestEntry e = new TestEntry("e" + when);
            wheel.insert(e, wheel.elapsed() + when);
            long deadline = e.when;
            assertEquals(deadline, runUntilFired(wheel, e), "levels " + levels + ", +" + when);
        }
    }

    @Test
    void cascading_fires_every_entry_at_its_own_tick_when_advancing_one_tick_at_a_time() {
        Wheel wheel = new Wheel();
        SplittableRandom rnd = new SplittableRandom(42);
        int n = 3_000;
        long horizon = 300_000;
        TestEntry[] entries = new TestEntry[n];
        for (int i = 0; i < n; i++) {
            entries[i] = new TestEntry("e" + i);
            wheel.insert(entries[i], 1 + rnd.nextLong(horizon));
        }
        int fired = 0;
        for (long now = 0; now <= horizon; now++) {
            for (TimerEntry e : drain(wheel, now)) {
                assertEquals(now, e.when, "fired at the wrong tick: " + e);
                fired++;
            }
        }
        assertEquals(n, fired);
        assertEquals(0, wheel.size());
    }

    @Test
    void a_jump_over_many_levels_fires_everything_due_in_deadline_order() {
        Wheel wheel = new Wheel();
        long[] whens = {5 * DAY, 3, 70, 64 * 64 + 1, HOUR, 2 * YEAR, 1, 64};
        for (long w : whens) {
            wheel.insert(new TestEntry("at" + w), w);
        }
        List<TimerEntry> due = drain(wheel, DAY);
        List<Long> got = due.stream().map(e -> e.when).toList();
        assertEquals(List.of(1L, 3L, 64L, 70L, 64L * 64 + 1, HOUR), got);
        assertEquals(2, wheel.size());
        assertEquals(DAY, wheel.elapsed());
    }

    @Test
    void remove_of_a_fired_or_never_inserted_entry_is_a_no_op() {
        Wheel wheel = new Wheel();
        TestEntry never = new TestEntry("never");
        TestEntry other = new TestEntry("other");
        wheel.insert(other, 10);
        assertFalse(wheel.remove(never));
        assertEquals(1, wheel.size());
        assertEquals(List.of(other), drain(wheel, 10));
        assertFalse(wheel.remove(other));
        assertEquals(0, wheel.size());
    }

    @Test
    void remove_unlinks_head_middle_and_tail_of_a_slot() {
        Wheel wheel = new Wheel();
        TestEntry a = new TestEntry("a");
        TestEntry b = new TestEntry("b");
        TestEntry c = new TestEntry("c");
        TestEntry d = new TestEntry("d");
        for (TestEntry e : List.of(a, b, c, d)) {
            wheel.insert(e, 7);
        }
        assertTrue(wheel.remove(b));
        assertTrue(wheel.remove(d));
        assertTrue(wheel.remove(a));
        assertEquals(1, wheel.size());
        assertEquals(List.of(c), drain(wheel, 100));
    }

    @Test
    void removing_the_earliest_entry_moves_the_next_expiration() {
        Wheel wheel = new Wheel();
        TestEntry early = new TestEntry("early");
        TestEntry late = new TestEntry("late");
        wheel.insert(late, 50);
        wheel.insert(early, 10);
        assertEquals(10, wheel.nextExpiration());
        wheel.remove(early);
        assertEquals(50, wheel.nextExpiration());
        wheel.remove(late);
        assertEquals(Wheel.NEVER, wheel.nextExpiration());
    }

    @Test
    void next_expiration_of_a_far_entry_is_a_slot_start_at_or_before_it() {
        Wheel wheel = new Wheel();
        TestEntry e = new TestEntry("e");
        wheel.insert(e, 10_000);
        long next = wheel.nextExpiration();
        assertTrue(next > 0 && next <= 10_000, "next " + next);
        assertEquals(8_192, next); // level 2, slot 2: 2 * 64^2
    }

    @Test
    void an_entry_due_at_or_before_elapsed_comes_out_at_the_next_poll() {
        Wheel wheel = new Wheel();
        assertTrue(drain(wheel, 1_000).isEmpty());
        assertEquals(1_000, wheel.elapsed());
        TestEntry past = new TestEntry("past");
        TestEntry now = new TestEntry("now");
        wheel.insert(past, 3);
        wheel.insert(now, 1_000);
        assertEquals(1_000, wheel.nextExpiration());
        assertEquals(List.of(past, now), drain(wheel, 1_000));
    }

    @Test
    void a_due_entry_can_be_removed_before_it_is_polled() {
        Wheel wheel = new Wheel();
        TestEntry e = new TestEntry("e");
        wheel.insert(e, 5);
        wheel.poll(0);
        wheel.poll(2);
        TestEntry f = new TestEntry("f");
        wheel.insert(f, 1); // due: pending
        assertTrue(wheel.remove(f));
        assertEquals(5, wheel.nextExpiration());
        assertEquals(List.of(e), drain(wheel, 5));
    }

    @Test
    void reinserting_moves_the_entry() {
        Wheel wheel = new Wheel();
        TestEntry e = new TestEntry("e");
        wheel.insert(e, 10);
        wheel.insert(e, 5_000);
        assertEquals(1, wheel.size());
        assertTrue(drain(wheel, 4_999).isEmpty());
        assertEquals(List.of(e), drain(wheel, 5_000));
    }

    @Test
    void polling_an_earlier_time_than_elapsed_changes_nothing() {
        Wheel wheel = new Wheel();
        TestEntry e = new TestEntry("e");
        wheel.insert(e, 100);
        drain(wheel, 50);
        assertNull(wheel.poll(10));
        assertEquals(50, wheel.elapsed());
        assertSame(e, wheel.poll(100));
    }

    @Test
    void levels_are_checked() {
        assertThrows(IllegalArgumentException.class, () -> new Wheel(0));
        assertThrows(IllegalArgumentException.class, () -> new Wheel(11));
    }

    /**
     * Random inserts, removes and advances against a reference model (the set of linked
     * entries and their deadlines): everything due comes out at the first poll at or after
     * its deadline, nothing else does, in deadline order; sizes agree; the next expiration is
     * never after the earliest deadline.
     */
    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 17, 42, 1234, 99_999, 0xC0FFEE, 7_777_777, 31_415_926})
    void matches_a_reference_model_under_random_operations(long seed) {
        for (int levels : new int[] {1, 2, 3, Wheel.DEFAULT_LEVELS}) {
            try {
                runModel(new SplittableRandom(seed), levels);
            } catch (AssertionError e) {
                throw new AssertionError("seed " + seed + ", levels " + levels + ": " + e.getMessage(), e);
            }
        }
    }

    private static void runModel(SplittableRandom rnd, int levels) {
        Wheel wheel = new Wheel(levels);
        TestEntry[] pool = new TestEntry[64];
        for (int i = 0; i < pool.length; i++) {
            pool[i] = new TestEntry("e" + i);
        }
        Set<TestEntry> linked = new HashSet<>();
        Set<TestEntry> dueWhenInserted = new HashSet<>();
        // A far entry costs a small wheel one pass per rotation of its top level, so jumps
        // stay within a few dozen rotations there.
        long maxDelta = levels >= 5 ? Long.MAX_VALUE : 40L << (6 * levels);
        long now = 0;
        for (int op = 0; op < 4_000; op++) {
            int kind = rnd.nextInt(10);
            TestEntry e = pool[rnd.nextInt(pool.length)];
            if (kind < 5) {
                long when = Math.max(0, wheel.elapsed() + randomDelta(rnd) % maxDelta - (rnd.nextInt(8) == 0 ? 5 : 0));
                if (when <= wheel.elapsed()) {
                    dueWhenInserted.add(e);
                } else {
                    dueWhenInserted.remove(e);
                }
                wheel.insert(e, when);
                linked.add(e);
            } else if (kind < 7) {
                assertEquals(linked.remove(e), wheel.remove(e), "remove " + e);
            } else {
                now = kind == 9 ? wheel.nextExpiration() : now + randomDelta(rnd) % maxDelta;
                if (now == Wheel.NEVER) {
                    now = wheel.elapsed();
                }
                List<TimerEntry> due = drain(wheel, now);
                long last = Long.MIN_VALUE;
                for (TimerEntry d : due) {
                    assertTrue(linked.remove((TestEntry) d), d + " came out but was not linked");
                    assertTrue(d.when <= now, d + " came out early: " + d.when + " > " + now);
                    if (!dueWhenInserted.contains(d)) { // those come first, in insertion order
                        assertTrue(d.when >= last, "out of deadline order");
                        last = d.when;
                    }
                }
                for (TestEntry l : linked) {
                    assertTrue(l.when > now, l + " due at " + l.when + " did not come out at " + now);
                }
            }
            assertEquals(linked.size(), wheel.size());
            long min = linked.stream().mapToLong(l -> l.when).min().orElse(Wheel.NEVER);
            long next = wheel.nextExpiration();
            // Entries already due report elapsed (now) as their expiration.
            assertTrue(next <= Math.max(min, wheel.elapsed()),
                    "next expiration " + next + " after earliest deadline " + min);
            if (!linked.isEmpty()) {
                assertTrue(next != Wheel.NEVER, "entries linked but no next expiration");
            }
        }
    }

    /** Deltas at every scale: mostly near, sometimes hours, days or years away. */
    private static long randomDelta(SplittableRandom rnd) {
        return switch (rnd.nextInt(6)) {
            case 0 -> rnd.nextLong(4);
            case 1 -> rnd.nextLong(64);
            case 2 -> rnd.nextLong(5_000);
            case 3 -> rnd.nextLong(300_000);
            case 4 -> rnd.nextLong(10 * DAY);
            default -> rnd.nextLong(10 * YEAR);
        };
    }
}
