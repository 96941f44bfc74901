package dev.weft.io.blocking;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * The blocking calls behind a {@link BlockingStream}. Every method is called on a thread of
 * the blocking pool, one call at a time (calls are ordered by the stream's hand-offs), never
 * on a runtime worker.
 */
public interface BlockingChannel {
    /**
     * Reads into {@code dst}, between its position and limit, blocking until at least one byte
     * or the end is there.
     *
     * @param dst where the bytes go
     * @return the number of bytes read, or -1 at the end
     * @throws IOException a fault
     */
    int read(ByteBuffer dst) throws IOException;

    /**
     * Writes all of {@code src}, blocking until it is written.
     *
     * @param src the bytes
     * @throws IOException a fault
     */
    void write(ByteBuffer src) throws IOException;

    /**
     * Called before a write or another operation when {@code n} bytes were read ahead into the
     * stream's buffer and never returned: a file moves its position back by {@code n}, so the
     * operation happens where the reader stopped. The default (pipes) does nothing.
     *
     * @param n how many bytes were read ahead, at least 1
     * @throws IOException a fault
     */
    default void unread(int n) throws IOException {
    }

    /**
     * Releases the resource. Called once, never while another call runs.
     *
     * @throws IOException a fault
     */
    void close() throws IOException;
}
