package dev.weft.io;

import java.io.Serial;
import java.nio.channels.ClosedChannelException;

/**
 * Use of an in-memory stream end after its {@code close()}: a {@link ClosedChannelException}
 * (as NIO channels throw) that says which end and which operation.
 */
final class ClosedException extends ClosedChannelException {
    @Serial
    private static final long serialVersionUID = 1L;

    private final String message;

    ClosedException(String message) {
        this.message = message;
    }

    @Override
    public String getMessage() {
        return message;
    }
}
