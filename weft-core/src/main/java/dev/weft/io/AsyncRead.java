package dev.weft.io;

import dev.weft.future.Context;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * A source of bytes that is read without blocking (Tokio's {@code AsyncRead}). Implemented by
 * sockets, pipes, files and in-memory streams.
 *
 * <p>The one required method is poll-based, for hand-written futures and adapters. It
 * follows the future contract: when it answers {@link Io#PENDING} it has arranged for
 * {@code cx.waker()} to be woken once bytes may be there (the newest waker wins).
 *
 * {@snippet :
 * // a poll-based future that reads until the buffer is full or the stream ends
 * public Poll<Integer> poll(Context cx) {
 *     while (buf.hasRemaining()) {
 *         int n = source.pollRead(cx, buf);     // throws IOException on a fault
 *         if (n == Io.PENDING) return Poll.pending();
 *         if (n == Io.EOF) break;
 *     }
 *     return Poll.ready(buf.position());
 * }
 * }
 */
public interface AsyncRead {
    /**
     * Reads bytes into {@code dst}, from its position up to its limit, advancing its position.
     *
     * <p>A reader that has bytes, or the end of the stream, answers at once; only when nothing
     * can be read without blocking does it answer {@link Io#PENDING}. Readiness that is not used
     * up is kept, so a read right after a partial one does not wait for a new OS event.
     *
     * @param cx the context of the poll; its waker is woken when the read can make progress
     * @param dst where the bytes go; a buffer with nothing remaining reads 0 at once
     * @return the number of bytes read (0 only if {@code dst} has nothing remaining),
     *     {@link Io#EOF}, or {@link Io#PENDING}
     * @throws IOException a fault of the underlying stream (reset by the peer, closed)
     */
    int pollRead(Context cx, ByteBuffer dst) throws IOException;
}
