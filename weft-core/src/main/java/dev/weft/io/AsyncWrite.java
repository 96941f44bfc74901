package dev.weft.io;

import dev.weft.future.Context;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * A sink of bytes that is written without blocking (Tokio's {@code AsyncWrite}).
 *
 * <p>Like {@link AsyncRead} its methods are poll-based: an answer of {@link Io#PENDING} (or
 * {@code false}) means the caller's waker will be woken when the write can make progress.
 *
 * {@snippet :
 * // write the whole buffer, then half-close
 * while (buf.hasRemaining()) {
 *     if (sink.pollWrite(cx, buf) == Io.PENDING) return Poll.pending();
 * }
 * if (!sink.pollShutdown(cx)) return Poll.pending();
 * return Poll.ready(null);
 * }
 */
public interface AsyncWrite {
    /**
     * Writes bytes from {@code src}, from its position up to its limit, advancing its position.
     * A write may take fewer bytes than offered.
     *
     * @param cx the context of the poll; its waker is woken when the write can make progress
     * @param src the bytes to write; a buffer with nothing remaining writes 0 at once
     * @return the number of bytes written (0 only if {@code src} has nothing remaining), or
     *     {@link Io#PENDING}
     * @throws IOException a fault of the underlying stream (reset by the peer, closed)
     */
    int pollWrite(Context cx, ByteBuffer src) throws IOException;

    /**
     * Pushes buffered bytes to their destination. The default, for sinks that do not buffer,
     * is done at once.
     *
     * @param cx the context of the poll
     * @return true when everything written so far has left this sink, false if pending
     * @throws IOException a fault of the underlying stream
     */
    default boolean pollFlush(Context cx) throws IOException {
        return true;
    }

    /**
     * Flushes, then closes the write direction (a half-close: a socket sends FIN, the peer
     * reads the end of the stream); reading, where the sink also reads, goes on.
     *
     * @param cx the context of the poll
     * @return true when the write direction is closed, false if pending
     * @throws IOException a fault of the underlying stream
     */
    boolean pollShutdown(Context cx) throws IOException;
}
