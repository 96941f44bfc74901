package dev.weft.runtime;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.runtime.TaskLifecycle.Body;
import dev.weft.runtime.TaskLifecycle.Combination;
import dev.weft.runtime.TaskLifecycle.Flavor;
import dev.weft.runtime.TaskLifecycle.Join;
import dev.weft.runtime.TaskLifecycle.Kind;
import dev.weft.runtime.TaskLifecycle.Step;
import dev.weft.testkit.Seeded;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The lifecycle combinations of {@link TaskLifecycleTest} on deterministic runtimes, where a seed
 * draws the order in which ready tasks and coroutines run: every combination under 4 seeds of
 * its own (3,744 seeds in all), and the abort-around-a-wake races of coroutines (aborted after,
 * or before, being handed the message, lock or notification) under 1,000 seeds each. A failure
 * names its seed; {@code WEFT_SEED=0x…} in the environment replays that one seed.
 */
class TaskLifecycleSeededTest {
    static final int SEEDS_PER_COMBINATION = 4;
    static final int RACE_SEEDS = 1_000;

    static Flavor deterministic(long seed) {
        return new Flavor("deterministic-0x" + Long.toHexString(seed), true, true, () -> Seeded.builder(seed));
    }

    @Test
    void everyCombinationUnderSeveralSeeds() throws Exception {
        List<Combination> all = TaskLifecycle.all();
        List<String> failures = new ArrayList<>();
        long seed = 0x5EED_0000L;
        for (Combination c : all) {
            for (int i = 0; i < SEEDS_PER_COMBINATION; i++, seed++) {
                runOne(deterministic(seed), c, seed, failures);
            }
        }
        assertTrue(failures.isEmpty(), failures.size() + " of " + all.size() * SEEDS_PER_COMBINATION
                + " seeded runs failed:\n" + String.join("\n", failures.subList(0, Math.min(20, failures.size()))));
    }

    @Test
    void abortAroundAWakeUnderAThousandSeeds() throws Exception {
        List<Combination> races = new ArrayList<>();
        for (Body body : List.of(Body.RECV, Body.LOCK, Body.NOTIFY)) {
            for (List<Step> order : List.of(List.of(Step.POLL, Step.WAKE, Step.ABORT),
                    List.of(Step.POLL, Step.ABORT, Step.WAKE))) {
                races.add(new Combination(Kind.COROUTINE, body, order, Join.AWAIT));
            }
        }
        List<String> failures = new ArrayList<>();
        for (Combination c : races) {
            long first = 0xAB0_0000L + (long) races.indexOf(c) * RACE_SEEDS;
            for (long seed = first; seed < first + RACE_SEEDS; seed++) {
                runOne(deterministic(seed), c, seed, failures);
            }
        }
        assertTrue(failures.isEmpty(), failures.size() + " of " + races.size() * RACE_SEEDS
                + " seeded runs failed:\n" + String.join("\n", failures.subList(0, Math.min(20, failures.size()))));
    }

    private static void runOne(Flavor flavor, Combination c, long seed, List<String> failures) throws Exception {
        String only = System.getenv("WEFT_SEED");
        if (only != null && Long.decode(only) != seed) {
            return;
        }
        try {
            TaskLifecycleRun.run(flavor, c);
        } catch (AssertionError e) {
            failures.add("seed 0x" + Long.toHexString(seed) + " (replay with WEFT_SEED=0x" + Long.toHexString(seed)
                    + "): " + e.getMessage());
        }
    }
}
