package dev.weft.runtime.scheduler;

import static dev.weft.runtime.scheduler.QueueTasks.id;
import static dev.weft.runtime.scheduler.QueueTasks.task;
import static dev.weft.testkit.LincheckScenarios.scenario;

import java.util.ArrayList;
import java.util.List;
import org.jetbrains.lincheck.datastructures.ModelCheckingOptions;
import org.jetbrains.lincheck.datastructures.Operation;
import org.jetbrains.lincheck.datastructures.Options;
import org.jetbrains.lincheck.datastructures.StressOptions;
import org.jetbrains.lincheck.datastructures.Validate;
import org.jetbrains.lincheck.datastructures.verifier.EpsilonVerifier;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Conservation in {@link LocalQueue} under every interleaving Lincheck explores: one owner
 * (push, pop) and two stealers, each stealing into its own queue and draining it, on a ring of 4
 * so pushes overflow, also while a steal is in progress. Operations record what they took; the
 * {@link Validate} function checks that every pushed task was taken exactly once (popped, stolen,
 * overflowed, or still queued). Results are not compared with a sequential run
 * ({@link EpsilonVerifier}): racing stealers may come back empty, by design.
 *
 * <p>Each group runs on one thread, so its record is a plain bit set (ids stay below 64).
 */
@Tag("lincheck")
public class LocalQueueConservationLincheckTest {
    private final LocalQueue q = new LocalQueue(4, -3);
    private final LocalQueue dst1 = new LocalQueue(4);
    private final LocalQueue dst2 = new LocalQueue(4, Integer.MAX_VALUE);
    private int nextId; // owner only
    private long pushed; // owner only
    private final long[] taken = new long[4]; // [owner pops, overflow, stealer 1, stealer 2]
    private final boolean[] duplicate = new boolean[4];

    private final Overflow overflow = new Overflow() { // called on the owner thread
        @Override
        public boolean push(Runnable task) {
            record(1, task);
            return true;
        }

        @Override
        public boolean pushBatch(Runnable[] tasks, int count) {
            for (int i = 0; i < count; i++) {
                record(1, tasks[i]);
            }
            return true;
        }
    };

    private void record(int who, Runnable task) {
        if (task != null) {
            long bit = 1L << id(task);
            duplicate[who] |= (taken[who] & bit) != 0;
            taken[who] |= bit;
        }
    }

    private void stealAndDrain(int who, LocalQueue dst) {
        record(who, q.stealInto(dst));
        for (Runnable r; (r = dst.pop()) != null; ) {
            record(who, r);
        }
    }

    @Operation(nonParallelGroup = "owner")
    public void push() {
        int id = nextId++;
        pushed |= 1L << id;
        q.pushBack(task(id), overflow);
    }

    @Operation(nonParallelGroup = "owner")
    public void pop() {
        record(0, q.pop());
    }

    @Operation(nonParallelGroup = "stealer1")
    public void steal1() {
        stealAndDrain(2, dst1);
    }

    @Operation(nonParallelGroup = "stealer2")
    public void steal2() {
        stealAndDrain(3, dst2);
    }

    /** Every pushed task is in exactly one place; the queue is left as it was found. */
    @Validate
    public void conservation() {
        List<Runnable> rest = new ArrayList<>();
        for (Runnable r; (r = q.pop()) != null; ) {
            rest.add(r);
        }
        long seen = 0;
        for (Runnable r : rest) {
            seen |= 1L << id(r);
        }
        for (int who = 0; who < taken.length; who++) {
            if (duplicate[who] || (seen & taken[who]) != 0) {
                throw new IllegalStateException("a task was taken twice (by " + who + ")");
            }
            seen |= taken[who];
        }
        if (seen != pushed || !dst1.isEmpty() || !dst2.isEmpty()) {
            throw new IllegalStateException("lost tasks: pushed " + Long.toBinaryString(pushed)
                    + ", found " + Long.toBinaryString(seen));
        }
        q.pushBackBatch(rest.toArray(Runnable[]::new), 0, rest.size());
    }

    /**
     * Full ring: the owner pushes (to the overflow) and pops while a steal copies its batch out;
     * and two stealers race for the same queue.
     */
    private static <O extends Options<O, ?>> O withTargetedScenarios(O options) {
        Class<?> c = LocalQueueConservationLincheckTest.class;
        return options
                .addCustomScenario(scenario(c, "push push push push",
                        List.of("push pop pop", "steal1"), "pop", "conservation"))
                .addCustomScenario(scenario(c, "push push push push",
                        List.of("pop push", "steal1", "steal2"), "", "conservation"));
    }

    @Test
    void modelChecking() {
        withTargetedScenarios(new ModelCheckingOptions())
                .verifier(EpsilonVerifier.class)
                .threads(3)
                .actorsBefore(4)
                .actorsPerThread(3)
                .actorsAfter(2)
                .iterations(6)
                .invocationsPerIteration(40)
                .check(getClass());
    }

    @Test
    void stress() {
        withTargetedScenarios(new StressOptions())
                .verifier(EpsilonVerifier.class)
                .threads(3)
                .actorsBefore(4)
                .actorsPerThread(3)
                .actorsAfter(2)
                .iterations(4)
                .invocationsPerIteration(500)
                .check(getClass());
    }
}
