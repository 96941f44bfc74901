package dev.weft.examples;

import dev.weft.Weft;

/**
 * The mistake the seed shows with Tokio's panic: spawning with no runtime. Weft says what to do.
 */
public final class NoRuntime {
    private NoRuntime() {
    }

    public static void main(String[] args) {
        try {
            Weft.spawn(() -> "never runs");
        } catch (IllegalStateException e) {
            System.out.println("IllegalStateException: " + e.getMessage());
        }
    }
}
