package dev.weft.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.weft.Weft;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Coroutine tasks aborted around their first run, at scale: right after the spawn (before the
 * first poll, or while a worker runs the body's first run inside that poll), or after it
 * suspended. Every join must end (a value or the task's {@link JoinError}), every body that
 * started must have run its {@code finally}, and the runtime must end with no task alive. On
 * both engines this JVM can run (the virtual-thread engine runs a task's first run inline).
 */
@Tag("stress")
@Timeout(120)
class AbortAtFirstRunStressTest {
    private static final int TASKS = 100_000;

    @ParameterizedTest(name = "{0} workers, {1}")
    @CsvSource({"0, WEFT_SCHEDULER", "2, WEFT_SCHEDULER", "0, CONTINUATION", "2, CONTINUATION"})
    void everyAbortedCoroutineTaskEndsAndIsJoined(int workers, CoroutineMode mode) throws Exception {
        AtomicInteger started = new AtomicInteger();
        AtomicInteger finallies = new AtomicInteger();
        var b = Runtime.builder().enableAll().registerMXBean(false).coroutineMode(mode);
        Runtime built;
        try {
            built = (workers == 0 ? b.currentThread() : b.multiThread().workerThreads(workers)).build();
        } catch (IllegalArgumentException e) { // this JVM cannot run that engine (its flags are missing)
            assumeTrue(false, e.getMessage());
            return;
        }
        try (Runtime rt = built) {
            int[] outcomes = rt.blockOn(rt.spawn(() -> {
                List<JoinHandle<Integer>> hs = new ArrayList<>(TASKS);
                for (int i = 0; i < TASKS; i++) {
                    final int k = i;
                    JoinHandle<Integer> h = Weft.spawn(() -> {
                        started.incrementAndGet();
                        try {
                            if (k % 3 != 2) {
                                Weft.yieldNow().await(); // suspends once: an abort may find it parked
                            }
                            return k;
                        } finally {
                            finallies.incrementAndGet();
                        }
                    });
                    hs.add(h);
                    if (k % 2 == 0) {
                        h.abort(); // before or during its first run
                    }
                }
                Weft.yieldNow().await();
                for (int i = 1; i < TASKS; i += 4) {
                    hs.get(i).abort(); // after some of them suspended
                }
                int values = 0;
                int aborted = 0;
                for (JoinHandle<Integer> h : hs) {
                    try {
                        h.await();
                        values++;
                    } catch (JoinError e) {
                        assertTrue(e.isAborted(), e.toString());
                        aborted++;
                    }
                }
                return new int[] {values, aborted};
            }));
            assertEquals(TASKS, outcomes[0] + outcomes[1], "every join ended");
            if (workers == 0) { // the spawner runs until its yield: each abort comes before the first poll
                assertTrue(outcomes[1] >= TASKS / 2, "the aborted ones report it: " + outcomes[1]);
            }
            assertEquals(started.get(), finallies.get(), "every body that started ran its finally");
            assertEquals(0, rt.metrics().aliveTasks(), "tasks alive after every join");
        }
    }
}
