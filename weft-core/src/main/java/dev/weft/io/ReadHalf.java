package dev.weft.io;

import dev.weft.future.Context;
import dev.weft.future.internal.Args;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * The read half of a stream split by {@link Io#split}: reads from the stream under the lock the
 * two halves share, so one task may read while another writes through the {@link WriteHalf}.
 * Read by one task at a time. A read polled while the write half is polling the stream is
 * pending, and its task is woken when that poll ends (nobody waits for the lock).
 *
 * {@snippet :
 * Io.Halves<MyStream> h = Io.split(stream);
 * int n = h.reader().read(buf).await();
 * MyStream whole = h.reader().unsplit(h.writer());
 * }
 *
 * @param <S> the type of the stream
 */
public final class ReadHalf<S extends AsyncRead & AsyncWrite> implements AsyncRead {
    private final S stream;
    private final SplitLock lock; // shared with the WriteHalf: serialises every poll of the stream

    ReadHalf(S stream, SplitLock lock) {
        this.stream = stream;
        this.lock = lock;
    }

    @Override
    public int pollRead(Context cx, ByteBuffer dst) throws IOException {
        if (!lock.tryLock(cx, true)) {
            return Io.PENDING; // the write half polls the stream: woken when it is done
        }
        try {
            return stream.pollRead(cx, dst);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Tells whether {@code other} belongs with this half.
     *
     * @param other a write half
     * @return whether {@code other} is the write half of the same split
     */
    public boolean isPairOf(WriteHalf<?> other) {
        return other != null && other.lock() == lock;
    }

    /**
     * Puts the stream back together (Tokio's {@code unsplit}): returns the stream, which the
     * caller then uses whole. Neither half may be used after.
     *
     * @param writer the write half of the same split
     * @return the stream
     * @throws IllegalArgumentException if {@code writer} is null or the half of another split
     */
    public S unsplit(WriteHalf<S> writer) {
        Args.notNull(writer, "writer");
        if (!isPairOf(writer)) {
            throw new IllegalArgumentException("writer is the write half of another split");
        }
        return stream;
    }
}
