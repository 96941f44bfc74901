package dev.weft.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.Async;
import dev.weft.Weft;
import dev.weft.future.Future;
import dev.weft.future.Futures;
import dev.weft.future.Outcome;
import dev.weft.time.Elapsed;
import dev.weft.time.Time;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link JoinSet} on both runtime flavors, with a paused clock. */
@Timeout(30)
class JoinSetTest {
    private final AtomicInteger started = new AtomicInteger();

    static Runtime runtime(boolean multi) {
        RuntimeBuilder b = Runtime.builder();
        return (multi ? b.multiThread().workerThreads(2) : b.currentThread()).enableTime().startPaused(true).build();
    }

    /**
     * A task future ready with {@code value} {@code ms} after now. The deadline is fixed here, by
     * the spawner, so the completion order does not depend on when a coroutine gets to start.
     */
    static Future<String> after(long ms, String value) {
        return Time.sleep(Duration.ofMillis(ms)).map(v -> value);
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void joinsInCompletionOrder(boolean multi) throws Exception {
        try (Runtime rt = runtime(multi)) {
            List<String> order = rt.blockOn(Async.async(() -> {
                try (JoinSet<String> set = new JoinSet<>()) {
                    set.spawn(after(30, "c"));
                    set.spawn(after(10, "a"));
                    set.spawn(after(20, "b"));
                    assertEquals(3, set.len());
                    List<String> out = new ArrayList<>();
                    Optional<String> next;
                    while ((next = set.joinNext().await()).isPresent()) {
                        out.add(next.get());
                    }
                    assertTrue(set.isEmpty());
                    return out;
                }
            }));
            assertEquals(List.of("a", "b", "c"), order);
        }
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void anEmptySetJoinsNothing(boolean multi) throws Exception {
        try (Runtime rt = runtime(multi); JoinSet<String> set = new JoinSet<>()) {
            assertEquals(Optional.empty(), rt.blockOn(set.joinNext()));
            assertEquals(Optional.empty(), set.tryJoinNext());
            assertEquals(List.of(), rt.blockOn(set.joinAll()));
            assertEquals(0, set.len());
            Future<Optional<String>> once = set.joinNext();
            rt.blockOn(once);
            assertThrows(IllegalStateException.class, () -> rt.blockOn(once));
        }
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void aFailureIsRethrownAsItIsAndTheSetGoesOn(boolean multi) throws Exception {
        IOException boom = new IOException("boom");
        try (Runtime rt = runtime(multi)) {
            rt.blockOn(Async.async(() -> {
                JoinSet<String> set = new JoinSet<>();
                set.spawn(Time.sleep(Duration.ofMillis(5)).then(v -> Futures.<String>failed(boom)));
                set.spawn(after(10, "ok"));
                assertSame(boom, assertThrows(IOException.class, () -> set.joinNext().await()));
                assertEquals(Optional.of("ok"), set.joinNext().await());
                set.spawn(() -> {
                    throw boom;
                });
                Outcome<String> o = set.joinNextOutcome().await().orElseThrow();
                assertSame(boom, assertInstanceOf(Outcome.Failure.class, o).error());
                return null;
            }));
        }
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void tryJoinNextTakesOnlyFinishedTasks(boolean multi) throws Exception {
        try (Runtime rt = runtime(multi)) {
            rt.blockOn(Async.async(() -> {
                JoinSet<String> set = new JoinSet<>();
                set.spawn(after(10, "x"));
                assertEquals(Optional.empty(), set.tryJoinNext());
                Time.sleep(Duration.ofMillis(20)).await();
                assertEquals(new Outcome.Success<>("x"), set.tryJoinNext().orElseThrow());
                assertTrue(set.isEmpty());
                return null;
            }));
        }
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void abortAllCancelsEveryTaskAndJoiningGivesJoinErrors(boolean multi) throws Exception {
        AtomicInteger finallyRan = new AtomicInteger();
        try (Runtime rt = runtime(multi)) {
            rt.blockOn(Async.async(() -> {
                JoinSet<String> set = new JoinSet<>();
                for (int i = 0; i < 3; i++) {
                    set.spawn(sleeper(finallyRan));
                }
                awaitStarted(3);
                set.abortAll();
                assertEquals(3, set.len());
                for (int i = 0; i < 3; i++) {
                    Outcome<String> o = set.joinNextOutcome().await().orElseThrow();
                    assertTrue(assertInstanceOf(JoinError.class, ((Outcome.Failure<String>) o).error()).isAborted());
                }
                assertTrue(set.isEmpty());
                return null;
            }));
        }
        assertEquals(3, finallyRan.get());
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void closeAbortsTheTasksAndTheirFinallyBlocksRun(boolean multi) throws Exception {
        AtomicInteger finallyRan = new AtomicInteger();
        try (Runtime rt = runtime(multi)) {
            rt.blockOn(Async.async(() -> {
                JoinSet<String> set = new JoinSet<>();
                set.spawn(sleeper(finallyRan));
                set.spawn(sleeper(finallyRan));
                awaitStarted(2);
                set.close();
                assertTrue(set.isEmpty());
                assertThrows(IllegalStateException.class, () -> set.spawn(after(1, "late")));
                while (finallyRan.get() < 2) {
                    Time.sleep(Duration.ofMillis(1)).await();
                }
                return null;
            }));
        }
        assertEquals(2, finallyRan.get());
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void joinAllCollectsInCompletionOrderAndFailsFast(boolean multi) throws Exception {
        IOException boom = new IOException("boom");
        AtomicInteger finallyRan = new AtomicInteger();
        try (Runtime rt = runtime(multi)) {
            rt.blockOn(Async.async(() -> {
                JoinSet<String> set = new JoinSet<>();
                set.spawn(after(20, "b"));
                set.spawn(after(10, "a"));
                assertEquals(List.of("a", "b"), set.joinAll().await());
                set.spawn(Time.sleep(Duration.ofMillis(5)).then(v -> Futures.<String>failed(boom)));
                set.spawn(sleeper(finallyRan));
                awaitStarted(1);
                assertSame(boom, assertThrows(IOException.class, () -> set.joinAll().await()));
                assertTrue(assertInstanceOf(JoinError.class,
                        assertThrows(JoinError.class, () -> set.joinNext().await())).isAborted());
                return null;
            }));
        }
        assertEquals(1, finallyRan.get());
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void aTimedOutJoinLosesNoTaskAndCloseCancelsThem(boolean multi) throws Exception {
        AtomicInteger finallyRan = new AtomicInteger();
        try (Runtime rt = runtime(multi)) {
            rt.blockOn(Async.async(() -> {
                JoinSet<String> set = new JoinSet<>();
                set.spawn(sleeper(finallyRan));
                set.spawn(after(200, "late"));
                awaitStarted(1);
                assertThrows(Elapsed.class, () -> Weft.timeout(Duration.ofMillis(50), set.joinNext()).await());
                assertThrows(Elapsed.class, () -> Weft.timeout(Duration.ofMillis(50), set.joinAll()).await());
                assertEquals(2, set.len(), "cancel-safe: the tasks stay in the set");
                assertEquals(Optional.of("late"), set.joinNext().await());
                set.close();
                while (finallyRan.get() < 1) {
                    Time.sleep(Duration.ofMillis(1)).await();
                }
                return null;
            }));
        }
        assertEquals(1, finallyRan.get());
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void manyTasksFinishingOnOtherThreadsAreAllJoined(boolean multi) throws Exception {
        try (Runtime rt = runtime(multi)) {
            int n = 300;
            int sum = rt.blockOn(Async.async(() -> {
                JoinSet<Integer> set = new JoinSet<>();
                for (int i = 0; i < n; i++) {
                    int v = i;
                    set.spawn(() -> {
                        for (int k = 0; k < v % 4; k++) {
                            Weft.yieldNow().await();
                        }
                        return v;
                    });
                }
                int total = 0;
                Optional<Integer> next;
                while ((next = set.joinNext().await()).isPresent()) {
                    total += next.get();
                }
                return total;
            }));
            assertEquals(n * (n - 1) / 2, sum);
        }
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void aJoinPollsOnlyTheTasksThatWereWoken(boolean multi) throws Exception {
        try (Runtime rt = runtime(multi)) {
            rt.blockOn(Async.async(() -> {
                try (JoinSet<String> set = new JoinSet<>()) {
                    for (int i = 0; i < 50; i++) {
                        set.spawn(Time.sleep(Duration.ofHours(1)).map(v -> "idle"));
                    }
                    set.spawn(after(10, "quick"));
                    assertEquals(Optional.of("quick"), set.joinNext().await());
                    int afterFirst = set.entryPolls;
                    assertTrue(afterFirst <= 51 + 1, "each entry is polled once to register, then only when woken: " + afterFirst);
                    set.spawn(after(10, "second"));
                    assertEquals(Optional.of("second"), set.joinNext().await());
                    assertTrue(set.entryPolls - afterFirst <= 2, "the 50 idle tasks are not polled again: " + (set.entryPolls - afterFirst));
                }
                return null;
            }));
        }
    }

    /** Sleeps an hour; counts its start in {@link #started} and its finally block in {@code finallyRan}. */
    Callable<String> sleeper(AtomicInteger finallyRan) {
        return () -> {
            started.incrementAndGet();
            try {
                Time.sleep(Duration.ofHours(1)).await();
                return "woke";
            } finally {
                finallyRan.incrementAndGet();
            }
        };
    }

    /** A task aborted before its first poll never runs its body, so its finally would not run. */
    private void awaitStarted(int n) throws Exception {
        while (started.get() < n) {
            Weft.yieldNow().await();
        }
    }
}
