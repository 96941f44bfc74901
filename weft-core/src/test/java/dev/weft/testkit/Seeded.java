package dev.weft.testkit;

import dev.weft.runtime.Runtime;
import dev.weft.runtime.RuntimeBuilder;

/**
 * Runs a scenario on a deterministic runtime ({@link RuntimeBuilder#deterministic(long)}) under
 * many seeds: weft-core's own stand-in for weft-test's {@code Seeds} (weft-test depends on
 * weft-core, so core's tests cannot use it). Each seed gets a fresh runtime; after the scenario
 * returns, every task and coroutine must have ended. A failure is rethrown as an
 * {@link AssertionError} that starts with the seed and how to replay it, with the original as
 * its cause.
 *
 * {@snippet :
 * Seeded.run(1_000, 0L, (rt, seed) -> {
 *     rt.blockOn(scenario());
 *     assertEquals(0, rt.metrics().aliveTasks());
 * });
 * // on failure: "seed 0x2a (run 42 of 1000): rerun with Seeded.run(1, 0x2aL, ...): expected ..."
 * }
 */
public final class Seeded {
    private Seeded() {
    }

    /** A scenario run on one seed's runtime. */
    @FunctionalInterface
    public interface Scenario {
        /**
         * @param rt the deterministic runtime, closed by {@link Seeded} afterwards
         * @param seed its seed
         * @throws Exception a failure of the scenario
         */
        void run(Runtime rt, long seed) throws Exception;
    }

    /**
     * Runs {@code scenario} under seeds {@code firstSeed}, {@code firstSeed + 1}, ... (each a fresh
     * deterministic runtime), stopping at the first failure.
     *
     * @param seeds how many seeds, at least 1
     * @param firstSeed the first seed
     * @param scenario the scenario
     */
    public static void run(int seeds, long firstSeed, Scenario scenario) {
        if (seeds < 1) {
            throw new IllegalArgumentException("seeds must be at least 1, was " + seeds);
        }
        String only = System.getenv("WEFT_SEED"); // replay one seed: WEFT_SEED=0x2a mvn ... -Dtest=...
        if (only != null) {
            firstSeed = Long.decode(only);
            seeds = 1;
        }
        for (int i = 0; i < seeds; i++) {
            long seed = firstSeed + i;
            try (Runtime rt = runtime(seed)) {
                scenario.run(rt, seed);
                int alive = rt.metrics().aliveTasks();
                int coroutines = rt.metrics().liveCoroutines();
                if (alive != 0 || coroutines != 0) {
                    throw new AssertionError("the scenario left " + alive + " tasks and " + coroutines
                            + " coroutines alive\n" + rt.metrics());
                }
            } catch (Throwable t) {
                throw new AssertionError(describe(seed, i, seeds) + ": " + t, t);
            }
        }
    }

    /**
     * @param seed the seed
     * @return a deterministic runtime for tests: no MXBean, no blocked-worker thread, so building
     *         thousands costs little
     */
    public static Runtime runtime(long seed) {
        return builder(seed).build();
    }

    /**
     * @param seed the seed
     * @return the builder {@link #runtime(long)} uses, to add drivers or settings
     */
    public static RuntimeBuilder builder(long seed) {
        return Runtime.builder().deterministic(seed).registerMXBean(false).disableBlockedWorkerDetector();
    }

    static String describe(long seed, int run, int runs) {
        String hex = "0x" + Long.toHexString(seed);
        return "seed " + hex + " (run " + (run + 1) + " of " + runs + "): rerun with Seeded.run(1, " + hex
                + "L, ...) or WEFT_SEED=" + hex + " in the environment";
    }
}
