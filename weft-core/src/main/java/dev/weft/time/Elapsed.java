package dev.weft.time;

import java.util.concurrent.TimeoutException;

/**
 * The failure of a {@link Timeout} whose deadline passed before its future completed. The
 * message says the duration (or deadline) that was exceeded.
 *
 * {@snippet :
 * try {
 *     String r = Time.timeout(Duration.ofMillis(100), slowQuery()).await();
 * } catch (Elapsed e) {
 *     log.warn(e.getMessage());           // "timed out after 100 ms"
 * }
 * }
 */
public class Elapsed extends TimeoutException {
    private static final long serialVersionUID = 1L;

    /** @param message what was exceeded */
    Elapsed(String message) {
        super(message);
    }
}
