package dev.weft.io;

import dev.weft.future.Context;
import dev.weft.future.Poll;
import dev.weft.io.internal.IoChecks;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * {@link AsyncRead#readExact}: reads until the buffer is full. Every byte read is in the
 * caller's buffer at once, so a cancellation loses nothing (the position tells how far it got).
 */
final class ReadExactFuture implements IoFuture<Void> {
    private AsyncRead src; // null once completed or cancelled
    private final ByteBuffer dst;
    private final int start;

    ReadExactFuture(AsyncRead src, ByteBuffer dst) {
        this.src = src;
        this.dst = dst;
        this.start = dst.position();
    }

    @Override
    public Poll<Void> poll(Context cx) {
        AsyncRead s = src;
        if (s == null) {
            throw new IllegalStateException("readExact future polled after it completed or was cancelled");
        }
        try {
            while (dst.hasRemaining()) {
                int n = s.pollRead(cx, dst);
                if (n == Io.PENDING) {
                    return Poll.pending();
                }
                if (n == Io.EOF) {
                    src = null;
                    int got = dst.position() - start;
                    return Poll.failed(new EOFException("end of stream after " + got + " of "
                            + (got + dst.remaining()) + " bytes (readExact)"));
                }
                IoChecks.checkRead(n, s);
            }
        } catch (IOException e) {
            src = null;
            return Poll.failed(e);
        }
        src = null;
        return Poll.ready(null);
    }

    @Override
    public void cancel() {
        src = null;
    }
}
