package dev.weft.io;

import dev.weft.future.Context;
import dev.weft.future.Stream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Optional;

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

    /**
     * Reads one line: its text without the terminator, or {@code Optional.empty()} at the end
     * of the stream (an empty line is {@code Optional.of("")}).
     *
     * <p><b>Cancel safety:</b> not cancel-safe: the bytes of a line that had partly arrived are
     * consumed from this reader and lost with the future. In a {@code select} loop or under a
     * timeout use {@link #lines()}, whose partial line stays in the stream.
     *
     * {@snippet :
     * Optional<String> greeting = reader.readLine().await();
     * }
     *
     * @return the future of the line
     */
    default IoFuture<Optional<String>> readLine() {
        return new ReadLineFuture(this);
    }

    /**
     * The lines of this reader, as a {@link Stream} that ends at the end of the stream. The
     * stream borrows this reader: use one at a time, and not this reader's other methods while
     * a stream is in use (it may hold a partial line).
     *
     * <p><b>Cancel safety:</b> {@code lines().next()} is cancel-safe: a line that had partly
     * arrived stays in the stream, and the next {@code next()} completes it.
     *
     * {@snippet :
     * Stream<String> lines = new BufReader(socket).lines();
     * Optional<String> line;
     * while ((line = lines.next().await()).isPresent()) {
     *     handle(line.get());
     * }
     * }
     *
     * @return the stream of lines
     */
    default Stream<String> lines() {
        return new LinesStream(this, Integer.MAX_VALUE - 9);
    }
}
