package dev.weft.net;

import dev.weft.future.Context;
import dev.weft.future.Poll;
import dev.weft.future.Stream;
import dev.weft.future.internal.Args;
import dev.weft.io.IoFuture;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A Unix domain socket listening for connections (Tokio's {@code UnixListener}), on Linux,
 * macOS and Windows 10+.
 *
 * {@snippet :
 * try (UnixListener listener = UnixListener.bind(Path.of("/tmp/app.sock"))) {
 *     UnixStream peer = listener.accept().await();
 *     Weft.spawn(() -> serve(peer));
 * }
 * }
 *
 * <p>The socket file is created by {@link #bind} and deleted by {@link #close()}. Faults and
 * cancel safety are those of {@link TcpListener}.
 */
public final class UnixListener implements AutoCloseable {
    private final ListenerIo io;
    private final Path path;

    private UnixListener(ListenerIo io, Path path) {
        this.io = io;
        this.path = path;
    }

    /**
     * Binds to a socket file on the current runtime.
     *
     * @param path where to create the socket file; it must not exist
     * @return the listener
     * @throws IOException if the file exists or cannot be created
     * @throws IllegalStateException outside a runtime with I/O enabled
     */
    public static UnixListener bind(Path path) throws IOException {
        Args.notNull(path, "path");
        ServerSocketChannel ch = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        return new UnixListener(ListenerIo.bind(ch, UnixDomainSocketAddress.of(path), 1024), path);
    }

    /**
     * Accepts a connection if one is waiting; otherwise registers {@code cx}'s waker.
     *
     * @param cx the context of the poll
     * @return the new connection, a failure (the listener stays usable), or pending
     */
    public Poll<UnixStream> pollAccept(Context cx) {
        return io.pollAccept(cx, UnixStream::new);
    }

    /**
     * Waits for the next connection.
     *
     * <p>Cancel safety: cancel-safe; no connection is lost.
     *
     * @return the connection, or the accept's failure
     */
    public IoFuture<UnixStream> accept() {
        return this::pollAccept;
    }

    /** {@return the connections as a never-ending stream; close the listener to stop} */
    public Stream<UnixStream> incoming() {
        return this::pollAccept;
    }

    /** {@return the socket file} */
    public Path path() {
        return path;
    }

    /** Stops listening and deletes the socket file; a waiting accept fails. Idempotent. */
    @Override
    public void close() {
        io.reg.close();
        try {
            Files.deleteIfExists(path);
        } catch (IOException ignored) {
            // the file may be gone already, or its directory unwritable: nothing to undo
        }
    }

    @Override
    public String toString() {
        return "UnixListener[" + path + "]";
    }
}
