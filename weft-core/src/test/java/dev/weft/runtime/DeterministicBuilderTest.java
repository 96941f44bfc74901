package dev.weft.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.future.Futures;
import dev.weft.testkit.Flavors;
import dev.weft.time.Clock;
import dev.weft.time.Time;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** {@link RuntimeBuilder#deterministic(long)}: what it implies and what it refuses. */
class DeterministicBuilderTest {

    @Test
    void isACurrentThreadRuntimeOnAPausedClock() throws Exception {
        try (Runtime rt = Runtime.builder().deterministic(7).build()) {
            assertEquals(1, rt.metrics().workerCount());
            Instant before = rt.blockOn(Futures.lazy(() -> Futures.ready(Time.now())));
            rt.blockOn(Futures.lazy(() -> Time.sleep(Duration.ofHours(1))));  // instant: virtual time
            Instant after = rt.blockOn(Futures.lazy(() -> Futures.ready(Time.now())));
            assertEquals(Duration.ofHours(1), Duration.between(before, after));
        }
    }

    @Test
    void refusesTheMultiThreadSettingsNamingBoth() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> Runtime.builder().multiThread().deterministic(0x2a).build());
        assertTrue(e.getMessage().contains("deterministic(0x2a)") && e.getMessage().contains("multiThread()"),
                e.getMessage());
        e = assertThrows(IllegalStateException.class, () -> Runtime.builder().deterministic(1).workerThreads(4).build());
        assertTrue(e.getMessage().contains("workerThreads(4)"), e.getMessage());
        e = assertThrows(IllegalStateException.class,
                () -> Runtime.builder().deterministic(1).enableTime().startPaused(false).build());
        assertTrue(e.getMessage().contains("startPaused(false)"), e.getMessage());
        Clock running = Clock.paused();
        running.resume();
        e = assertThrows(IllegalStateException.class, () -> Runtime.builder().deterministic(1).clock(running).build());
        assertTrue(e.getMessage().contains("paused clock"), e.getMessage());
    }

    @Test
    void currentThreadAfterMultiThreadIsNoConflict() {
        try (Runtime rt = Runtime.builder().multiThread().currentThread().deterministic(3).registerMXBean(false).build()) {
            assertEquals(3, rt.seed().orElseThrow());
        }
    }

    @ParameterizedTest
    @MethodSource("dev.weft.testkit.Flavors#all")
    void everyFlavorRunsATask(Flavors.Flavor flavor) throws Exception {
        try (Runtime rt = flavor.build()) {
            assertEquals(42, rt.blockOn(rt.spawn(Futures.ready(42))));
        }
    }
}
