package dev.weft.process;

import dev.weft.future.Context;
import dev.weft.future.internal.Args;
import dev.weft.io.AsyncWrite;
import dev.weft.io.blocking.BlockingStream;
import dev.weft.io.blocking.StreamChannel;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;

/**
 * The write end of a child's stdin pipe ({@link Child#stdin()}), Tokio's {@code ChildStdin}.
 *
 * <p>The JDK has no selectable pipes, so writes go through an internal buffer to one blocking
 * write at a time on the runtime's blocking pool: {@link #pollWrite} completes once the bytes
 * are handed off (up to 2 MiB per call), {@link #pollFlush} waits until the child's pipe took
 * them and reports the fault of a handed-off write (a child that exited: broken pipe).
 * {@link #pollShutdown} flushes, then closes the pipe, so the child reads the end of its input.
 *
 * <p><b>Cancel safety:</b> the poll methods hold no registration besides the waker; bytes
 * reported written are never lost by a caller giving up. Used by one task at a time.
 *
 * {@snippet :
 * ChildStdin in = child.stdin();
 * ByteBuffer b = ByteBuffer.wrap("hello\n".getBytes());
 * while (b.hasRemaining()) { if (in.pollWrite(cx, b) == Io.PENDING) return Poll.pending(); }
 * if (!in.pollShutdown(cx)) return Poll.pending();     // the child sees the end of input
 * }
 */
public final class ChildStdin implements AsyncWrite, AutoCloseable {
    private final BlockingStream stream;

    ChildStdin(OutputStream out) {
        this.stream = new BlockingStream(StreamChannel.writing(out, true));
    }

    @Override
    public int pollWrite(Context cx, ByteBuffer src) throws IOException {
        return stream.pollWrite(cx, Args.notNull(src, "src"));
    }

    @Override
    public boolean pollFlush(Context cx) throws IOException {
        return stream.pollFlush(cx);
    }

    /** Flushes, then closes the pipe; done at once if already closed. */
    @Override
    public boolean pollShutdown(Context cx) throws IOException {
        if (stream.isClosed()) {
            return true;
        }
        if (!stream.pollFlush(cx)) {
            return false;
        }
        stream.close();
        return true;
    }

    /**
     * Closes the pipe without waiting: the child reads the end of its input once a write handed
     * off before has gone through. Later writes fail with
     * {@link java.nio.channels.ClosedChannelException}. Idempotent.
     */
    @Override
    public void close() {
        stream.close();
    }

    @Override
    public String toString() {
        return "ChildStdin" + (stream.isClosed() ? "[closed]" : "");
    }
}
