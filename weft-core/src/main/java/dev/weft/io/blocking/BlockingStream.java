package dev.weft.io.blocking;

import dev.weft.future.Context;
import dev.weft.future.Poll;
import dev.weft.future.internal.Args;
import dev.weft.io.Io;
import dev.weft.io.IoFuture;
import dev.weft.runtime.Handle;
import dev.weft.future.internal.Coop;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.util.concurrent.Callable;

/**
 * A byte stream over blocking calls ({@link BlockingChannel}): an internal buffer and at most one
 * blocking operation in flight on the runtime's blocking pool, the design of Tokio's
 * {@code fs::File} and {@code io::blocking::Blocking}. Files and process pipes are built on it.
 *
 * <ul>
 * <li><b>Read</b>: if the buffer holds bytes read ahead, they are returned at once; otherwise a
 *     blocking read of up to {@code min(dst.remaining(), maxBufSize)} bytes is handed to the
 *     pool and the read is pending until it returns.</li>
 * <li><b>Write</b>: waits for the operation in flight, copies up to {@code maxBufSize} bytes into
 *     the buffer, hands a blocking write of them to the pool, and reports them written at once.
 *     The write's fault, if any, is reported by the next operation.</li>
 * <li><b>Flush</b> waits for the operation in flight and reports its fault.</li>
 * <li><b>Other operations</b> ({@link #submit}: seek, sync, truncate) wait their turn like a
 *     write, then run on the pool as the one operation in flight.</li>
 * </ul>
 *
 * <p>Implementation notes. State, on the owner's side, is in plain fields: one task uses a
 * stream at a time, as with any future. {@code buf} is owned by the stream while nothing is in
 * flight (between position and limit: bytes read ahead and not returned yet); while a read or
 * write is in flight the blocking thread owns it ({@code buf == null}) and it comes back with
 * the result. {@code spawnBlocking} publishes the owner's writes to the blocking thread, and the
 * join handle's completion (a volatile state word) publishes the blocking thread's writes back.
 * Bytes read ahead are discarded before any other operation, which first tells the channel
 * ({@link BlockingChannel#unread}) so a file's position is where the reader stopped.
 * {@link #close()} while an operation is in flight defers closing the channel to that
 * operation's end ({@link ChannelGuard}), so a handed-off write is never cut short, as a Tokio
 * {@code File} lives on until its last operation ends.
 */
public final class BlockingStream {
    /** The most bytes one blocking read or write moves unless told: 2 MiB, as Tokio. */
    public static final int DEFAULT_MAX_BUF_SIZE = 2 * 1024 * 1024;

    private static final int READ = BlockingOp.READ;
    private static final int WRITE = BlockingOp.WRITE;
    private static final int OTHER = BlockingOp.OTHER;

    private final ChannelGuard guard;
    private final BlockingChannel channel;
    private int maxBufSize = DEFAULT_MAX_BUF_SIZE;
    private ByteBuffer buf = ByteBuffer.allocate(0); // null while lent to a read or write in flight
    private BlockingOp<?> busy; // the operation in flight, or null
    private boolean eof; // the last read met the end: the next read reports it once
    private Throwable readError; // a finished read's fault, for the next read
    private Throwable writeError; // a handed-off write's fault, for the next operation
    private boolean closed;

    /** @param channel the blocking calls to make */
    public BlockingStream(BlockingChannel channel) {
        this.guard = new ChannelGuard(Args.notNull(channel, "channel"));
        this.channel = channel;
    }

    /**
     * @param size the most bytes one blocking read or write moves, at least 1
     * @throws IllegalArgumentException if {@code size} is less than 1
     */
    public void setMaxBufSize(int size) {
        maxBufSize = Args.positive(size, "maxBufSize");
    }

    /** @return the most bytes one blocking read or write moves */
    public int maxBufSize() {
        return maxBufSize;
    }

    /** @return whether {@link #close()} was called */
    public boolean isClosed() {
        return closed;
    }

    /** {@code AsyncRead.pollRead}, see the class notes. */
    public int pollRead(Context cx, ByteBuffer dst) throws IOException {
        ensureOpen();
        if (!dst.hasRemaining()) {
            return 0;
        }
        if (!Coop.proceed(cx)) {
            return Io.PENDING;
        }
        for (;;) {
            if (!pollIdle(cx)) {
                return Io.PENDING;
            }
            throwWriteError();
            Throwable e = readError;
            if (e != null) {
                readError = null;
                throw io(e);
            }
            if (buf.hasRemaining()) {
                int n = Math.min(buf.remaining(), dst.remaining());
                dst.put(dst.position(), buf, buf.position(), n);
                dst.position(dst.position() + n);
                buf.position(buf.position() + n);
                return n;
            }
            if (eof) {
                eof = false;
                return Io.EOF;
            }
            ByteBuffer b = buffer(Math.min(dst.remaining(), maxBufSize));
            start(new BlockingOp<>(READ, b, () -> {
                int n = channel.read(b);
                b.flip();
                return n;
            }), 0);
        }
    }

