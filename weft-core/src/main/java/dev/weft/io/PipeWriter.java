package dev.weft.io;

import dev.weft.future.Context;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * The writing end of an in-memory one-way pipe made by {@link Io#simplex}. A write waits while
 * the pipe holds its maximum; {@link #shutdown()} or {@link #close()} gives the reader the end
 * of the stream after the bytes written. Writes fail with an {@link IOException} ("broken
 * pipe") once the reader is closed. Written by one task at a time; the reader may be on
 * another thread. A cancelled {@link #write} wrote nothing.
 *
 * {@snippet :
 * Io.Simplex pipe = Io.simplex(4096);
 * pipe.writer().writeAll(ByteBuffer.wrap(payload)).await();
 * pipe.writer().close();     // the reader reads the end of the stream after the payload
 * }
 */
public final class PipeWriter implements AsyncWrite, AutoCloseable {
    private static final String NAME = "PipeWriter";

    private final Pipe pipe;

    PipeWriter(Pipe pipe) {
        this.pipe = pipe;
    }

    @Override
    public int pollWrite(Context cx, ByteBuffer src) throws IOException {
        return pipe.pollWrite(cx, src, NAME);
    }

    /** Done at once: written bytes are already readable. */
    @Override
    public boolean pollFlush(Context cx) throws IOException {
        pipe.checkFlushable(NAME);
        return true;
    }

    /** Done at once: the reader reads the end of the stream after what was written. */
    @Override
    public boolean pollShutdown(Context cx) throws IOException {
        pipe.shutdownWrite(NAME);
        return true;
    }

    /** {@return how many bytes were written and not read yet} */
    public int buffered() {
        return pipe.buffered();
    }

    /**
     * Closes the writing end (idempotent): the reader reads the end of the stream after what
     * was written; a later use of this end fails with a
     * {@link java.nio.channels.ClosedChannelException}.
     */
    @Override
    public void close() {
        pipe.closeWrite();
    }
}
