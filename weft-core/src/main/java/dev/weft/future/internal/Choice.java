package dev.weft.future.internal;

import java.util.concurrent.ThreadLocalRandom;
import java.util.function.IntUnaryOperator;

/**
 * Where {@code Select} draws its random first branch: {@link ThreadLocalRandom}, unless the
 * calling thread drives a deterministic runtime, whose seed then decides. The futures core
 * knows nothing about runtimes, so the runtime plugs in here (as it does with
 * {@link Suspender}); until a deterministic runtime is built, a pick costs one extra field read.
 *
 * {@snippet :
 * int start = Choice.pick(branches.length);
 * }
 */
public final class Choice {
    /**
     * The runtime's hook, or null: a pick in {@code [0, bound)}, or -1 when the calling thread
     * is not a deterministic runtime's. Volatile: set once, by whichever thread builds the first
     * deterministic runtime, read by any thread that selects.
     */
    private static volatile IntUnaryOperator hook;

    private Choice() {
    }

    /**
     * Picks the branch a select starts at: the seed's choice on a deterministic runtime's
     * thread, else a random one.
     *
     * @param bound how many to choose from, at least 1
     * @return a number in {@code [0, bound)}
     */
    public static int pick(int bound) {
        IntUnaryOperator h = hook; // volatile read: pairs with plug()
        if (h != null) {
            int i = h.applyAsInt(bound);
            if (i >= 0) {
                return i;
            }
        }
        return ThreadLocalRandom.current().nextInt(bound);
    }

    /**
     * Installs the runtime's hook (the same one every time: later calls change nothing).
     *
     * @param h the hook
     */
    public static void plug(IntUnaryOperator h) {
        if (hook == null) {
            hook = h; // volatile write: see the field; racing writers store equivalent hooks
        }
    }
}
