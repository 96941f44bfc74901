package dev.weft.examples;

import dev.weft.Async;
import dev.weft.future.Future;
import dev.weft.future.Futures;
import dev.weft.runtime.Runtime;

/**
 * Runtime-agnostic code: a future that touches no runtime resource is driven by the minimal
 * executor {@link Futures#blockOn} and by a Weft runtime alike.
 */
public final class Agnostic {
    private Agnostic() {
    }

    /** A coroutine that needs no runtime: it only computes. */
    static Future<Integer> addAsync(int a, int b) {
        return Async.async(() -> a + b);
    }

    /** A poll-based future built from combinators. */
    static Future<Integer> doubled(int x) {
        return Futures.ready(x).map(v -> v * 2);
    }

    public static void main(String[] args) throws Exception {
        int r1 = Futures.blockOn(addAsync(2, 3));
        System.out.println("futures executor: " + r1);
        try (Runtime rt = Runtime.builder().enableAll().build()) {
            int r2 = rt.blockOn(doubled(21));
            System.out.println("weft runtime: " + r2);
        }
    }
}
