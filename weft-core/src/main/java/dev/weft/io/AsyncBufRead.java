package dev.weft.io;

import dev.weft.future.Context;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * A reader with an internal buffer whose contents can be looked at before they are consumed
 * (Tokio's {@code AsyncBufRead}): what line readers and framing decoders need.
 *
 * {@snippet :
 * int n = reader.pollFillBuf(cx);
 * if (n == Io.PENDING) return Poll.pending();
 * ByteBuffer bytes = reader.buffer();      // n bytes, read-only
 * int used = decode(bytes);
 * reader.consume(used);
 * }
 */
public interface AsyncBufRead extends AsyncRead {
    /**
     * Fills the internal buffer if it is empty.
     *
     * @param cx the context of the poll
     * @return the number of buffered bytes (more than 0), 0 at the end of the stream, or
     *     {@link Io#PENDING}
     * @throws IOException a fault of the underlying stream
     */
    int pollFillBuf(Context cx) throws IOException;

    /**
     * The buffered bytes, between the view's position and limit. The view is read-only and
     * valid until the next {@link #consume} or poll.
     *
     * @return a read-only view of the buffered bytes
     */
    ByteBuffer buffer();

    /**
     * Marks {@code n} buffered bytes as used: the next {@link #buffer()} starts after them.
     *
     * @param n how many bytes were used, between 0 and the buffered count
     * @throws IllegalArgumentException if {@code n} is negative or more than is buffered
     */
    void consume(int n);
}
