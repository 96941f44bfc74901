package dev.weft;

/**
 * The facade: {@code run}, {@code spawn}, {@code sleep}, {@code timeout} (in progress).
 *
 * {@snippet :
 * Weft.run(() -> { System.out.println("hello"); return null; });
 * }
 */
public final class Weft {
    private Weft() {
    }
}
