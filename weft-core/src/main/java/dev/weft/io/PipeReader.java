package dev.weft.io;

import dev.weft.future.Context;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * The reading end of an in-memory one-way pipe made by {@link Io#simplex}. It reads what the
 * {@link PipeWriter} wrote, then the end of the stream once the writer shut down or closed.
 * Read by one task at a time; the writer may be on another thread. A cancelled
 * {@link #read} loses no bytes.
 *
 * {@snippet :
 * Io.Simplex pipe = Io.simplex(4096);
 * ByteBuffer buf = ByteBuffer.allocate(512);
 * int n = pipe.reader().read(buf).await();
 * }
 */
public final class PipeReader implements AsyncRead, AutoCloseable {
    private static final String NAME = "PipeReader";

    private final Pipe pipe;

    PipeReader(Pipe pipe) {
        this.pipe = pipe;
    }

    @Override
    public int pollRead(Context cx, ByteBuffer dst) throws IOException {
        return pipe.pollRead(cx, dst, NAME);
    }

    /** {@return how many bytes were written and not read yet} */
    public int buffered() {
        return pipe.buffered();
    }

    /**
     * Closes the reading end (idempotent): unread bytes are dropped and the writer's writes
     * fail with "broken pipe"; a later read here fails with a
     * {@link java.nio.channels.ClosedChannelException}.
     */
    @Override
    public void close() {
        pipe.closeRead();
    }
}
