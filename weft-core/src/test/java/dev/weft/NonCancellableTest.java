package dev.weft;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.future.CancelledException;
import dev.weft.future.Futures;
import dev.weft.runtime.JoinError;
import dev.weft.runtime.JoinHandle;
import dev.weft.runtime.Runtime;
import dev.weft.sync.Notify;
import dev.weft.testkit.Modes;
import dev.weft.time.Elapsed;
import dev.weft.time.Time;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link Async#nonCancellable}: the cleanup region of a cancelled coroutine. Runs on both
 * flavors; the Surefire executions run it on each coroutine engine.
 */
@Timeout(60)
class NonCancellableTest {

    static Stream<Integer> workers() {
        return Stream.of(0, 1, 2); // 0: current-thread
    }

    private static Runtime paused(int workers) {
        var b = Runtime.builder();
        (workers == 0 ? b.currentThread() : b.multiThread().workerThreads(workers)).enableAll().startPaused(true);
        return b.build();
    }

    @ParameterizedTest
    @MethodSource("workers")
    void anAbortedTaskStillAwaitsInItsCleanupAndItsJoinComesAfter(int workers) throws Exception {
        List<String> log = new CopyOnWriteArrayList<>();
        try (Runtime rt = paused(workers)) {
            rt.blockOn(Async.async(() -> {
                Notify started = new Notify();
                JoinHandle<Void> h = Weft.spawn(() -> {
                    try {
                        started.notifyOne();
                        Futures.<Void>pending().await();
                    } finally {
                        Instant t0 = Time.now();
                        String r = Async.nonCancellable(Duration.ofSeconds(5), () -> {
                            Time.sleep(Duration.ofMillis(300)).await(); // would throw without the region
                            return "flushed";
                        });
                        log.add(r + " after " + Duration.between(t0, Time.now()).toMillis() + "ms");
                    }
                    return null;
                });
                started.notified().await();
                h.abort();
                JoinError e = assertThrows(JoinError.class, h::await);
                assertTrue(e.isAborted(), e.toString());
                log.add("joined");
                return null;
            }));
        }
        assertEquals(List.of("flushed after 300ms", "joined"), log);
    }

    @ParameterizedTest
    @MethodSource("workers")
    void theLimitCancelsTheBodyAndThrowsElapsed(int workers) throws Exception {
        List<String> log = new CopyOnWriteArrayList<>();
        try (Runtime rt = paused(workers)) {
            Object thrown = rt.blockOn(Async.async(() -> {
                Instant t0 = Time.now();
                try {
                    return Async.nonCancellable(Duration.ofMillis(250), () -> {
                        try {
                            return Futures.<String>pending().await();
                        } finally {
                            log.add("body's finally");
                        }
                    });
                } catch (Elapsed e) {
                    log.add("elapsed after " + Duration.between(t0, Time.now()).toMillis() + "ms");
                    return e;
                }
            }));
            assertInstanceOf(Elapsed.class, thrown);
            rt.blockOn(Async.async(() -> Time.sleep(Duration.ofMillis(10)).await())); // the body unwinds on its own
        }
        assertTrue(log.contains("elapsed after 250ms"), log.toString());
        assertTrue(log.contains("body's finally"), log.toString());
    }

    @ParameterizedTest
    @MethodSource("workers")
    void aCancellationDuringTheRegionIsDeferredToTheNextAwait(int workers) throws Exception {
        List<String> log = new CopyOnWriteArrayList<>();
        try (Runtime rt = paused(workers)) {
            rt.blockOn(Async.async(() -> {
                Notify inRegion = new Notify();
                JoinHandle<String> h = Weft.spawn(() -> {
                    String r = Async.nonCancellable(Duration.ofSeconds(5), () -> {
                        inRegion.notifyOne();
                        Time.sleep(Duration.ofMillis(100)).await();
                        return "region done";
                    });
                    log.add(r);
                    try {
                        Time.sleep(Duration.ofMillis(1)).await();
                        log.add("not cancelled?");
                    } catch (CancelledException e) {
                        log.add("cancelled at the next await");
                        throw e;
                    }
                    return "unreachable";
                });
                inRegion.notified().await();
                h.abort();
                assertThrows(JoinError.class, h::await);
                return null;
            }));
        }
        assertEquals(List.of("region done", "cancelled at the next await"), log);
    }

