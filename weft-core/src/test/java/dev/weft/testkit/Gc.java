package dev.weft.testkit;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Garbage collection for tests of Weft's cleaner safety nets. */
public final class Gc {
    private Gc() {
    }

    /**
     * Collects garbage until {@code done} completes, at most 200 rounds of 50 ms.
     *
     * @param done what the cleaner's action completes
     * @param what what should have happened, for the failure message
     * @param <T> its value type
     * @return its value
     * @throws java.util.concurrent.ExecutionException if it failed
     */
    public static <T> T until(CompletableFuture<T> done, String what) throws Exception {
        for (int i = 0; i < 200; i++) {
            System.gc();
            try {
                return done.get(50, TimeUnit.MILLISECONDS);
            } catch (TimeoutException notYet) {
                // the cleaner has not run yet: collect again
            }
        }
        throw new AssertionError(what + " did not happen after 200 collections");
    }
}
