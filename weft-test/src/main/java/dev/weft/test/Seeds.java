package dev.weft.test;

import dev.weft.runtime.Runtime;
import java.util.concurrent.ThreadLocalRandom;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

/**
 * Runs a body under many seeds of the deterministic runtime ({@code RuntimeBuilder.deterministic}),
 * from plain code or from a test, and names the seed of a failure with how to replay it.
 * {@code @WeftTest(deterministic = true, seeds = n)} does the same for a whole test.
 *
 * {@snippet :
 * Seeds.onRuntimes(1_000, 0L, (rt, seed) -> {
 *     assertEquals(3, rt.blockOn(scenario()));    // one interleaving per seed
 * });
 * // a failure: AssertionError "seed 0x2a (run 43 of 1000): rerun with Seeds.onRuntimes(1, 0x2aL, ...): expected ..."
 * }
 */
public final class Seeds {
    private Seeds() {
    }

    /** A body run once per seed. */
    @FunctionalInterface
    public interface SeedBody {
        /**
         * Runs the body once.
         *
         * @param seed this run's seed
         * @throws Exception the run's failure
         */
        void run(long seed) throws Exception;
    }

    /** A body run once per seed on a fresh deterministic runtime. */
    @FunctionalInterface
    public interface RuntimeBody {
        /**
         * Runs the body once.
         *
         * @param rt a deterministic runtime with every driver, built with {@code seed}; closed afterwards
         * @param seed its seed
         * @throws Exception the run's failure
         */
        void run(Runtime rt, long seed) throws Exception;
    }

    /**
     * Runs {@code body} with seeds {@code firstSeed}, {@code firstSeed + 1}, ...; the first failure
     * is rethrown with its seed and how to replay it (see {@link #withSeed}).
     *
     * @param n how many seeds, at least 1
     * @param firstSeed the first seed ({@link #randomSeed()} for a random start)
     * @param body the body
     * @throws IllegalArgumentException if {@code n} is less than 1 or {@code body} is null
     */
    public static void forEach(int n, long firstSeed, SeedBody body) {
        check(n, body);
        for (int i = 0; i < n; i++) {
            long seed = firstSeed + i;
            try {
                body.run(seed);
            } catch (Throwable t) {
                throw sneaky(withSeed(t, seed, i, n, "Seeds.forEach(1, " + Settings.hex(seed) + "L, ...)"));
            }
        }
    }

    /**
     * Runs {@code body} on a fresh {@code Runtime.builder().deterministic(seed).enableAll()} runtime
     * per seed, closing each, like {@link #forEach}.
     *
     * @param n how many seeds, at least 1
     * @param firstSeed the first seed
     * @param body the body
     * @throws IllegalArgumentException if {@code n} is less than 1 or {@code body} is null
     */
    public static void onRuntimes(int n, long firstSeed, RuntimeBody body) {
        check(n, body);
        for (int i = 0; i < n; i++) {
            long seed = firstSeed + i;
            try (Runtime rt = Runtime.builder().deterministic(seed).enableAll().registerMXBean(false).build()) {
                body.run(rt, seed);
            } catch (Throwable t) {
                throw sneaky(withSeed(t, seed, i, n, "Seeds.onRuntimes(1, " + Settings.hex(seed) + "L, ...)"));
            }
        }
    }

    /**
     * Draws a first seed for a run whose seed was not given (print it, to replay a failure).
     *
     * @return a random seed
     */
    public static long randomSeed() {
        long s;
        do {
            s = ThreadLocalRandom.current().nextLong();
        } while (s == WeftTest.RANDOM_SEED);
        return s;
    }

    /**
     * The failure {@code t} of a run under {@code seed}, with the seed and the replay first in its
     * message: an {@link AssertionFailedError} keeps its expected and actual values (IDEs show
     * the diff), an aborted test stays aborted, anything else becomes an {@link AssertionError}
     * caused by {@code t}.
     */
    static Throwable withSeed(Throwable t, long seed, int run, int runs, String replay) {
        if (t instanceof TestAbortedException) {
            return t;
        }
        String msg = "seed " + Settings.hex(seed) + (runs > 1 ? " (run " + (run + 1) + " of " + runs + ")" : "")
                + ": rerun with " + replay + ": " + (t.getMessage() != null ? t.getMessage() : t.toString());
        if (t instanceof AssertionFailedError a && a.isExpectedDefined() && a.isActualDefined()) {
            return new AssertionFailedError(msg, a.getExpected().getValue(), a.getActual().getValue(), t);
        }
        return new AssertionError(msg, t);
    }

    private static void check(int n, Object body) {
        if (n < 1) {
            throw new IllegalArgumentException("n must be at least 1, was " + n);
        }
        if (body == null) {
            throw new IllegalArgumentException("body must not be null");
        }
    }

    private static RuntimeException sneaky(Throwable t) {
        return Verdict.sneaky(t);
    }
}
