package dev.weft.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.weft.Async;
import dev.weft.future.Future;
import dev.weft.time.Time;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link JoinSet#shutdown()}: abort everything, wait until it has all ended. */
@Timeout(30)
class JoinSetShutdownTest {

    /** A coroutine task that counts lines forever, one a millisecond, and counts its end. */
    static String writer(AtomicInteger lines, AtomicInteger ended) {
        try {
            while (true) {
                Time.sleep(Duration.ofMillis(1)).await();
                lines.incrementAndGet();
            }
        } finally {
            ended.incrementAndGet();
        }
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void shutdownAbortsEveryTaskAndWaitsUntilAllEnded(boolean multi) throws Exception {
        AtomicInteger lines = new AtomicInteger();
        AtomicInteger ended = new AtomicInteger();
        try (Runtime rt = JoinSetTest.runtime(multi)) {
            int after = rt.blockOn(Async.async(() -> {
                JoinSet<String> set = new JoinSet<>();
                for (int i = 0; i < 5; i++) {
                    set.spawn(() -> writer(lines, ended));
                }
                set.spawn(() -> "finished first");
                Time.sleep(Duration.ofMillis(10)).await();
                set.shutdown().await();
                assertEquals(5, ended.get(), "every task's finally ran before shutdown completed");
                assertTrue(set.isEmpty());
                int atShutdown = lines.get();
                Time.sleep(Duration.ofMillis(50)).await();
                assertEquals(Optional.empty(), set.joinNext().await());
                set.spawn(() -> "still usable");
                assertEquals(Optional.of("still usable"), set.joinNext().await());
                return lines.get() - atShutdown;
            }));
            assertEquals(0, after, "no line written after shutdown completed");
        }
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void shutdownOfAnEmptySetIsReadyAtOnce(boolean multi) throws Exception {
        try (Runtime rt = JoinSetTest.runtime(multi)) {
            rt.blockOn(Async.async(() -> {
                new JoinSet<String>().shutdown().await();
                return null;
            }));
        }
    }

    /**
     * Current-thread only, with coroutines on the runtime's thread: there the aborted task cannot
     * end during the shutdown's first poll. On the JDK's scheduler the writer's coroutine runs on
     * a JDK thread beside this one and may end while the shutdown is polled.
     */
    @Test
    void aCancelledShutdownLeavesTheAbortedTasksInTheSet() throws Exception {
        AtomicInteger lines = new AtomicInteger();
        AtomicInteger ended = new AtomicInteger();
        try (Runtime rt = JoinSetTest.runtime(false)) {
            assumeTrue(rt.handle().coroutineMode() != CoroutineMode.JDK_SCHEDULER,
                    "coroutines run on the JDK's scheduler here");
            rt.blockOn(Async.async(() -> {
                JoinSet<String> set = new JoinSet<>();
                set.spawn(() -> writer(lines, ended));
                Future<Void> shutdown = set.shutdown();
                shutdown.cancel(); // never polled: nothing aborted
                Time.sleep(Duration.ofMillis(5)).await();
                assertEquals(0, ended.get(), "a shutdown is lazy: not polled, nothing aborted");
                Future<Void> second = set.shutdown();
                assertTrue(second.poll(dev.weft.future.Context.of(dev.weft.future.Waker.noop())).isPending());
                second.cancel(); // aborted, not joined yet
                assertEquals(1, set.len(), "the aborted task stays in the set");
                Exception e = assertThrows(Exception.class, () -> set.joinNext().await());
                assertInstanceOf(JoinError.class, e);
                assertEquals(1, ended.get());
                return null;
            }));
        }
    }
}
