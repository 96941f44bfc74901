package dev.weft.time;

import static dev.weft.time.TimeFixture.MS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.future.Poll;
import dev.weft.runtime.internal.RuntimeContext;
import dev.weft.testkit.TestWaker;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SleepTest {
    private final TimeFixture time = new TimeFixture();
    private final TestWaker waker = new TestWaker();

    @AfterEach
    void close() {
        time.close();
    }

    @Test
    void a_sleep_is_lazy_registers_on_first_poll_and_completes_at_its_deadline() {
        Sleep sleep = Time.sleep(Duration.ofMillis(10));
        assertEquals(0, time.driver.size(), "registered before the first poll");
        assertTrue(sleep.poll(waker).isPending());
        assertEquals(1, time.driver.size());
        time.clock.advanceTo(time.t0 + 10 * MS - 1);
        time.driver.processExpired();
        assertEquals(0, waker.wakes(), "woken early");
        assertTrue(sleep.poll(waker).isPending());
        assertEquals(1, time.at(10));
        assertEquals(1, waker.wakes());
        Poll<Void> p = sleep.poll(waker);
        assertTrue(p.isReady());
        assertNull(p.get());
        assertEquals(0, time.driver.size());
        IllegalStateException again = assertThrows(IllegalStateException.class, () -> sleep.poll(waker));
        assertTrue(again.getMessage().contains("reset"), again.getMessage());
    }

    @Test
    void a_poll_after_the_deadline_completes_even_before_the_driver_ran() {
        Sleep sleep = Time.sleep(Duration.ofMillis(10));
        assertTrue(sleep.poll(waker).isPending());
        time.clock.advance(Duration.ofMillis(10));
        assertTrue(sleep.isElapsed());
        assertTrue(sleep.poll(waker).isReady());
        assertEquals(0, time.driver.size(), "entry left behind");
    }

    @Test
    void a_zero_sleep_completes_on_the_first_poll_without_registering() {
        Sleep sleep = Time.sleep(Duration.ZERO);
        assertTrue(sleep.poll(waker).isReady());
        assertEquals(0, time.driver.size());
    }

    @Test
    void only_the_newest_waker_is_woken() {
        TestWaker first = new TestWaker();
        Sleep sleep = Time.sleep(Duration.ofMillis(5));
        assertTrue(sleep.poll(first).isPending());
        assertTrue(sleep.poll(waker).isPending());
        assertEquals(1, time.driver.size());
        time.at(5);
        assertEquals(0, first.wakes());
        assertEquals(1, waker.wakes());
    }

    @Test
    void cancel_removes_the_entry_at_once_and_nothing_wakes() {
        Sleep sleep = Time.sleep(Duration.ofMillis(5));
        sleep.poll(waker);
        assertEquals(1, time.driver.size());
        sleep.cancel();
        assertEquals(0, time.driver.size());
        assertEquals(Long.MAX_VALUE, time.driver.nextDeadline());
        time.at(10);
        assertEquals(0, waker.wakes());
        sleep.cancel(); // idempotent
    }

    @Test
    void reset_moves_a_waiting_sleep_later_or_earlier_keeping_its_waker() {
        Sleep sleep = Time.sleep(Duration.ofMillis(10));
        sleep.poll(waker);
        sleep.reset(time.clock.now().plusMillis(30));
        assertEquals(time.clock.now().plusMillis(30), sleep.deadline());
        time.at(10);
        assertEquals(0, waker.wakes());
        assertTrue(sleep.poll(waker).isPending());
        sleep.reset(time.clock.now().plusMillis(5)); // t0 + 15
        assertEquals(1, time.driver.size());
        time.at(15);
        assertEquals(1, waker.wakes());
        assertTrue(sleep.poll(waker).isReady());
    }

    @Test
    void reset_after_completion_waits_again() {
        Sleep sleep = Time.sleep(Duration.ofMillis(1));
        sleep.poll(waker);
        time.at(1);
        assertTrue(sleep.poll(waker).isReady());
        sleep.reset(time.clock.now().plusMillis(4));
        assertTrue(sleep.poll(waker).isPending());
        time.at(5);
        assertEquals(2, waker.wakes());
        assertTrue(sleep.poll(waker).isReady());
    }

    @Test
    void reset_of_a_fired_but_unpolled_sleep_is_not_fooled_by_the_old_fire() {
        Sleep sleep = Time.sleep(Duration.ofMillis(1));
        sleep.poll(waker);
        time.at(1); // fired, not yet polled
        sleep.reset(time.clock.now().plusMillis(9));
        assertTrue(sleep.poll(waker).isPending(), "completed on the stale fire");
        assertEquals(1, time.driver.size());
        time.at(10);
        assertTrue(sleep.poll(waker).isReady());
    }

    @Test
    void huge_durations_saturate_to_never_and_take_no_place_in_the_timer() {
        for (Duration d : new Duration[] {Duration.ofSeconds(Long.MAX_VALUE), Duration.ofNanos(Long.MAX_VALUE),
            Duration.ofDays(365L * 1000)}) {
            Sleep sleep = Time.sleep(d);
            assertEquals(Instant.MAX, sleep.deadline(), d.toString());
            assertTrue(sleep.poll(waker).isPending());
            assertEquals(0, time.driver.size());
            time.advance(Duration.ofDays(365L * 250));
            assertTrue(sleep.poll(waker).isPending(), "a never sleep completed");
            assertFalse(sleep.isElapsed());
            sleep.cancel();
        }
    }

    @Test
    void a_never_sleep_can_be_reset_to_a_real_deadline() {
        Sleep sleep = Time.sleep(Duration.ofSeconds(Long.MAX_VALUE));
        sleep.poll(waker);
        sleep.reset(time.clock.now().plusMillis(3));
        assertEquals(1, time.driver.size());
        time.advance(Duration.ofMillis(3));
        assertEquals(1, waker.wakes());
        assertTrue(sleep.poll(waker).isReady());
    }

    @Test
    void sleep_until_uses_the_clocks_wall_timeline() {
        Instant start = time.clock.now();
        Sleep past = Time.sleepUntil(start.minusSeconds(1));
        assertTrue(past.poll(waker).isReady());
        Sleep soon = Time.sleepUntil(start.plusMillis(7));
        assertEquals(start.plusMillis(7), soon.deadline());
        assertTrue(soon.poll(waker).isPending());
        assertEquals(0, time.at(6));
        assertEquals(1, time.at(7));
        assertTrue(soon.poll(waker).isReady());
        Sleep never = Time.sleepUntil(Instant.MAX);
        assertTrue(never.poll(waker).isPending());
        assertEquals(0, time.driver.size());
    }

    @Test
    void bad_arguments_name_themselves() {
        IllegalArgumentException n = assertThrows(IllegalArgumentException.class, () -> Time.sleep(null));
        assertTrue(n.getMessage().contains("duration"), n.getMessage());
        IllegalArgumentException neg = assertThrows(IllegalArgumentException.class, () -> Time.sleep(Duration.ofSeconds(-1)));
        assertTrue(neg.getMessage().contains("duration") && neg.getMessage().contains("PT-1S"), neg.getMessage());
        IllegalArgumentException u = assertThrows(IllegalArgumentException.class, () -> Time.sleepUntil(null));
        assertTrue(u.getMessage().contains("deadline"), u.getMessage());
        Sleep sleep = Time.sleep(Duration.ofMillis(1));
        IllegalArgumentException r = assertThrows(IllegalArgumentException.class, () -> sleep.reset(null));
        assertTrue(r.getMessage().contains("deadline"), r.getMessage());
    }

    @Test
    void await_on_a_plain_thread_parks_until_the_driver_fires() throws Exception {
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread sleeper = Thread.ofPlatform().start(() -> {
            RuntimeContext.enter(TimeFixture.context(time.driver));
            try {
                Time.sleep(Duration.ofMillis(20)).await();
            } catch (Throwable t) {
                failure.set(t);
            } finally {
                RuntimeContext.enter(null);
            }
        });
        long giveUp = System.nanoTime() + 10_000_000_000L;
        while (time.driver.size() == 0 && System.nanoTime() < giveUp) {
            Thread.onSpinWait();
        }
        assertEquals(1, time.driver.size(), "the sleeper never registered");
        assertTrue(sleeper.isAlive());
        time.at(20);
        sleeper.join(10_000);
        assertFalse(sleeper.isAlive(), "the sleeper was not woken");
        assertNull(failure.get());
    }
}
