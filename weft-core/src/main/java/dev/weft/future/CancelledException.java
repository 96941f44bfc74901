package dev.weft.future;

import java.util.concurrent.CancellationException;

/**
 * Thrown by {@link Future#await()} when the coroutine (or thread) that waits was cancelled, and
 * reported by futures whose computation was cancelled. Catching it does not un-cancel.
 *
 * {@snippet :
 * try {
 *     Time.sleep(Duration.ofHours(1)).await();
 * } catch (CancelledException e) {
 *     // the task was aborted; clean up, then let it propagate
 *     throw e;
 * }
 * }
 */
public class CancelledException extends CancellationException {
    private static final long serialVersionUID = 1L;

    /**
     * Makes the exception.
     *
     * @param message what was cancelled
     */
    public CancelledException(String message) {
        super(message);
    }
}
