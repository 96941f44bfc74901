package dev.weft.runtime.scheduler;

import static dev.weft.runtime.scheduler.QueueTasks.drain;
import static dev.weft.runtime.scheduler.QueueTasks.id;
import static dev.weft.runtime.scheduler.QueueTasks.task;
import static dev.weft.testkit.LincheckScenarios.scenario;

import dev.weft.runtime.scheduler.QueueTasks.RecordingOverflow;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import org.jetbrains.lincheck.datastructures.ModelCheckingOptions;
import org.jetbrains.lincheck.datastructures.Operation;
import org.jetbrains.lincheck.datastructures.Options;
import org.jetbrains.lincheck.datastructures.StressOptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Linearizability of {@link LocalQueue} against {@link Spec}, a plain deque: one owner thread
 * (push, pop, len) and one stealer thread that steals into its own queue and drains it.
 *
 * <p>Scope, by construction of the scenarios: at most one stealer (two racing stealers may
 * legitimately come back empty, see the class notes), and at most 4 pushes before the post part
 * into a ring of 4, so the parallel part never meets a full ring (a full ring during a steal sends
 * the task alone to the overflow, the other documented relaxation). Full rings, overflow and
 * several stealers are covered by {@link LocalQueueConservationLincheckTest}. Positions start
 * just below the 32-bit wrap.
 */
@Tag("lincheck")
public class LocalQueueLincheckTest {
    private final LocalQueue q = new LocalQueue(4, -2);
    private final RecordingOverflow overflow = new RecordingOverflow(); // owner thread only
    private final LocalQueue stealerQueue = new LocalQueue(4, 5); // owned by the stealer thread
    private int nextId = 1; // owner thread only

    @Operation(nonParallelGroup = "owner")
    public void push() {
        q.pushBack(task(nextId++), overflow);
    }

    @Operation(nonParallelGroup = "owner")
    public int pop() {
        return id(q.pop());
    }

    @Operation(nonParallelGroup = "owner")
    public int len() {
        return q.len();
    }

    @Operation(nonParallelGroup = "owner")
    public List<Integer> overflowed() {
        return overflow.all();
    }

    /** The task returned to run now, then the ones queued in the stealer's queue. */
    @Operation(nonParallelGroup = "stealer")
    public List<Integer> steal() {
        List<Integer> got = new ArrayList<>();
        got.add(id(q.stealInto(stealerQueue)));
        got.addAll(drain(stealerQueue));
        return got;
    }

    /** The sequential specification: a deque; overflow takes the older half plus the new task. */
    public static final class Spec {
        private final ArrayDeque<Integer> tasks = new ArrayDeque<>();
        private final List<Integer> overflow = new ArrayList<>();
        private int nextId = 1;

        public void push() {
            tasks.add(nextId++);
            if (tasks.size() > 4) {
                for (int i = 0; i < 2; i++) {
                    overflow.add(tasks.poll());
                }
                overflow.add(tasks.pollLast());
            }
        }

        public int pop() {
            return tasks.isEmpty() ? -1 : tasks.poll();
        }

        public int len() {
            return tasks.size();
        }

        public List<Integer> overflowed() {
            return List.copyOf(overflow);
        }

        /** Half, rounded up: the last one stolen runs now, the others were queued in order. */
        public List<Integer> steal() {
            int n = tasks.size() - tasks.size() / 2;
            if (n == 0) {
                return List.of(-1);
            }
            List<Integer> stolen = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                stolen.add(tasks.poll());
            }
            stolen.addFirst(stolen.removeLast());
            return stolen;
        }
    }

    /** The owner pops (and pushes) while a steal copies its batch out. */
    private static <O extends Options<O, ?>> O withTargetedScenarios(O options) {
        Class<?> c = LocalQueueLincheckTest.class;
        return options
                .addCustomScenario(scenario(c, "push push push",
                        List.of("pop pop push", "steal"), "pop pop len", null));
    }

    @Test
    void modelChecking() {
        withTargetedScenarios(new ModelCheckingOptions())
                .sequentialSpecification(Spec.class)
                .threads(2)
                .actorsBefore(1)
                .actorsPerThread(3)
                .actorsAfter(3)
                .iterations(8)
                .invocationsPerIteration(40)
                .check(getClass());
    }

    @Test
    void stress() {
        withTargetedScenarios(new StressOptions())
                .sequentialSpecification(Spec.class)
                .threads(2)
                .actorsBefore(1)
                .actorsPerThread(3)
                .actorsAfter(3)
                .iterations(4)
                .invocationsPerIteration(500)
                .check(getClass());
    }
}
