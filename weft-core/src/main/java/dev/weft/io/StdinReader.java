package dev.weft.io;

import dev.weft.future.Context;
import dev.weft.future.internal.Args;
import dev.weft.io.blocking.BlockingStream;
import dev.weft.io.blocking.StreamChannel;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;

/**
 * The process's standard input as an {@link AsyncRead} ({@link Io#stdin()}): blocking reads of
 * the JDK stream on the runtime's blocking pool, through a {@link BlockingStream}, whose buffer
 * keeps the bytes of a read that was abandoned for the next read.
 */
final class StdinReader implements AsyncRead {
    private final BlockingStream stream;
    private final String name;

    /** @param in the stream to read, left open by this reader; a test passes a pipe */
    StdinReader(InputStream in, String name) {
        this.stream = new BlockingStream(StreamChannel.reading(Args.notNull(in, "in"), false));
        this.name = name;
    }

    @Override
    public int pollRead(Context cx, ByteBuffer dst) throws IOException {
        return stream.pollRead(cx, Args.notNull(dst, "dst"));
    }

    @Override
    public String toString() {
        return name;
    }
}
