package dev.weft.io;

import dev.weft.future.Context;
import dev.weft.future.internal.Args;
import dev.weft.io.blocking.BlockingStream;
import dev.weft.io.blocking.StreamChannel;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;

/**
 * The process's standard output or error as an {@link AsyncWrite} ({@link Io#stdout()},
 * {@link Io#stderr()}): one blocking write at a time on the runtime's blocking pool, through a
 * {@link BlockingStream}, so writes reach the stream in the order they were made. Shutting it
 * down flushes and leaves the JDK stream open (other code may still print).
 */
final class StdWriter implements AsyncWrite {
    private final BlockingStream stream;
    private final String name;

    /** @param out the stream to write, left open by this writer; a test passes a pipe */
    StdWriter(OutputStream out, String name) {
        this.stream = new BlockingStream(StreamChannel.writing(Args.notNull(out, "out"), false));
        this.name = name;
    }

    @Override
    public int pollWrite(Context cx, ByteBuffer src) throws IOException {
        return stream.pollWrite(cx, Args.notNull(src, "src"));
    }

    @Override
    public boolean pollFlush(Context cx) throws IOException {
        return stream.pollFlush(cx);
    }

    /** Flushes; the process's stream stays open. */
    @Override
    public boolean pollShutdown(Context cx) throws IOException {
        return stream.pollFlush(cx);
    }

    @Override
    public String toString() {
        return name;
    }
}
