package dev.weft.net;

import dev.weft.future.Context;
import dev.weft.io.AsyncRead;
import dev.weft.io.AsyncWrite;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * What a TCP and a Unix stream have in common: reads, writes, half-close and close on the
 * reactor, through {@link SocketIo}. Public methods here are part of both streams' API.
 */
abstract class SocketStream implements AsyncRead, AsyncWrite, AutoCloseable {
    final SocketIo io;

    SocketStream(SocketIo io) {
        this.io = io;
    }

    @Override
    public final int pollRead(Context cx, ByteBuffer dst) throws IOException {
        return io.pollRead(cx, dst);
    }

    @Override
    public final int pollWrite(Context cx, ByteBuffer src) throws IOException {
        return io.pollWrite(cx, src);
    }

    /** Half-closes: the peer reads the end of the stream; reading goes on. Done at once. */
    @Override
    public final boolean pollShutdown(Context cx) throws IOException {
        io.shutdownOutput();
        return true;
    }

    /**
     * Half-closes the connection: the peer reads the end of the stream, this side may still
     * read.
     *
     * @throws IOException if the stream is closed
     */
    public final void shutdownOutput() throws IOException {
        io.shutdownOutput();
    }

    /** @return whether {@link #close()} was called (or the runtime's I/O driver shut down) */
    public final boolean isClosed() {
        return io.reg.isClosed();
    }

    /** Closes the connection; waiting operations fail. Idempotent. */
    @Override
    public final void close() {
        io.close();
    }
}
