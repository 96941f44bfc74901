package dev.weft.io;

import dev.weft.future.Context;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * One end of an in-memory, bidirectional byte stream made by {@link Io#duplex} (Tokio's
 * {@code DuplexStream}): what one end writes, the other reads. The stand-in for a socket in
 * tests, and a pipe between tasks.
 *
 * <ul>
 *   <li><b>Backpressure:</b> each direction buffers at most {@code maxBufSize} bytes; a write
 *       to a full direction waits until the peer reads. A write may take fewer bytes than
 *       offered.
 *   <li><b>Half-close:</b> {@link #shutdown()} (or {@link #pollShutdown}) ends this end's
 *       writing: the peer reads the bytes already written, then the end of the stream. This
 *       end can still read; a later write fails with an {@link IOException}.
 *   <li><b>Close:</b> {@link #close()} ends both directions of this end: the peer reads what
 *       was written, then the end of the stream, and the peer's writes fail with an
 *       {@link IOException} ("broken pipe"); bytes the peer wrote that this end never read are
 *       dropped. Any later use of this end fails with a
 *       {@link java.nio.channels.ClosedChannelException}.
 *   <li><b>Threads:</b> an end may be read by one task and written by another at the same
 *       time (no {@link Io#split} needed); reads of one end are by one task at a time, and so
 *       are writes. Waking is per direction, so a pending read and a pending write of the same
 *       end do not disturb each other.
 *   <li><b>Cancel safety:</b> a cancelled {@code read} loses no bytes and a cancelled
 *       {@code write} wrote none (see {@link AsyncRead#read} and {@link AsyncWrite#write}).
 * </ul>
 *
 * {@snippet :
 * Io.DuplexPair p = Io.duplex(1024);
 * try (DuplexStream client = p.a(); DuplexStream server = p.b()) {
 *     Weft.spawn(() -> {                                      // an echo server
 *         Io.copy(server, server).await();
 *         return server.shutdown().await();                   // copy does not half-close
 *     });
 *     client.writeAll(ByteBuffer.wrap("hello".getBytes())).await();
 *     client.shutdown().await();
 *     String echoed = client.readToString().await();         // "hello"
 * }
 * }
 */
public final class DuplexStream implements AsyncRead, AsyncWrite, AutoCloseable {
    private static final String NAME = "DuplexStream";

    private final Pipe in;
    private final Pipe out;

    DuplexStream(Pipe in, Pipe out) {
        this.in = in;
        this.out = out;
    }

    @Override
    public int pollRead(Context cx, ByteBuffer dst) throws IOException {
        return in.pollRead(cx, dst, NAME);
    }

    @Override
    public int pollWrite(Context cx, ByteBuffer src) throws IOException {
        return out.pollWrite(cx, src, NAME);
    }

    /** Done at once: written bytes are already readable by the peer. */
    @Override
    public boolean pollFlush(Context cx) throws IOException {
        out.checkFlushable(NAME);
        return true;
    }

    /** Done at once: the peer reads the end of the stream after what was written. */
    @Override
    public boolean pollShutdown(Context cx) throws IOException {
        out.shutdownWrite(NAME);
        return true;
    }

    /** {@return how many bytes this end wrote that the peer has not read yet} */
    public int buffered() {
        return out.buffered();
    }

    /**
     * Closes this end (idempotent): the peer reads the end of the stream after what was
     * written, and its writes fail with "broken pipe". Wakes every waiting read and write of
     * both ends: the peer's to see the close, this end's to fail.
     */
    @Override
    public void close() {
        in.closeRead();
        out.closeWrite();
    }
}
