package dev.weft.test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.weft.Weft;
import dev.weft.future.Futures;
import dev.weft.future.Poll;
import dev.weft.runtime.CoroutineMode;
import dev.weft.runtime.Handle;
import dev.weft.runtime.JoinHandle;
import dev.weft.runtime.Runtime;
import dev.weft.test.WeftTest.Flavor;
import dev.weft.time.Time;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What {@code @WeftTest} gives a passing test: a coroutine body on a fresh runtime of the asked
 * flavor, virtual time, injected handles, and a runtime shut down afterwards. Each case runs a
 * sample test (the nested classes, which Surefire does not run by themselves) through JUnit's
 * engine and checks how it ended and what it saw.
 */
class WeftExtensionTest {
    /** What the last sample saw, for the checks after it ran. */
    static final AtomicReference<Handle> SEEN = new AtomicReference<>();
    static final AtomicReference<String> WORKER = new AtomicReference<>();

    @BeforeEach
    void forget() {
        SEEN.set(null);
        WORKER.set(null);
    }

    static class Samples {
        @WeftTest
        void awaitsInsideTheBody() throws Exception {
            Handle handle = Handle.current();
            assertEquals(1, handle.metrics().liveCoroutines(), "the body is the runtime's one coroutine");
            Thread thread = Thread.currentThread();
            if (handle.coroutineMode() == CoroutineMode.CONTINUATION) {
                // a bare continuation, resumed by the thread that drives the current-thread runtime
                assertFalse(thread.isVirtual(), thread + ": a continuation has no thread of its own");
                assertEquals("weft-test-driver[awaitsInsideTheBody]", thread.getName());
            } else {
                assertTrue(thread.isVirtual(), thread + ": the body's coroutine is a virtual thread");
            }
            JoinHandle<Integer> answer = Weft.spawn(() -> 6 * 7);
            assertEquals(42, answer.await());
            assertSame(thread, Thread.currentThread(), "the body stays on its thread across an await");
            SEEN.set(handle);
        }

        @WeftTest(startPaused = true, timeoutMillis = 10_000)
        void sleepsAnHourOnThePausedClock() {
            Instant start = Time.now();
            Time.sleep(Duration.ofHours(1)).await();
            assertEquals(3_600_000, Duration.between(start, Time.now()).toMillis(), "an hour on the clock");
        }

        @WeftTest
        void sleepsOnTheRunningClock() {
            Instant start = Time.now();
            Time.sleep(Duration.ofMillis(20)).await();
            assertTrue(Duration.between(start, Time.now()).toMillis() >= 20);
        }

        @WeftTest
        void getsItsRuntime(Handle handle, Runtime runtime) {
            assertEquals(Handle.current(), handle);
            assertEquals(handle, runtime.handle());
            SEEN.set(handle);
        }

        @WeftTest(flavor = Flavor.MULTI_THREAD, workers = 3)
        void runsOnThreeWorkers(Handle handle) throws Exception {
            assertEquals(3, handle.metrics().workerCount());
            WORKER.set(Weft.spawn(Futures.pollFn(cx -> Poll.ready(Thread.currentThread().getName()))).await());
            SEEN.set(handle);
        }

        @WeftTest
        void runsOnOneThread(Handle handle) {
            assertEquals(1, handle.metrics().workerCount());
        }

        @WeftTest
        void runsInTheJvmsCoroutineMode(Handle handle) {
            String expected = System.getProperty("weft.expectedCoroutineMode");
            assumeTrue(expected != null, "set by the build's three Surefire runs");
            assertEquals(expected, handle.coroutineMode().name());
        }

