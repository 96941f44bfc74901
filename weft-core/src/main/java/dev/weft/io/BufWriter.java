package dev.weft.io;

import dev.weft.future.Context;
import dev.weft.future.internal.Args;
import dev.weft.io.internal.IoChecks;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Adds a buffer to a writer (Tokio's {@code BufWriter}): small writes are collected and go to
 * the inner writer in large ones. Written bytes reach the inner writer when the buffer is full,
 * and on {@link #flush()} or {@link #shutdown()}, which write the buffer out first. A write at
 * least as large as the buffer goes straight to the inner writer (after what is buffered).
 *
 * <p>Not thread-safe: written by one task at a time. Java has no {@code drop}: bytes still
 * buffered when a {@code BufWriter} is abandoned never reach the inner writer, so flush or shut
 * down at the end.
 *
 * <p>Cancel safety: a cancelled {@code write} took nothing; a cancelled {@code flush} or
 * {@code shutdown} leaves the bytes not yet written out in the buffer, for the next one.
 *
 * {@snippet :
 * BufWriter out = new BufWriter(socket);
 * for (String line : lines) {
 *     out.writeAll(ByteBuffer.wrap((line + "\n").getBytes(UTF_8))).await();
 * }
 * out.flush().await();
 * }
 */
public final class BufWriter implements AsyncWrite {
    /** The default capacity, 8 KiB, as Tokio's. */
    public static final int DEFAULT_CAPACITY = 8 * 1024;

    private final AsyncWrite inner;
    private final byte[] buf;
    private final ByteBuffer view; // over buf, for writes to the inner writer
    private int written; // buf[written .. len) is yet to be written out
    private int len;

    /**
     * Buffers {@code inner} with {@link #DEFAULT_CAPACITY} bytes.
     *
     * @param inner the writer to buffer
     * @throws IllegalArgumentException if {@code inner} is null
     */
    public BufWriter(AsyncWrite inner) {
        this(inner, DEFAULT_CAPACITY);
    }

    /**
     * Buffers {@code inner} with {@code capacity} bytes.
     *
     * @param inner the writer to buffer
     * @param capacity the size of the buffer, at least 1
     * @throws IllegalArgumentException if {@code inner} is null or {@code capacity} less than 1
     */
    public BufWriter(AsyncWrite inner, int capacity) {
        this.inner = Args.notNull(inner, "inner");
        this.buf = new byte[Args.positive(capacity, "capacity")];
        this.view = ByteBuffer.wrap(buf);
    }

    @Override
    public int pollWrite(Context cx, ByteBuffer src) throws IOException {
        int n = src.remaining();
        if (n == 0) {
            return 0;
        }
        if (len + n > buf.length && !pollWriteOut(cx)) {
            return Io.PENDING;
        }
        if (n >= buf.length) {
            return inner.pollWrite(cx, src); // the buffer is empty here: no reordering
        }
        n = Math.min(n, buf.length - len);
        src.get(buf, len, n);
        len += n;
        return n;
    }

    /** Writes the buffer out; true when it is empty. */
    private boolean pollWriteOut(Context cx) throws IOException {
        while (written < len) {
            view.limit(len).position(written);
            int n = inner.pollWrite(cx, view);
            if (n == Io.PENDING) {
                return false;
            }
            written += IoChecks.checkWrite(n, inner);
        }
        written = 0;
        len = 0;
        return true;
    }

    @Override
    public boolean pollFlush(Context cx) throws IOException {
        return pollWriteOut(cx) && inner.pollFlush(cx);
    }

    @Override
    public boolean pollShutdown(Context cx) throws IOException {
        return pollWriteOut(cx) && inner.pollShutdown(cx);
    }

    /** {@return how many bytes are buffered, not yet written to the inner writer} */
    public int buffered() {
        return len - written;
    }

    /** {@return the size of the buffer} */
    public int capacity() {
        return buf.length;
    }

    /** {@return the writer this one buffers} */
    public AsyncWrite inner() {
        return inner;
    }
}
