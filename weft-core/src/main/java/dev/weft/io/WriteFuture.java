package dev.weft.io;

import dev.weft.future.Context;
import dev.weft.future.Poll;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * {@link AsyncWrite#write}: one write. Cancel-safe: bytes leave the buffer only in the poll that
 * completes this future.
 */
final class WriteFuture implements IoFuture<Integer> {
    private AsyncWrite dst; // null once completed or cancelled
    private final ByteBuffer src;

    WriteFuture(AsyncWrite dst, ByteBuffer src) {
        this.dst = dst;
        this.src = src;
    }

    @Override
    public Poll<Integer> poll(Context cx) {
        AsyncWrite d = dst;
        if (d == null) {
            throw new IllegalStateException("write future polled after it completed or was cancelled");
        }
        int n;
        try {
            n = d.pollWrite(cx, src);
        } catch (IOException e) {
            dst = null;
            return Poll.failed(e);
        }
        if (n == Io.PENDING) {
            return Poll.pending();
        }
        dst = null;
        return Poll.ready(n);
    }

    /**
     * Writes without allocating: see {@link IoAwait}.
     *
     * @return the count
     * @throws IOException the write's fault
     */
    @Override
    public Integer await() throws IOException {
        AsyncWrite d = dst;
        if (d == null) {
            throw new IllegalStateException("write future awaited after it completed or was cancelled");
        }
        dst = null;
        return IoAwait.write(d, src, false);
    }

    @Override
    public void cancel() {
        dst = null;
    }
}