        @WeftTest
        void abortsWhatItSpawned() throws Exception {
            JoinHandle<Void> sleeper = Weft.spawn(() -> {
                try {
                    Time.sleep(Duration.ofHours(1)).await();
                } finally {
                    Weft.yieldNow().await(); // unwinding takes a turn or two: not a leak
                }
                return null;
            });
            JoinHandle<Void> blocking = Weft.spawnBlocking(() -> null);
            Weft.yieldNow().await();
            sleeper.abort();
            assertNotNull(blocking); // neither joined: both end on their own, right after the body
        }

        @WeftTest(flavor = Flavor.MULTI_THREAD, startPaused = true)
        void abortsWhatItSpawnedOnTheMultiThreadFlavor() {
            Weft.spawn(() -> Time.sleep(Duration.ofHours(1)).await()).abort();
        }

        @WeftTest(startPaused = true, allowLiveTasks = true)
        void leavesASleeperItIsAllowedToLeave() {
            Weft.spawn(() -> Time.sleep(Duration.ofHours(1)).await());
        }
    }

    @Test
    void theBodyIsACoroutineOnTheTestsRuntimeWhichIsShutDownAfterwards() {
        Kit.assertPasses(Samples.class, "awaitsInsideTheBody");
        Handle h = SEEN.get();
        assertNotNull(h, "the body ran");
        assertThrows(IllegalStateException.class, () -> h.spawn(Futures.ready(1)), "the runtime was shut down");
        assertEquals(0, h.aliveTasks());
    }

    @Test
    void anHourOnThePausedClockPassesAtOnce() {
        Kit.assertPasses(Samples.class, "sleepsAnHourOnThePausedClock");
    }

    @Test
    void theClockRunsUnlessStartedPaused() {
        Kit.assertPasses(Samples.class, "sleepsOnTheRunningClock");
    }

    @Test
    void handleAndRuntimeParametersAreTheTestsRuntime() {
        Kit.assertPasses(Samples.class, "getsItsRuntime");
        Handle h = SEEN.get();
        assertNotNull(h);
        assertThrows(IllegalStateException.class, () -> h.spawn(Futures.ready(1)), "the runtime was shut down");
    }

    @Test
    void eachTestGetsAFreshRuntime() {
        Kit.assertPasses(Samples.class, "getsItsRuntime");
        Handle first = SEEN.get();
        Kit.assertPasses(Samples.class, "getsItsRuntime");
        assertNotEquals(first, SEEN.get());
    }

    @Test
    void theMultiThreadFlavorRunsTasksOnItsWorkers() {
        Kit.assertPasses(Samples.class, "runsOnThreeWorkers");
        assertTrue(WORKER.get().startsWith("weft-test-worker-"), WORKER.get());
        Handle h = SEEN.get();
        assertThrows(IllegalStateException.class, () -> h.spawn(Futures.ready(1)), "the runtime was shut down");
    }

    @Test
    void theCurrentThreadFlavorIsTheDefault() {
        Kit.assertPasses(Samples.class, "runsOnOneThread");
    }

    @Test
    void theBuildRunsEachCoroutineMode() {
        Kit.assertPasses(Samples.class, "runsInTheJvmsCoroutineMode");
    }

    @Test
    void tasksThatAreFinishingWhenTheBodyReturnsAreNotLeaks() {
        Kit.assertPasses(Samples.class, "abortsWhatItSpawned");
        Kit.assertPasses(Samples.class, "abortsWhatItSpawnedOnTheMultiThreadFlavor");
    }

    @Test
    void allowLiveTasksLetsShutdownCancelThem() {
        Kit.assertPasses(Samples.class, "leavesASleeperItIsAllowedToLeave");
    }

    @Test
    void settingsComeFromTheAnnotation() throws Exception {
        Settings s = Settings.of(Samples.class.getDeclaredMethod("runsOnThreeWorkers", Handle.class));
        assertSame(Flavor.MULTI_THREAD, s.flavor());
        assertEquals(3, s.workers());
        assertEquals(Settings.DEFAULTS, Settings.of(Samples.class.getDeclaredMethod("awaitsInsideTheBody")));
    }
}
