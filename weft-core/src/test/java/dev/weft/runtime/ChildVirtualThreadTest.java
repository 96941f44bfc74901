package dev.weft.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.Async;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A virtual thread that a coroutine starts inherits the coroutine's scheduler (the JDK's rule);
 * it must run beside the coroutine, not take its place.
 */
class ChildVirtualThreadTest {

    @ParameterizedTest(name = "multiThread={0}")
    @ValueSource(booleans = {false, true})
    void aVirtualThreadStartedInACoroutineRunsAndJoins(boolean multiThread) throws Exception {
        var b = Runtime.builder().enableAll();
        try (Runtime rt = (multiThread ? b.workerThreads(2) : b.currentThread()).build()) {
            AtomicInteger childSteps = new AtomicInteger();
            int parentSteps = rt.blockOn(Async.async(() -> {
                Thread child = Thread.ofVirtual().start(() -> {
                    for (int i = 0; i < 200; i++) {
                        childSteps.incrementAndGet();
                        Thread.yield();
                    }
                });
                int steps = 0;
                for (int i = 0; i < 200; i++) {
                    steps++;
                    Thread.yield();
                }
                assertTrue(child.join(Duration.ofSeconds(10)), "the child never finished");
                return steps;
            }));
            assertEquals(200, parentSteps);
            assertEquals(200, childSteps.get());
        }
    }
}
