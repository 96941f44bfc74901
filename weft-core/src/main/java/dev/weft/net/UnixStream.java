package dev.weft.net;

import dev.weft.future.Context;
import dev.weft.future.internal.Args;
import dev.weft.io.AsyncRead;
import dev.weft.io.AsyncWrite;
import dev.weft.io.IoFuture;
import java.io.IOException;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.file.Path;

/**
 * A connected Unix domain socket (Tokio's {@code UnixStream}): an {@link AsyncRead} and
 * {@link AsyncWrite} on the runtime's reactor, with the threading, fault and cancel-safety
 * rules of {@link TcpStream}.
 *
 * {@snippet :
 * try (UnixStream s = UnixStream.connect(Path.of("/tmp/app.sock")).await()) {
 *     s.writeAll(ByteBuffer.wrap("ping\n".getBytes())).await();
 * }
 * }
 */
public final class UnixStream implements AsyncRead, AsyncWrite, AutoCloseable {
    private final SocketIo io;

    UnixStream(SocketIo io) {
        this.io = io;
    }

    /**
     * Connects to the socket file at {@code path}.
     *
     * @param path the listener's socket file
     * @return the connection, or a failure ({@link java.net.SocketException} if nobody listens)
     */
    public static IoFuture<UnixStream> connect(Path path) {
        return ConnectFuture.to(UnixDomainSocketAddress.of(Args.notNull(path, "path")), UnixStream::new);
    }

    @Override
    public int pollRead(Context cx, ByteBuffer dst) throws IOException {
        return io.pollRead(cx, dst);
    }

    @Override
    public int pollWrite(Context cx, ByteBuffer src) throws IOException {
        return io.pollWrite(cx, src);
    }

    /** Half-closes: the peer reads the end of the stream; reading goes on. Done at once. */
    @Override
    public boolean pollShutdown(Context cx) throws IOException {
        io.shutdownOutput();
        return true;
    }

    /**
     * Half-closes the connection.
     *
     * @throws IOException if the stream is closed
     */
    public void shutdownOutput() throws IOException {
        io.shutdownOutput();
    }

    /** @return whether {@link #close()} was called (or the runtime's I/O driver shut down) */
    public boolean isClosed() {
        return io.reg.isClosed();
    }

    /** Closes the connection; waiting operations fail. Idempotent. */
    @Override
    public void close() {
        io.close();
    }

    @Override
    public String toString() {
        return "UnixStream[" + io.channel + "]";
    }
}
