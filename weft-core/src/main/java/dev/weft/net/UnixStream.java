package dev.weft.net;

import dev.weft.future.internal.Args;
import dev.weft.io.IoFuture;
import java.net.UnixDomainSocketAddress;
import java.nio.file.Path;

/**
 * A connected Unix domain socket (Tokio's {@code UnixStream}): an
 * {@link dev.weft.io.AsyncRead AsyncRead} and {@link dev.weft.io.AsyncWrite AsyncWrite} on the
 * runtime's reactor, with the threading, fault and cancel-safety rules of {@link TcpStream}.
 *
 * {@snippet :
 * try (UnixStream s = UnixStream.connect(Path.of("/tmp/app.sock")).await()) {
 *     s.writeAll(ByteBuffer.wrap("ping\n".getBytes())).await();
 * }
 * }
 */
public final class UnixStream extends SocketStream {
    UnixStream(SocketIo io) {
        super(io);
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
    public String toString() {
        return "UnixStream[" + io.channel + "]";
    }
}
