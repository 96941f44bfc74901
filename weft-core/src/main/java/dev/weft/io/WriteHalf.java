package dev.weft.io;

import dev.weft.future.Context;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * The write half of a stream split by {@link Io#split}: writes, flushes and shuts down the
 * stream under the lock the two halves share, so one task may write while another reads
 * through the {@link ReadHalf}. Written by one task at a time.
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
    private final Object lock; // shared with the ReadHalf

    WriteHalf(S stream, Object lock) {
        this.stream = stream;
        this.lock = lock;
    }

    Object lock() {
        return lock;
    }

    @Override
    public int pollWrite(Context cx, ByteBuffer src) throws IOException {
        synchronized (lock) {
            return stream.pollWrite(cx, src);
        }
    }

    @Override
    public boolean pollFlush(Context cx) throws IOException {
        synchronized (lock) {
            return stream.pollFlush(cx);
        }
    }

    @Override
    public boolean pollShutdown(Context cx) throws IOException {
        synchronized (lock) {
            return stream.pollShutdown(cx);
        }
    }
}
