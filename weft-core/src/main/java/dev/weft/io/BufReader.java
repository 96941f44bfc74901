package dev.weft.io;

import dev.weft.future.Context;
import dev.weft.future.internal.Args;
import dev.weft.io.internal.IoChecks;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Adds a buffer to a reader (Tokio's {@code BufReader}): many small reads become few large ones
 * on the inner reader, and it is an {@link AsyncBufRead}, so it reads lines
 * ({@link #readLine()}, {@link #lines()}) and feeds decoders.
 *
 * <p>A read into a buffer at least as large as this one, while this one is empty, goes
 * straight to the inner reader, with no copy. Bytes buffered here are only here: reading the
 * inner reader directly would skip them.
 *
 * <p>Not thread-safe: read by one task at a time. The cancel safety of each operation is the
 * inner reader's: a cancelled {@code read} loses nothing, and bytes already buffered stay
 * buffered.
 *
 * {@snippet :
 * BufReader in = new BufReader(socket);
 * Optional<String> line;
 * while ((line = in.readLine().await()).isPresent()) {
 *     handle(line.get());
 * }
 * }
 */
public final class BufReader implements AsyncBufRead {
    /** The default capacity, 8 KiB, as Tokio's. */
    public static final int DEFAULT_CAPACITY = 8 * 1024;

    private final AsyncRead inner;
    private final byte[] buf;
    private final ByteBuffer fillView; // writable view, for reads of the inner reader
    private final ByteBuffer readView; // read-only view handed out by buffer()
    private int pos; // the next unread byte
    private int filled; // the end of the buffered bytes

    /**
     * Buffers {@code inner} with {@link #DEFAULT_CAPACITY} bytes.
     *
     * @param inner the reader to buffer
     * @throws IllegalArgumentException if {@code inner} is null
     */
    public BufReader(AsyncRead inner) {
        this(inner, DEFAULT_CAPACITY);
    }

    /**
     * Buffers {@code inner} with {@code capacity} bytes.
     *
     * @param inner the reader to buffer
     * @param capacity the size of the buffer, at least 1
     * @throws IllegalArgumentException if {@code inner} is null or {@code capacity} less than 1
     */
    public BufReader(AsyncRead inner, int capacity) {
        this.inner = Args.notNull(inner, "inner");
        this.buf = new byte[Args.positive(capacity, "capacity")];
        this.fillView = ByteBuffer.wrap(buf);
        this.readView = fillView.asReadOnlyBuffer();
    }

    @Override
    public int pollRead(Context cx, ByteBuffer dst) throws IOException {
        if (!dst.hasRemaining()) {
            return 0;
        }
        if (pos == filled && dst.remaining() >= buf.length) {
            return inner.pollRead(cx, dst); // a large read: skip the copy
        }
        int available = pollFillBuf(cx);
        if (available == Io.PENDING) {
            return Io.PENDING;
        }
        if (available == 0) {
            return Io.EOF;
        }
        int n = Math.min(available, dst.remaining());
        dst.put(buf, pos, n);
        pos += n;
        return n;
    }

    @Override
    public int pollFillBuf(Context cx) throws IOException {
        if (pos < filled) {
            return filled - pos;
        }
        fillView.clear();
        int n = inner.pollRead(cx, fillView);
        if (n == Io.PENDING) {
            return Io.PENDING;
        }
        pos = 0;
        filled = 0;
        if (n == Io.EOF) {
            return 0;
        }
        filled = IoChecks.checkRead(n, inner);
        return n;
    }

    /**
     * {@inheritDoc} The same view object is returned each time, positioned afresh.
     */
    @Override
    public ByteBuffer buffer() {
        readView.clear();
        readView.position(pos).limit(filled);
        return readView;
    }

    @Override
    public void consume(int n) {
        if (n < 0 || n > filled - pos) {
            throw new IllegalArgumentException("n must be between 0 and the " + (filled - pos)
                    + " buffered bytes, was " + n);
        }
        pos += n;
    }

    /** {@return how many bytes are buffered, read from the inner reader and not yet consumed} */
    public int buffered() {
        return filled - pos;
    }

    /** {@return the size of the buffer} */
    public int capacity() {
        return buf.length;
    }

    /** {@return the reader this one buffers} */
    public AsyncRead inner() {
        return inner;
    }
}
