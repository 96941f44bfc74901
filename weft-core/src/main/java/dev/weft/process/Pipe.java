package dev.weft.process;

import dev.weft.io.blocking.BlockingChannel;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;

/**
 * The blocking calls on one end of a pipe to a child: its {@link InputStream} (stdout, stderr)
 * or its {@link OutputStream} (stdin). The JDK offers no selectable pipes, so the calls run on
 * the blocking pool. Buffers are the stream's heap buffers.
 */
final class Pipe implements BlockingChannel {
    private final InputStream in;
    private final OutputStream out;

    private Pipe(InputStream in, OutputStream out) {
        this.in = in;
        this.out = out;
    }

    static Pipe reading(InputStream in) {
        return new Pipe(in, null);
    }

    static Pipe writing(OutputStream out) {
        return new Pipe(null, out);
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        int n = in.read(dst.array(), dst.arrayOffset() + dst.position(), dst.remaining());
        if (n > 0) {
            dst.position(dst.position() + n);
        }
        return n;
    }

    @Override
    public void write(ByteBuffer src) throws IOException {
        out.write(src.array(), src.arrayOffset() + src.position(), src.remaining());
        src.position(src.limit());
        out.flush(); // the JDK's stdin stream is buffered: the child gets the bytes now
    }

    @Override
    public void close() throws IOException {
        if (in != null) {
            in.close();
        } else {
            out.close();
        }
    }
}
