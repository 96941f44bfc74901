package dev.weft.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.runtime.TaskLifecycle.Body;
import dev.weft.runtime.TaskLifecycle.Combination;
import dev.weft.runtime.TaskLifecycle.Flavor;
import dev.weft.runtime.TaskLifecycle.Join;
import dev.weft.runtime.TaskLifecycle.Kind;
import dev.weft.runtime.TaskLifecycle.Step;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every combination of task kind, body, order of events (poll, wake, run, finish, abort, close)
 * and join mode, on every flavor of {@link TaskLifecycle#FLAVORS}: Tokio's
 * {@code task_combinations}. One runtime per combination, so a failure cannot leak into the
 * next one, and each dynamic test is named by flavor and combination.
 */
class TaskLifecycleTest {

    @TestFactory
    Stream<DynamicNode> everyCombinationOnEveryFlavor() {
        List<Combination> all = TaskLifecycle.all();
        return TaskLifecycle.FLAVORS.stream().map(flavor -> DynamicContainer.dynamicContainer(flavor.name(),
                Stream.of(Kind.values()).map(kind -> DynamicContainer.dynamicContainer(flavor + " " + kind,
                        all.stream().filter(c -> c.kind() == kind).map(c -> test(flavor, c))))));
    }

    private static DynamicTest test(Flavor flavor, Combination c) {
        return DynamicTest.dynamicTest(flavor + " " + c, () -> TaskLifecycleRun.run(flavor, c));
    }

    /** The generator really covers the orders the issue lists (a guard against a generator that shrinks). */
    @Test
    void theGeneratedOrdersIncludeEveryEventPlacement() {
        List<List<Step>> gated = TaskLifecycle.orders(Body.LOCK);
        for (List<Step> order : List.of(
                List.of(Step.ABORT),                                  // before the first poll
                List.of(Step.ABORT, Step.WAKE),                       // before the first poll, then handed the lock
                List.of(Step.POLL, Step.ABORT),                       // while pending
                List.of(Step.POLL, Step.ABORT, Step.WAKE),            // pending, aborted, then handed the lock
                List.of(Step.POLL, Step.WAKE, Step.ABORT),            // woken, not run again
                List.of(Step.POLL, Step.WAKE, Step.RUN, Step.ABORT),  // the body returned, the task may not know yet
                List.of(Step.POLL, Step.WAKE, Step.RUN, Step.FINISH, Step.ABORT), // after it completed
                List.of(Step.POLL),                                   // shut down while pending
                List.of(Step.POLL, Step.WAKE),                        // shut down while woken
                List.of(Step.WAKE, Step.POLL, Step.RUN, Step.FINISH))) {
            assertTrue(gated.contains(order), "missing " + order);
        }
        assertEquals(20, gated.size());
        assertEquals(6, TaskLifecycle.orders(Body.VALUE).size());
        int perKind = 3 * 20 + 3 * 6;
        assertEquals(2 * perKind * Join.values().length, TaskLifecycle.all().size());
        for (Flavor f : TaskLifecycle.FLAVORS) {
            assertTrue(f.builder().get() != null, f.name());
        }
    }
}