    @ParameterizedTest
    @MethodSource("workers")
    void anAbortedParentsJoinSetWaitsForItsChildrenSoTheParentsJoinComesLast(int workers) throws Exception {
        List<String> log = new CopyOnWriteArrayList<>();
        try (Runtime rt = paused(workers)) {
            rt.blockOn(Async.async(() -> {
                dev.weft.sync.Semaphore started = new dev.weft.sync.Semaphore(0);
                JoinHandle<Void> parent = Weft.spawn(() -> {
                    try (dev.weft.runtime.JoinSet<Void> children = new dev.weft.runtime.JoinSet<>()) {
                        for (int i = 0; i < 5; i++) {
                            int n = i;
                            children.spawn(() -> {
                                try {
                                    started.addPermits(1);
                                    for (;;) {
                                        log.add("line " + n);
                                        Time.sleep(Duration.ofMillis(10)).await();
                                    }
                                } finally {
                                    Async.nonCancellable(Duration.ofSeconds(1), () -> Time.sleep(Duration.ofMillis(50)).await());
                                    log.add("child " + n + " ended");
                                }
                            });
                        }
                        Futures.<Void>pending().await();
                    }
                    return null;
                });
                started.acquire(5).await().close();
                parent.abort();
                assertThrows(JoinError.class, parent::await);
                log.add("parent joined");
                Time.sleep(Duration.ofMillis(200)).await(); // nothing of the children may come now
                return null;
            }));
        }
        assertEquals("parent joined", log.get(log.size() - 1), log.toString());
        assertEquals(5, log.stream().filter(l -> l.endsWith("ended")).count(), log.toString());
    }

    @Test
    void theBodysValueAndFailureAreItsOwn() throws Exception {
        try (Runtime rt = paused(0)) {
            assertEquals(42, rt.blockOn(Async.async(() -> Async.nonCancellable(Duration.ofSeconds(1), () -> 42))));
            IllegalArgumentException bad = new IllegalArgumentException("bad");
            assertSame(bad, assertThrows(IllegalArgumentException.class, () -> rt.blockOn(Async.async(
                    () -> Async.nonCancellable(Duration.ofSeconds(1), () -> { throw bad; })))));
        }
    }

    @Test
    void aTaskInItsRegionDoesNotKeepTheRuntimeFromShuttingDown() throws Exception {
        List<String> log = new CopyOnWriteArrayList<>();
        try (Runtime rt = Runtime.builder().multiThread().workerThreads(1).enableAll().build()) {
            rt.blockOn(Async.async(() -> {
                Notify inRegion = new Notify();
                Weft.spawn(() -> Async.nonCancellable(Duration.ofHours(1), () -> {
                    inRegion.notifyOne();
                    try {
                        return Futures.pending().await();
                    } finally {
                        log.add("cleanup cancelled by shutdown");
                    }
                }));
                inRegion.notified().await();
                return null;
            }));
        }
        // close() returned, and the region's body was cancelled: its hour did not hold the shutdown
        assertEquals(List.of("cleanup cancelled by shutdown"), log);
    }

    @Test
    void badArgumentsAreNamedAndOutsideARuntimeTheCallIsNamed() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Async.nonCancellable(null, () -> 1))
                .getMessage().startsWith("limit"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Async.nonCancellable(Duration.ZERO, () -> 1))
                .getMessage().startsWith("limit"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Async.nonCancellable(Duration.ofSeconds(-1), () -> 1))
                .getMessage().startsWith("limit"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Async.nonCancellable(Duration.ofSeconds(1), null))
                .getMessage().startsWith("body"));
        String msg = assertThrows(IllegalStateException.class, () -> Async.nonCancellable(Duration.ofSeconds(1), () -> 1))
                .getMessage();
        assertTrue(msg.contains("Async.nonCancellable"), msg);
    }

    @Test
    void aDroppedCoroutineRunsItsRegionOnVirtualThreadsAndSaysWhyNotOnContinuations() throws Exception {
        List<String> log = new CopyOnWriteArrayList<>();
        try (Runtime rt = paused(0)) {
            rt.blockOn(Async.async(() -> {
                try {
                    Time.timeout(Duration.ofMillis(10), Async.async(() -> {
                        try {
                            return Futures.pending().await();
                        } finally {
                            try {
                                log.add(Async.nonCancellable(Duration.ofSeconds(1), () -> {
                                    Time.sleep(Duration.ofMillis(50)).await();
                                    return "cleaned";
                                }));
                            } catch (CancelledException e) {
                                log.add(e.getMessage());
                            }
                        }
                    })).await();
                } catch (Elapsed expected) {
                    // the coroutine was dropped
                }
                Time.sleep(Duration.ofMillis(100)).await();
                return null;
            }));
        }
        if (Modes.continuation()) {
            assertEquals(1, log.size(), log.toString());
            assertTrue(log.get(0).contains("dropped by its owner"), log.toString());
        } else {
            assertEquals(List.of("cleaned"), log);
        }
    }
}
