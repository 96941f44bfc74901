package dev.weft.io.blocking;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;

/**
 * The blocking calls on a JDK stream: an {@link InputStream} to read (a child's stdout or
 * stderr, the process's stdin) or an {@link OutputStream} to write (a child's stdin, the
 * process's stdout or stderr). The JDK offers no selectable pipes, so the calls run on the
 * blocking pool. Buffers are the stream's heap buffers. A write flushes, so the bytes leave at
 * once; a {@link PrintStream} (which swallows faults) is asked {@code checkError()} after it.
 * A channel that does not own its stream (the process's standard streams) leaves it open when
 * it is closed.
 */
public final class StreamChannel implements BlockingChannel {
    private final InputStream in;
    private final OutputStream out;
    private final boolean owns;

    private StreamChannel(InputStream in, OutputStream out, boolean owns) {
        this.in = in;
        this.out = out;
        this.owns = owns;
    }

    /**
     * @param in the stream to read
     * @param owns whether closing the channel closes {@code in}
     * @return a channel that reads {@code in}
     */
    public static StreamChannel reading(InputStream in, boolean owns) {
        return new StreamChannel(in, null, owns);
    }

    /**
     * @param out the stream to write
     * @param owns whether closing the channel closes {@code out}
     * @return a channel that writes {@code out}
     */
    public static StreamChannel writing(OutputStream out, boolean owns) {
        return new StreamChannel(null, out, owns);
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
        out.flush(); // the JDK's streams are buffered: the reader gets the bytes now
        if (out instanceof PrintStream p && p.checkError()) {
            throw new IOException("the write to " + p + " failed (PrintStream.checkError())");
        }
    }

    @Override
    public void close() throws IOException {
        if (!owns) {
            return;
        }
        if (in != null) {
            in.close();
        } else {
            out.close();
        }
    }
}