    /** {@code AsyncWrite.pollWrite}: done once the bytes are handed to the blocking write. */
    public int pollWrite(Context cx, ByteBuffer src) throws IOException {
        ensureOpen();
        if (!src.hasRemaining()) {
            return 0;
        }
        if (!Coop.proceed(cx) || !pollIdle(cx)) {
            return Io.PENDING;
        }
        throwWriteError();
        int unread = discardReadAhead();
        int n = Math.min(src.remaining(), maxBufSize);
        ByteBuffer b = buffer(n);
        b.put(0, src, src.position(), n);
        start(new BlockingOp<>(WRITE, b, () -> {
            channel.write(b);
            return null;
        }), unread);
        src.position(src.position() + n); // only once the write is handed off
        return n;
    }

    /** {@code AsyncWrite.pollFlush}: waits for the operation in flight, reports a write's fault. */
    public boolean pollFlush(Context cx) throws IOException {
        ensureOpen();
        if (!pollIdle(cx)) {
            return false;
        }
        throwWriteError();
        return true;
    }

    /**
     * A lazy future of {@code body} run on the blocking pool as this stream's one operation in
     * flight, after the operation before it. Cancelling it before its turn loses nothing;
     * after, the operation runs to its end and its result is dropped.
     *
     * @param body the blocking call, made after the channel was told of bytes read ahead
     * @param <T> its result
     * @return the future
     */
    public <T> IoFuture<T> submit(Callable<T> body) {
        BlockingOp<T> op = new BlockingOp<>(OTHER, null, Args.notNull(body, "body"));
        return new IoFuture<>() {
            private boolean done;

            @Override
            public Poll<T> poll(Context cx) {
                if (done) {
                    throw new IllegalStateException("I/O future polled after it completed");
                }
                if (!Coop.proceed(cx)) {
                    return Poll.pending();
                }
                Poll<T> p = pollOp(cx, op);
                done = p.isReady();
                return p;
            }
        };
    }

    /**
     * Closes the stream: later operations fail with {@link ClosedChannelException}. The channel
     * is closed now, or when the operation in flight ends; a fault of closing is ignored.
     */
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        guard.close();
    }

    private <T> Poll<T> pollOp(Context cx, BlockingOp<T> op) {
        if (!op.started) {
            if (closed) {
                return Poll.failed(new ClosedChannelException());
            }
            if (!pollIdle(cx)) {
                return Poll.pending();
            }
            Throwable e = writeError;
            if (e != null) {
                writeError = null;
                return Poll.failed(e);
            }
            start(op, discardReadAhead());
        }
        if (busy == op && !pollIdle(cx)) {
            return Poll.pending();
        }
        return op.outcome;
    }

    /** Hands {@code op} to the blocking pool as the operation in flight. */
    private <T> void start(BlockingOp<T> op, int unread) {
        guard.starting();
        Callable<T> body = op.body;
        try {
            op.handle = Handle.current().spawnBlocking(() -> guard.run(body, unread));
        } catch (RuntimeException e) { // no runtime here, or it shut down: nothing was handed off
            guard.notStarted();
            throw e;
        }
        op.started = true;
        if (op.buf != null) {
            buf = null; // lent to the blocking thread until the operation ends
        }
        busy = op;
    }

    /** Finishes the operation in flight if it ended; false (waker registered) if not. */
    private boolean pollIdle(Context cx) {
        BlockingOp<?> op = busy;
        return op == null || finish(op, cx);
    }

    private <T> boolean finish(BlockingOp<T> op, Context cx) {
        Poll<Poll<T>> p = op.handle.poll(cx);
        if (p.isPending()) {
            return false;
        }
        // the operation's own outcome, or the handle's failure (aborted: the runtime shut down)
        Poll<T> outcome = p instanceof Poll.Ready<Poll<T>> r ? r.value() : Poll.failed(((Poll.Failed<Poll<T>>) p).error());
        busy = null;
        op.handle = null;
        if (op.kind == OTHER) {
            op.outcome = outcome;
            return true;
        }
        buf = op.buf;
        int n = outcome instanceof Poll.Ready<T> ready && op.kind == READ ? (Integer) ready.value() : -1;
        if (n < 0) {
            buf.position(0).limit(0); // a write, a fault or the end: nothing read ahead
        }
        if (outcome instanceof Poll.Failed<T> f) {
            if (op.kind == WRITE) {
                writeError = f.error();
            } else {
                readError = f.error();
            }
        } else if (op.kind == READ && n < 0) {
            eof = true;
        }
        return true;
    }

    /** Drops bytes read ahead (and a pending end or read fault); returns how many bytes. */
    private int discardReadAhead() {
        int n = buf.remaining();
        buf.position(0).limit(0);
        eof = false;
        readError = null;
        return n;
    }

    /** The buffer, or a larger one, cleared and limited to {@code n} bytes. */
    private ByteBuffer buffer(int n) {
        ByteBuffer b = buf.capacity() >= n ? buf : ByteBuffer.allocate(n);
        return b.clear().limit(n);
    }

    private void throwWriteError() throws IOException {
        Throwable e = writeError;
        if (e != null) {
            writeError = null;
            throw io(e);
        }
    }

    private void ensureOpen() throws ClosedChannelException {
        if (closed) {
            throw new ClosedChannelException();
        }
    }

    private static IOException io(Throwable e) {
        return switch (e) {
            case IOException io -> io;
            case RuntimeException re -> throw re;
            case Error err -> throw err;
            default -> new IOException(e);
        };
    }
}
