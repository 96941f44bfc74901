package dev.weft.future;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Checks that a bad argument is rejected by name. */
final class ArgChecks {
    private ArgChecks() {
    }

    /** Asserts that {@code call} throws IllegalArgumentException whose message starts with {@code name}. */
    static void assertRejects(String name, Runnable call) {
        var e = assertThrows(IllegalArgumentException.class, call::run);
        assertTrue(e.getMessage().startsWith(name + " "), e.getMessage());
    }
}
