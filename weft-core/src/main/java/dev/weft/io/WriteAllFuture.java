package dev.weft.io;

import dev.weft.future.Context;
import dev.weft.future.Poll;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * {@link AsyncWrite#writeAll}: writes until the buffer is drained. On cancellation the buffer's
 * position says exactly which prefix was written.
 */
final class WriteAllFuture implements IoFuture<Void> {
    private AsyncWrite dst; // null once completed or cancelled
    private final ByteBuffer src;

    WriteAllFuture(AsyncWrite dst, ByteBuffer src) {
        this.dst = dst;
        this.src = src;
    }

    @Override
    public Poll<Void> poll(Context cx) {
        AsyncWrite d = dst;
        if (d == null) {
            throw new IllegalStateException("writeAll future polled after it completed or was cancelled");
        }
        try {
            while (src.hasRemaining()) {
                int n = d.pollWrite(cx, src);
                if (n == Io.PENDING) {
                    return Poll.pending();
                }
                Io.checkWrite(n, d);
            }
        } catch (IOException e) {
            dst = null;
            return Poll.failed(e);
        }
        dst = null;
        return Poll.ready(null);
    }

    /**
     * Writes without allocating: see {@link IoAwait}.
     *
     * @return null
     * @throws IOException the write's fault
     */
    @Override
    public Void await() throws IOException {
        AsyncWrite d = dst;
        if (d == null) {
            throw new IllegalStateException("writeAll future awaited after it completed or was cancelled");
        }
        dst = null;
        if (src.hasRemaining()) {
            IoAwait.write(d, src, true);
        }
        return null;
    }

    @Override
    public void cancel() {
        dst = null;
    }
}
