package dev.weft.time;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.future.Future;
import dev.weft.future.Poll;
import dev.weft.testkit.TestWaker;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Time's runtime-bound entry points: now, advance, pause, resume, and use outside a runtime. */
class TimeTest {
    private final TestWaker waker = new TestWaker();

    @Test
    void outside_a_runtime_every_entry_point_names_the_fix() {
        List<Executable> calls = List.of(
                () -> Time.sleep(Duration.ofMillis(1)),
                () -> Time.sleepUntil(java.time.Instant.now()),
                () -> Time.timeout(Duration.ofMillis(1), cx -> Poll.pending()),
                () -> Time.timeoutAt(java.time.Instant.now(), cx -> Poll.pending()),
                () -> Time.interval(Duration.ofMillis(1)),
                () -> Time.intervalAt(java.time.Instant.now(), Duration.ofMillis(1)),
                Time::now, Time::pause, Time::resume,
                () -> Time.advance(Duration.ofMillis(1)));
        for (Executable call : calls) {
            IllegalStateException e = assertThrows(IllegalStateException.class, call);
            assertTrue(e.getMessage().contains("no Weft runtime") && e.getMessage().contains("Weft.run"), e.getMessage());
        }
    }

    @Test
    void now_is_the_runtime_clocks_instant() {
        try (TimeFixture time = new TimeFixture()) {
            assertEquals(time.clock.now(), Time.now());
            time.clock.advance(Duration.ofSeconds(3));
            assertEquals(time.clock.now(), Time.now());
        }
    }

    @Test
    void advance_moves_the_clock_fires_due_timers_and_yields_once() {
        try (TimeFixture time = new TimeFixture()) {
            TestWaker sleeper = new TestWaker();
            Sleep due = Time.sleep(Duration.ofMillis(10));
            Sleep later = Time.sleep(Duration.ofMillis(11));
            due.poll(sleeper);
            later.poll(sleeper);
            Future<Void> adv = Time.advance(Duration.ofMillis(10));
            assertEquals(time.t0, time.clock.nanoTime(), "advance is lazy");
            assertTrue(adv.poll(waker).isPending(), "advance must yield once");
            assertEquals(1, waker.wakes(), "the yield must wake the caller");
            assertEquals(time.t0 + 10 * TimeFixture.MS, time.clock.nanoTime());
            assertEquals(1, sleeper.wakes(), "the due sleep was not fired");
            assertTrue(due.poll(sleeper).isReady());
            assertTrue(later.poll(sleeper).isPending());
            assertTrue(adv.poll(waker).isReady());
            assertThrows(IllegalStateException.class, () -> adv.poll(waker));
        }
    }

    @Test
    void advance_on_a_running_clock_fails_when_polled() {
        try (TimeFixture time = new TimeFixture()) {
            Time.resume();
            Future<Void> adv = Time.advance(Duration.ofMillis(1));
            assertThrows(IllegalStateException.class, () -> adv.poll(waker));
        }
    }

    @Test
    void pause_and_resume_drive_a_pausable_clock() {
        try (TimeFixture time = new TimeFixture()) {
            Time.resume();
            assertFalse(time.clock.isPaused());
            Time.resume();
            Time.pause();
            assertTrue(time.clock.isPaused());
            Time.pause();
            assertTrue(time.clock.isPaused());
        }
    }

    @Test
    void pause_resume_and_advance_are_refused_on_the_system_clock() {
        try (TimeFixture time = new TimeFixture(Clock.system())) {
            assertThrows(IllegalStateException.class, Time::pause);
            assertThrows(IllegalStateException.class, Time::resume);
            Future<Void> adv = Time.advance(Duration.ofMillis(1));
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> adv.poll(waker));
            assertTrue(e.getMessage().contains("Clock.paused()"), e.getMessage());
            assertFalse(time.clock.isPaused());
        }
    }

    @Test
    void advance_checks_its_argument() {
        try (TimeFixture time = new TimeFixture()) {
            assertTrue(assertThrows(IllegalArgumentException.class, () -> Time.advance(null))
                    .getMessage().contains("duration"));
            IllegalArgumentException neg = assertThrows(IllegalArgumentException.class,
                    () -> Time.advance(Duration.ofMillis(-1)));
            assertTrue(neg.getMessage().contains("PT-0.001S"), neg.getMessage());
        }
    }
}
