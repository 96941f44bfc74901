package dev.weft.io;

import dev.weft.future.Context;
import dev.weft.future.internal.Args;
import dev.weft.io.internal.WriteOp;
import dev.weft.io.internal.WriteAllOp;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * A sink of bytes that is written without blocking (Tokio's {@code AsyncWrite}).
 *
 * <p>Like {@link AsyncRead} its methods are poll-based: an answer of {@link Io#PENDING} (or
 * {@code false}) means the caller's waker will be woken when the write can make progress.
 * The default methods are the awaitable operations (Tokio's {@code AsyncWriteExt}), each one
 * small {@link IoFuture} per call that allocates nothing per poll. A writer is written by one
 * task at a time.
 *
 * {@snippet :
 * socket.writeAll(ByteBuffer.wrap(reply)).await();
 * socket.shutdown().await();      // the peer reads the end of the stream
 * }
 *
 * <p>The poll-based contract, as a hand-written future sees it:
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

    /**
     * Writes once: waits until the sink takes some bytes, and completes with how many it took
     * from {@code src} (advancing its position); possibly fewer than offered. A {@code src}
     * with nothing remaining completes with 0 at once.
     *
     * <p><b>Cancel safety:</b> cancel-safe. Bytes leave {@code src} only in the poll that
     * completes the future, so a cancelled {@code write} wrote nothing: its bytes went to
     * nobody and are still in {@code src}.
     *
     * {@snippet :
     * int n = socket.write(buf).await();   // buf.position() moved by n
     * }
     *
     * @param src the bytes to write, from its position to its limit
     * @return the future of the count
     * @throws IllegalArgumentException if {@code src} is null
     */
    default IoFuture<Integer> write(ByteBuffer src) {
        return WriteOp.of(this, Args.notNull(src, "src"));
    }

    /**
     * Writes every byte of {@code src}, from its position to its limit, however many writes
     * that takes. Does not flush.
     *
     * <p><b>Cancel safety:</b> not cancel-safe: a cancelled {@code writeAll} may have written
     * a prefix of the bytes. Which prefix is exact: {@code src.position()} has moved past every
     * byte the sink took, and the rest were written to nobody.
     *
     * {@snippet :
     * socket.writeAll(ByteBuffer.wrap("HTTP/1.1 200 OK\r\n".getBytes(US_ASCII))).await();
     * }
     *
     * @param src the bytes to write
     * @return the future, done when {@code src} has nothing remaining
     * @throws IllegalArgumentException if {@code src} is null
     */
    default IoFuture<Void> writeAll(ByteBuffer src) {
        return WriteAllOp.of(this, Args.notNull(src, "src"));
    }

    /**
     * Pushes buffered bytes to their destination ({@link #pollFlush}).
     *
     * <p><b>Cancel safety:</b> cancel-safe: what was flushed stays flushed, the rest stays
     * buffered for the next flush.
     *
     * {@snippet :
     * out.flush().await();
     * }
     *
     * @return the future, done when everything written so far has left this sink
     */
    default IoFuture<Void> flush() {
        return new FlushFuture(this, false);
    }

    /**
     * Flushes, then closes the write direction ({@link #pollShutdown}): a half-close, after
     * which the peer reads the end of the stream.
     *
     * <p><b>Cancel safety:</b> cancel-safe: a cancelled shutdown can be started again.
     *
     * {@snippet :
     * socket.writeAll(request).await();
     * socket.shutdown().await();
     * byte[] response = socket.readToEnd().await();
     * }
     *
     * @return the future, done when the write direction is closed
     */
    default IoFuture<Void> shutdown() {
        return new FlushFuture(this, true);
    }
}
