package dev.weft;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.future.Futures;
import dev.weft.runtime.JoinHandle;
import dev.weft.runtime.Runtime;
import dev.weft.time.Elapsed;
import dev.weft.time.Interval;
import dev.weft.time.MissedTickBehavior;
import dev.weft.time.Time;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Time on a real runtime: the paused clock's auto-advance, timers beside blocking coroutines. */
class RuntimeTimeTest {

    static Runtime paused() {
        return Runtime.builder().currentThread().enableTime().startPaused(true).build();
    }

    @Test
    void aOneHourIntervalRunsInMillisecondsOnThePausedClock() throws Exception {
        long realStart = System.nanoTime();
        try (Runtime rt = paused()) {
            List<Duration> ticks = rt.blockOn(Async.async(() -> {
                Instant start = Time.now();
                Interval every = Time.interval(Duration.ofHours(1));
                List<Duration> out = new ArrayList<>();
                for (int i = 0; i < 4; i++) {
                    out.add(Duration.between(start, every.tick().await()));
                }
                return out;
            }));
            assertEquals(List.of(Duration.ZERO, Duration.ofHours(1), Duration.ofHours(2), Duration.ofHours(3)), ticks);
        }
        assertTrue(System.nanoTime() - realStart < 5_000_000_000L, "virtual time, not real time");
    }

    @Test
    void sleepsWakeInDeadlineOrderWithExactVirtualTimes() throws Exception {
        try (Runtime rt = paused()) {
            List<String> order = rt.blockOn(Async.async(() -> {
                Instant start = Time.now();
                List<String> log = new java.util.concurrent.CopyOnWriteArrayList<>();
                List<JoinHandle<Void>> hs = new ArrayList<>();
                for (long ms : new long[] {300, 100, 86_400_000L, 200}) {
                    hs.add(Weft.spawn(() -> {
                        Weft.sleep(Duration.ofMillis(ms)).await();
                        log.add(ms + "@" + Duration.between(start, Time.now()).toMillis());
                        return null;
                    }));
                }
                for (JoinHandle<Void> h : hs) {
                    h.await();
                }
                return log;
            }));
            assertEquals(List.of("100@100", "200@200", "300@300", "86400000@86400000"), order);
        }
    }

    @Test
    void timeoutOnThePausedClockCancelsTheLoser() throws Exception {
        AtomicInteger finallyRan = new AtomicInteger();
        try (Runtime rt = paused()) {
            Elapsed e = assertThrows(Elapsed.class, () -> rt.blockOn(Async.async(() ->
                    Weft.timeout(Duration.ofMillis(100), Async.async(() -> {
                        try {
                            Weft.sleep(Duration.ofMillis(250)).await();
                            return "late";
                        } finally {
                            finallyRan.incrementAndGet();
                        }
                    })).await())));
            assertTrue(e.getMessage().contains("100"), e.getMessage());
            String fast = rt.blockOn(Async.async(() ->
                    Weft.timeout(Duration.ofMillis(100), Futures.ready("fast")).await()));
            assertEquals("fast", fast);
        }
        assertEquals(1, finallyRan.get(), "the cancelled query unwound");
    }

    @Test
    void missedTicksAreSkippedWhenAskedTo() throws Exception {
        try (Runtime rt = paused()) {
            List<String> ticks = rt.blockOn(Async.async(() -> {
                Instant start = Time.now();
                Interval iv = Time.interval(Duration.ofMillis(10));
                iv.setMissedTickBehavior(MissedTickBehavior.SKIP);
                List<String> out = new ArrayList<>();
                for (int i = 0; i < 3; i++) {
                    Instant scheduled = iv.tick().await();
                    out.add(Duration.between(start, scheduled).toMillis() + "@" + Duration.between(start, Time.now()).toMillis());
                    if (i == 0) {
                        Weft.sleep(Duration.ofMillis(35)).await(); // miss the ticks at 10, 20 and 30
                    }
                }
                return out;
            }));
            // Tokio's semantics: the missed tick (scheduled at 10) is delivered at once, then the
            // schedule skips to the next multiple of the period after now.
            assertEquals(List.of("0@0", "10@35", "40@40"), ticks);
        }
    }

    /**
     * The blocking coroutine stays in {@code Thread.sleep} until the timer has fired (at most 10 s),
     * so the timer firing meanwhile is seen by causality, not by how many ms it took: on a loaded
     * machine a 50 ms timer may well fire after 350 ms, but if the blocking call held the runtime's
     * only thread it could not fire at all before the blocker gave up.
     */
    @Test
    void aTimerFiresOnTimeWhileAnotherCoroutineSitsInABlockingJdkCall() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeFalse(dev.weft.testkit.Modes.continuation(), dev.weft.testkit.Modes.NO_BLOCKING_PROMISE);
        try (Runtime rt = Runtime.builder().currentThread().enableTime().build()) {
            long[] timerMillis = new long[1];
            AtomicBoolean fired = new AtomicBoolean();
            boolean firedWhileBlocked = rt.blockOn(Async.async(() -> {
                long start = System.nanoTime();
                JoinHandle<Boolean> blocker = Weft.spawn(() -> {
                    long giveUp = System.nanoTime() + 10_000_000_000L;
                    while (!fired.get() && System.nanoTime() - giveUp < 0) {
                        Thread.sleep(10); // a blocking JDK call: parks this coroutine only
                    }
                    return fired.get();
                });
                JoinHandle<Void> timer = Weft.spawn(() -> {
                    Weft.sleep(Duration.ofMillis(50)).await();
                    timerMillis[0] = (System.nanoTime() - start) / 1_000_000;
                    fired.set(true);
                    return null;
                });
                timer.await();
                return blocker.await();
            }));
            assertTrue(firedWhileBlocked, "the timer fired while the other coroutine sat in Thread.sleep");
            assertTrue(timerMillis[0] >= 50, "the 50 ms timer fired after " + timerMillis[0] + " ms");
        }
    }

    @Test
    void sleepOutsideARuntimeSaysHowToFixIt() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Weft.sleep(Duration.ofMillis(1)));
        assertTrue(e.getMessage().contains("Weft.run"), e.getMessage());
    }

    @Test
    void sleepOnARuntimeWithoutTimeSaysWhatToEnable() throws Exception {
        try (Runtime rt = Runtime.builder().currentThread().build()) {
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> rt.blockOn(Async.async(() -> Weft.sleep(Duration.ofMillis(1)))));
            assertTrue(e.getMessage().contains("enableTime"), e.getMessage());
        }
    }

    @Test
    void anOverflowingSleepNeverFiresAndCancelsCleanly() throws Exception {
        try (Runtime rt = paused()) {
            String r = rt.blockOn(Async.async(() -> Futures.race(
                    Weft.sleep(Duration.ofSeconds(Long.MAX_VALUE)).map(v -> "overflowed"),
                    Weft.sleep(Duration.ofDays(365 * 10)).map(v -> "ten years")).await()));
            assertEquals("ten years", r);
        }
    }
}
