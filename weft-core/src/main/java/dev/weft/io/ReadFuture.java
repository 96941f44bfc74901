package dev.weft.io;

import dev.weft.future.Context;
import dev.weft.future.Poll;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * {@link AsyncRead#read}: one read. Cancel-safe, because bytes leave the reader only in the poll
 * that completes this future. Allocates nothing per poll; the result is the only allocation at
 * completion.
 */
final class ReadFuture implements IoFuture<Integer> {
    private AsyncRead src; // null once completed or cancelled
    private final ByteBuffer dst;

    ReadFuture(AsyncRead src, ByteBuffer dst) {
        this.src = src;
        this.dst = dst;
    }

    @Override
    public Poll<Integer> poll(Context cx) {
        AsyncRead s = src;
        if (s == null) {
            throw new IllegalStateException("read future polled after it completed or was cancelled");
        }
        int n;
        try {
            n = s.pollRead(cx, dst);
        } catch (IOException e) {
            src = null;
            return Poll.failed(e);
        }
        if (n == Io.PENDING) {
            return Poll.pending();
        }
        src = null;
        return Poll.ready(n);
    }

    /**
     * Reads without allocating: see {@link IoAwait}.
     *
     * @return the count, or {@link Io#EOF}
     * @throws IOException the read's fault
     */
    @Override
    public Integer await() throws IOException {
        AsyncRead s = src;
        if (s == null) {
            throw new IllegalStateException("read future awaited after it completed or was cancelled");
        }
        src = null;
        return IoAwait.read(s, dst);
    }

    @Override
    public void cancel() {
        src = null; // nothing to release: the reader keeps only a waker, replaced by the next read
    }
}
