package dev.weft.time.wheel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Four owner threads insert, move and remove their own entries while one thread advances a
 * paused clock and processes expirations, for a bounded time. Checks: no exception, no entry
 * seen fired before its deadline, and at quiescence the driver's size equals the entries the
 * owners hold registered and unfired.
 */
@Tag("stress")
class TimeDriverStressTest {
    private static final long MS = 1_000_000L;
    private static final long RUN_NANOS = 2_000_000_000L;

    @Test
    void owners_and_the_processing_thread_race_without_losing_or_corrupting_entries() throws Exception {
        Clock clock = Clock.paused();
        TimeDriver driver = new TimeDriver(clock);
        int owners = 4;
        int perOwner = 256;
        List<Throwable> failures = new CopyOnWriteArrayList<>();
        AtomicBoolean stop = new AtomicBoolean();
        CountDownLatch ownersDone = new CountDownLatch(owners);
        List<TestEntry[]> allEntries = new ArrayList<>();
        List<long[]> allDeadlines = new ArrayList<>();
        List<boolean[]> allInserted = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < owners; t++) {
            TestEntry[] entries = new TestEntry[perOwner];
            long[] deadlines = new long[perOwner];
            boolean[] inserted = new boolean[perOwner];
            for (int i = 0; i < perOwner; i++) {
                entries[i] = new TestEntry("t" + t + "e" + i);
            }
            allEntries.add(entries);
            allDeadlines.add(deadlines);
            allInserted.add(inserted);
            long seed = 1000 + t;
            threads.add(Thread.ofPlatform().start(() -> {
                SplittableRandom rnd = new SplittableRandom(seed);
                try {
                    while (!stop.get()) {
                        int i = rnd.nextInt(perOwner);
                        TestEntry e = entries[i];
                        if (inserted[i] && e.fired()) {
                            long now = clock.nanoTime();
                            assertTrue(now >= deadlines[i], e + " fired " + (deadlines[i] - now) + " ns early");
                        }
                        if (rnd.nextInt(3) == 0) {
                            driver.remove(e);
                            inserted[i] = false;
                        } else {
                            long d = clock.nanoTime() + rnd.nextLong(-MS, 200 * MS);
                            deadlines[i] = d;
                            driver.insert(e, d);
                            inserted[i] = true;
                        }
                    }
                } catch (Throwable ex) {
                    failures.add(ex);
                } finally {
                    ownersDone.countDown();
                }
            }));
        }
        Thread processor = Thread.ofPlatform().start(() -> {
            try {
                while (ownersDone.getCount() > 0) {
                    clock.advance(java.time.Duration.ofNanos(MS / 4));
                    driver.processExpired();
                }
            } catch (Throwable ex) {
                failures.add(ex);
            }
        });
        long end = System.nanoTime() + RUN_NANOS;
        while (System.nanoTime() < end && failures.isEmpty()) {
            Thread.onSpinWait();
            Thread.yield();
        }
        stop.set(true);
        for (Thread t : threads) {
            t.join();
        }
        processor.join();
        if (!failures.isEmpty()) {
            throw new AssertionError(failures.get(0));
        }
        // Quiescent: the driver holds exactly the registered, unfired entries.
        int expected = 0;
        for (int t = 0; t < owners; t++) {
            for (int i = 0; i < perOwner; i++) {
                if (allInserted.get(t)[i] && !allEntries.get(t)[i].fired()) {
                    expected++;
                }
            }
        }
        assertEquals(expected, driver.size());
        // And every one of them still fires, never early.
        clock.advance(java.time.Duration.ofSeconds(1));
        assertEquals(expected, driver.processExpired());
        assertEquals(0, driver.size());
        assertEquals(Long.MAX_VALUE, driver.nextDeadline());
        for (int t = 0; t < owners; t++) {
            for (int i = 0; i < perOwner; i++) {
                if (allInserted.get(t)[i]) {
                    assertTrue(allEntries.get(t)[i].fired(), "registered entry never fired");
                }
            }
        }
    }
}
