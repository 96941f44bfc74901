package dev.weft.io;

import dev.weft.future.Context;
import dev.weft.future.internal.Args;
import dev.weft.io.internal.IoChecks;
import dev.weft.io.internal.ReadOp;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/**
 * A source of bytes that is read without blocking (Tokio's {@code AsyncRead}). Implemented by
 * sockets, pipes, files and in-memory streams.
 *
 * <p>The one required method is poll-based, for hand-written futures and adapters. It
 * follows the future contract: when it answers {@link Io#PENDING} it has arranged for
 * {@code cx.waker()} to be woken once bytes may be there (the newest waker wins). A stream
 * that is also an {@link AsyncWrite} keeps its read waker apart from its write waker.
 *
 * <p>The default methods are the awaitable operations (Tokio's {@code AsyncReadExt}): each
 * returns a small {@link IoFuture}, one object per call, that allocates nothing per poll.
 * A reader is read by one task at a time.
 *
 * {@snippet :
 * ByteBuffer header = ByteBuffer.allocate(4);
 * socket.readExact(header).await();              // EOFException if the peer stops early
 * String rest = socket.readToString().await();   // up to the end of the stream
 * }
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

    /**
     * Reads once: waits until some bytes or the end of the stream are there, and completes
     * with the number of bytes put into {@code dst} (advancing its position), or {@link Io#EOF}.
     * A {@code dst} with nothing remaining completes with 0 at once.
     *
     * <p><b>Cancel safety:</b> cancel-safe. Bytes are taken from the reader only by the poll
     * that completes the future, so a cancelled {@code read} (a {@code select} loser, a
     * timeout) loses no bytes: the next read gets them.
     *
     * {@snippet :
     * int n = socket.read(buf).await();
     * if (n == Io.EOF) return;     // the peer closed its side
     * }
     *
     * @param dst where the bytes go, from its position to its limit
     * @return the future of the count, or {@link Io#EOF}
     * @throws IllegalArgumentException if {@code dst} is null or read-only
     */
    default IoFuture<Integer> read(ByteBuffer dst) {
        return ReadOp.of(this, IoChecks.writable(dst, "dst"));
    }

    /**
     * Reads until {@code dst} is full (its position reaches its limit). Fails with
     * {@link java.io.EOFException} if the stream ends first; the bytes that did arrive are then
     * in {@code dst}, before its position.
     *
     * <p><b>Cancel safety:</b> not cancel-safe as a unit: a cancelled {@code readExact} may have
     * consumed part of the bytes. None is lost, though: every byte consumed is already in
     * {@code dst}, before its position, so the caller can see how far it got and continue.
     *
     * {@snippet :
     * ByteBuffer frame = ByteBuffer.allocate(length);
     * socket.readExact(frame).await();
     * frame.flip();
     * }
     *
     * @param dst the buffer to fill, from its position to its limit
     * @return the future, done when {@code dst} is full
     * @throws IllegalArgumentException if {@code dst} is null or read-only
     */
    default IoFuture<Void> readExact(ByteBuffer dst) {
        return new ReadExactFuture(this, IoChecks.writable(dst, "dst"));
    }

    /**
     * Reads everything up to the end of the stream into a new array.
     *
     * <p><b>Cancel safety:</b> not cancel-safe: the bytes read before the cancellation are
     * consumed from the reader and lost with the future.
     *
     * {@snippet :
     * byte[] body = response.readToEnd().await();
     * }
     *
     * @return the future of the bytes
     */
    default IoFuture<byte[]> readToEnd() {
        return ReadToEndFuture.bytes(this);
    }

    /**
     * Reads everything up to the end of the stream and decodes it as UTF-8. Malformed input
     * fails the future with {@link java.nio.charset.MalformedInputException} (an
     * {@code IOException}), never with replacement characters.
     *
     * <p><b>Cancel safety:</b> not cancel-safe, as {@link #readToEnd()}.
     *
     * {@snippet :
     * String text = child.stdout().readToString().await();
     * }
     *
     * @return the future of the text
     */
    default IoFuture<String> readToString() {
        return ReadToEndFuture.string(this, StandardCharsets.UTF_8);
    }

    /**
     * Reads everything up to the end of the stream and decodes it with {@code charset};
     * malformed or unmappable input fails the future with a
     * {@link java.nio.charset.CharacterCodingException}.
     *
     * <p><b>Cancel safety:</b> not cancel-safe, as {@link #readToEnd()}.
     *
     * {@snippet :
     * String legacy = file.readToString(StandardCharsets.ISO_8859_1).await();
     * }
     *
     * @param charset the encoding of the bytes
     * @return the future of the text
     * @throws IllegalArgumentException if {@code charset} is null
     */
    default IoFuture<String> readToString(Charset charset) {
        return ReadToEndFuture.string(this, Args.notNull(charset, "charset"));
    }
}
