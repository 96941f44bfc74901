package dev.weft.io;

import dev.weft.future.Context;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * The write half of a stream split by {@link Io#split}: writes, flushes and shuts down the
 * stream under the lock the two halves share, so one task may write while another reads
 * through the {@link ReadHalf}. Written by one task at a time. A poll made while the read half
 * is polling the stream is pending, and its task is woken when that poll ends.
 *
 * {@snippet :
 * Io.Halves<MyStream> h = Io.split(stream);
 * h.writer().writeAll(ByteBuffer.wrap(request)).await();
 * h.writer().shutdown().await();   // half-close: the reader half can go on reading
 * }
 *
 * @param <S> the type of the stream
 */
public final class WriteHalf<S extends AsyncRead & AsyncWrite> implements AsyncWrite {
    private final S stream;
    private final SplitLock lock; // shared with the ReadHalf

    WriteHalf(S stream, SplitLock lock) {
        this.stream = stream;
        this.lock = lock;
    }

    SplitLock lock() {
        return lock;
    }

    @Override
    public int pollWrite(Context cx, ByteBuffer src) throws IOException {
        if (!lock.tryLock(cx, false)) {
            return Io.PENDING; // the read half polls the stream: woken when it is done
        }
        try {
            return stream.pollWrite(cx, src);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public boolean pollFlush(Context cx) throws IOException {
        if (!lock.tryLock(cx, false)) {
            return false; // the read half polls the stream: woken when it is done
        }
        try {
            return stream.pollFlush(cx);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public boolean pollShutdown(Context cx) throws IOException {
        if (!lock.tryLock(cx, false)) {
            return false; // the read half polls the stream: woken when it is done
        }
        try {
            return stream.pollShutdown(cx);
        } finally {
            lock.unlock();
        }
    }
}
