package dev.weft.sync;

import java.io.Serial;

/**
 * Thrown by an acquire on a closed {@link Semaphore} (or a lock built on one): the waiters at
 * the time of {@link Semaphore#close()} and every later acquire fail with it.
 */
public final class SemaphoreClosedException extends IllegalStateException {
    @Serial
    private static final long serialVersionUID = 1L;

    /**
     * Makes the exception.
     *
     * @param message what was closed
     */
    public SemaphoreClosedException(String message) {
        super(message);
    }
}
