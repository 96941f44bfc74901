package dev.weft.runtime;

/**
 * A Weft runtime (in progress).
 *
 * {@snippet :
 * try (Runtime rt = Runtime.builder().currentThread().enableTime().build()) {
 *     rt.blockOn(Futures.ready(1));
 * }
 * }
 */
public final class Runtime {
    private Runtime() {
    }
}
