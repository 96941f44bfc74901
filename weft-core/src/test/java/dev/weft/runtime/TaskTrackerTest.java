package dev.weft.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.Async;
import dev.weft.future.Future;
import dev.weft.future.Futures;
import dev.weft.future.Poll;
import dev.weft.testkit.CancelAfter;
import dev.weft.testkit.TestWaker;
import dev.weft.time.Time;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link TaskTracker}: counting, closing, waiting, cancellation and shutdown, on a paused clock. */
@Timeout(60)
class TaskTrackerTest {

    static Runtime runtime(boolean multi) {
        RuntimeBuilder b = Runtime.builder();
        return (multi ? b.multiThread().workerThreads(2) : b.currentThread()).enableAll().startPaused(true).build();
    }

    private static <T> T run(boolean multi, Callable<T> body) throws Exception {
        try (Runtime rt = runtime(multi)) {
            return rt.blockOn(Async.async(body));
        }
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void drainedCompletesWhenClosedAndEmpty(boolean multi) throws Exception {
        long tookMs = run(multi, () -> {
            TaskTracker tracker = new TaskTracker();
            tracker.spawn(() -> Time.sleep(Duration.ofMillis(30)).await());
            tracker.spawn(Time.sleep(Duration.ofMillis(10)));
            tracker.spawn(() -> {
                Time.sleep(Duration.ofMillis(20)).await();
                return "value";
            });
            assertEquals(3, tracker.len());
            assertFalse(tracker.isEmpty());
            Time.sleep(Duration.ofMillis(40)).await(); // all ended, but the tracker is open
            assertTrue(tracker.isEmpty());
            Future<Optional<Void>> notYet = new CancelAfter<>(tracker.drained(), 3);
            assertEquals(Optional.empty(), notYet.await(), "open: drained() must wait");
            tracker.spawn(() -> Time.sleep(Duration.ofMillis(50)).await());
            assertTrue(tracker.close());
            assertFalse(tracker.close());
            assertTrue(tracker.isClosed());
            long before = Time.now().toEpochMilli();
            tracker.drained().await();
            assertEquals(0, tracker.len());
            return Time.now().toEpochMilli() - before;
        });
        assertEquals(50, tookMs);
    }

    @Test
    void closedAndEmptyIsDrainedAtOnceAndReopenWaitsAgain() throws Exception {
        TestWaker w = new TestWaker();
        TaskTracker tracker = new TaskTracker();
        Future<Void> waiting = tracker.drained();
        assertTrue(w.poll(waiting).isPending());
        tracker.close();
        assertTrue(w.takeWoken(), "close of an empty tracker wakes the waiter");
        assertEquals(null, w.ready(waiting));
        assertThrows(IllegalStateException.class, () -> w.poll(waiting));
        assertEquals(null, w.ready(tracker.drained()));
        assertTrue(tracker.reopen());
        assertFalse(tracker.reopen());
        assertFalse(tracker.isClosed());
        assertTrue(w.poll(tracker.drained()).isPending());
    }

    @Test
    void trackCountsUntilReadyFailedOrCancelled() throws Exception {
        TestWaker w = new TestWaker();
        TaskTracker tracker = new TaskTracker();
        Future<String> ok = tracker.track(Futures.ready("a"));
        Future<String> bad = tracker.track(Futures.failed(new IOException("boom")));
        Future<String> dropped = tracker.track(Futures.pending());
        Future<String> thrower = tracker.track(cx -> {
            throw new IllegalStateException("poll threw");
        });
        assertEquals(4, tracker.len());
        tracker.close();
        Future<Void> waiting = tracker.drained();
        assertTrue(w.poll(waiting).isPending());
        assertEquals("a", w.ready(ok));
        assertInstanceOf(IOException.class, w.failed(bad));
        assertThrows(IllegalStateException.class, () -> w.poll(thrower));
        assertTrue(w.poll(dropped).isPending());
        assertEquals(1, tracker.len());
        assertFalse(w.takeWoken());
        dropped.cancel();
        dropped.cancel(); // counted once
        assertEquals(0, tracker.len());
        assertTrue(w.takeWoken());
        assertEquals(null, w.ready(waiting));
    }

    /** Unlike a JoinSet, nothing stays behind for a finished task. */
    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void aHundredThousandTasksLeaveNothingBehind(boolean multi) throws Exception {
        int left = run(multi, () -> {
            TaskTracker tracker = new TaskTracker();
            for (int i = 0; i < 100_000; i++) {
                tracker.spawn(Futures.ready(i));
                if (i % 100 == 0) {
                    tracker.spawn(() -> { });
                }
            }
            tracker.close();
            tracker.drained().await();
            return tracker.len();
        });
        assertEquals(0, left);
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void anAbortedTaskStopsCountingBeforeOrAfterItStarted(boolean multi) throws Exception {
        AtomicBoolean unwound = new AtomicBoolean();
        run(multi, () -> {
            TaskTracker tracker = new TaskTracker();
            JoinHandle<Void> neverRuns = tracker.spawn(() -> {
                Futures.pending().await();
            });
            neverRuns.abort(); // before its first poll (current-thread; multi-thread: maybe after)
            JoinHandle<Void> sleeping = tracker.spawn(() -> {
                try {
                    Futures.pending().await();
                } finally {
                    unwound.set(true);
                }
            });
            JoinHandle<Integer> pollBased = tracker.spawn(Futures.<Integer>pending());
            Time.sleep(Duration.ofMillis(1)).await(); // they started
            sleeping.abort();
            pollBased.abort();
            tracker.close();
            tracker.drained().await();
            assertTrue(unwound.get(), "counted until the body unwound");
            assertThrows(JoinError.class, neverRuns::await);
            assertThrows(JoinError.class, pollBased::await);
            return null;
        });
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void runtimeShutdownStopsTheCount(boolean multi) throws Exception {
        TaskTracker tracker = new TaskTracker();
        try (Runtime rt = runtime(multi)) {
            tracker.spawnOn(rt.handle(), () -> Futures.pending().await());
            tracker.spawnOn(rt.handle(), Futures.<Integer>pending());
            rt.blockOn(Async.async(() -> Time.sleep(Duration.ofMillis(1)).await()));
            assertEquals(2, tracker.len());
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!tracker.isEmpty() && System.nanoTime() < deadline) {
            Thread.onSpinWait(); // a virtual-thread coroutine unwinds on its own thread after close()
        }
        assertEquals(0, tracker.len());
        Runtime closed = runtime(false);
        closed.close();
        assertThrows(IllegalStateException.class, () -> tracker.spawnOn(closed.handle(), Futures.ready(1)));
        assertThrows(IllegalStateException.class, () -> tracker.spawnOn(closed.handle(), () -> 1));
        assertEquals(0, tracker.len(), "a refused spawn does not count");
    }

    @Test
    void aCancelledDrainedLosesNothing() throws Exception {
        run(false, () -> {
            TaskTracker tracker = new TaskTracker();
            tracker.spawn(() -> Time.sleep(Duration.ofMillis(10)).await());
            tracker.close();
            assertEquals(Optional.empty(), new CancelAfter<>(tracker.drained(), 2).await());
            assertEquals(1, tracker.len());
            tracker.drained().await();
            assertEquals(0, tracker.len());
            return null;
        });
    }

    @Test
    void aCancelledWaiterIsForgotten() {
        TestWaker w = new TestWaker();
        TaskTracker tracker = new TaskTracker();
        Future<Void> waiting = tracker.drained();
        assertTrue(w.poll(waiting).isPending());
        waiting.cancel();
        tracker.close();
        assertFalse(w.takeWoken(), "a cancelled drained() is not woken");
    }

    @Test
    void badArgumentsAreNamed() {
        TaskTracker tracker = new TaskTracker();
        try (Runtime rt = runtime(false)) {
            Handle h = rt.handle();
            assertMessage("future", () -> tracker.track(null));
            assertMessage("future", () -> tracker.spawnOn(h, (Future<Integer>) null));
            assertMessage("body", () -> tracker.spawnOn(h, (Callable<Integer>) null));
            assertMessage("body", () -> tracker.spawnOn(h, (CheckedRunnable) null));
            assertMessage("handle", () -> tracker.spawnOn(null, Futures.ready(1)));
            assertMessage("handle", () -> tracker.spawnOn(null, () -> 1));
            assertMessage("body", () -> tracker.spawn((Callable<Integer>) null));
            assertMessage("future", () -> tracker.spawn((Future<Integer>) null));
            assertMessage("body", () -> tracker.spawn((CheckedRunnable) null));
        }
        assertEquals(0, tracker.len());
        assertThrows(IllegalStateException.class, () -> tracker.spawn(Futures.ready(1)), "outside a runtime");
        assertEquals(0, tracker.len());
    }

    private static void assertMessage(String name, org.junit.jupiter.api.function.Executable e) {
        IllegalArgumentException x = assertThrows(IllegalArgumentException.class, e);
        assertTrue(x.getMessage().contains(name), x.getMessage());
    }

    /**
     * Bounded stress of the close/count/wait races: threads count and release while another
     * closes and a waiter polls; the waiter must be woken exactly when closed and empty.
     */
    @Test
    void closeCountAndWaitRaces() throws Exception {
        for (int round = 0; round < 2_000; round++) {
            TaskTracker tracker = new TaskTracker();
            TestWaker w = new TestWaker();
            Future<Void> waiting = tracker.drained();
            assertTrue(w.poll(waiting).isPending());
            Future<?>[] tracked = new Future<?>[4];
            for (int i = 0; i < tracked.length; i++) {
                tracked[i] = tracker.track(Futures.pending());
            }
            Thread[] threads = new Thread[tracked.length + 1];
            for (int i = 0; i < tracked.length; i++) {
                Future<?> f = tracked[i];
                threads[i] = Thread.ofPlatform().start(() -> {
                    Future<Integer> extra = tracker.track(Futures.ready(1));
                    f.cancel();
                    new TestWaker().ready(extra);
                });
            }
            threads[tracked.length] = Thread.ofPlatform().start(tracker::close);
            for (Thread t : threads) {
                t.join();
            }
            assertEquals(0, tracker.len());
            assertTrue(w.wakes() >= 1, "round " + round + ": the waiter was not woken");
            Poll<Void> p = w.poll(waiting);
            assertTrue(p.isReady(), "round " + round);
        }
    }
}
