package dev.weft.io.internal;

import dev.weft.future.Context;
import dev.weft.future.internal.IntOp;
import dev.weft.future.internal.Suspender;
import dev.weft.io.AsyncRead;
import dev.weft.io.AsyncWrite;
import dev.weft.io.Io;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * {@code await()} of a read or a write without a future object: the operation is polled
 * directly, and while it is pending the waiter waits on a scratch {@link IntOp} it keeps and
 * reuses, so {@code stream.read(buf).await()} and {@code stream.writeAll(buf).await()} in a
 * coroutine allocate nothing in the steady state (the future made by {@code read(buf)} is re-armed by the
 * stream: {@link StreamOp}). Waits end as the futures'
 * do: an I/O operation loses nothing when its wait ends early.
 */
final class IoAwait extends IntOp {
    private AsyncRead reader;
    private AsyncWrite writer;
    private ByteBuffer buf;

    private IoAwait() {
    }

    @Override
    public int pollInt(Context cx) throws IOException {
        AsyncRead r = reader;
        return r != null ? r.pollRead(cx, buf) : writer.pollWrite(cx, buf);
    }

    private static IoAwait of(Suspender s) {
        if (s.scratch() instanceof IoAwait w) {
            return w;
        }
        IoAwait w = new IoAwait();
        s.scratch(w);
        return w;
    }

    /** @return the count read into {@code dst}, or {@link Io#EOF} */
    static int read(AsyncRead src, ByteBuffer dst) throws IOException {
        Suspender s = Suspender.current();
        Context cx = s.enter();
        int n = src.pollRead(cx, dst);
        if (n != Io.PENDING) {
            return n;
        }
        IoAwait w = of(s);
        w.reader = src;
        w.buf = dst;
        try {
            return s.awaitInt(w, cx);
        } finally {
            w.reader = null;
            w.buf = null;
        }
    }

    /** @return the count written from {@code src}; all of it when {@code all} */
    static int write(AsyncWrite dst, ByteBuffer src, boolean all) throws IOException {
        Suspender s = Suspender.current();
        Context cx = s.enter();
        int total = 0;
        do {
            int n = dst.pollWrite(cx, src);
            if (n == Io.PENDING) {
                IoAwait w = of(s);
                w.writer = dst;
                w.buf = src;
                try {
                    n = s.awaitInt(w, cx);
                } finally {
                    w.writer = null;
                    w.buf = null;
                }
            }
            if (!all) {
                return n; // one write, as WriteFuture answers it
            }
            total += IoChecks.checkWrite(n, dst);
        } while (src.hasRemaining());
        return total;
    }
}
