package dev.weft.net;

import dev.weft.future.Context;
import dev.weft.future.Poll;
import dev.weft.future.Stream;
import dev.weft.future.internal.Args;
import dev.weft.io.IoFuture;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.ServerSocketChannel;

/**
 * A TCP socket listening for connections (Tokio's {@code TcpListener}).
 *
 * {@snippet :
 * try (TcpListener listener = TcpListener.bind("127.0.0.1:8080")) {
 *     for (;;) {
 *         TcpStream socket = listener.accept().await();
 *         Weft.spawn(() -> serve(socket));
 *     }
 * }
 * }
 *
 * <p>{@code SO_REUSEADDR} is set, so a restarted server can bind the port of connections still
 * in {@code TIME_WAIT}. Accepting may be done by one task at a time.
 *
 * <p>Faults: an accept that fails (for example with {@code "Too many open files"} when the
 * process is out of descriptors) fails that {@code accept()} only; the listener stays open,
 * and the next accept succeeds once descriptors are free. A server loop should catch the
 * exception and go on, ideally after a short sleep.
 */
public final class TcpListener implements AutoCloseable {
    private final ListenerIo io;

    private TcpListener(ListenerIo io) {
        this.io = io;
    }

    /**
     * Binds to {@code hostPort} on the current runtime. Port 0 picks a free port: read it back
     * with {@link #localAddress()}. A host name is resolved on the calling thread.
     *
     * @param hostPort like {@code "127.0.0.1:0"} or {@code "0.0.0.0:8080"}
     * @return the listener
     * @throws IOException if the address is in use or cannot be bound
     * @throws IllegalArgumentException if {@code hostPort} is not host:port
     * @throws IllegalStateException outside a runtime with I/O enabled
     */
    public static TcpListener bind(String hostPort) throws IOException {
        Addresses.HostPort hp = Addresses.parse(hostPort, "hostPort");
        InetSocketAddress addr = hp.literal();
        if (addr == null) {
            addr = new InetSocketAddress(InetAddress.getByName(hp.host()), hp.port());
        }
        return bind(addr);
    }

    /**
     * Binds to {@code address} on the current runtime, with a backlog of 1024.
     *
     * @param address the address to listen on
     * @return the listener
     * @throws IOException if the address is in use or cannot be bound
     * @throws IllegalStateException outside a runtime with I/O enabled
     */
    public static TcpListener bind(SocketAddress address) throws IOException {
        Args.notNull(address, "address");
        ServerSocketChannel ch = ServerSocketChannel.open();
        try {
            ch.setOption(StandardSocketOptions.SO_REUSEADDR, true);
        } catch (IOException e) {
            ch.close();
            throw e;
        }
        return new TcpListener(ListenerIo.bind(ch, address, 1024));
    }

    /**
     * Binds to {@code hostPort} on the current runtime with {@code SO_REUSEPORT}: several
     * listeners, one per core of a {@link dev.weft.runtime.ThreadPerCore} runtime, share the
     * port, and the kernel spreads new connections across them. Port 0 is refused: every
     * listener must name the same port.
     *
     * {@snippet :
     * TcpListener mine = TcpListener.bindReusePort("0.0.0.0:8080");   // on each core
     * }
     *
     * @param hostPort like {@code "0.0.0.0:8080"}
     * @return the listener
     * @throws IOException if the address cannot be bound (in use without the option, say)
     * @throws IllegalArgumentException if {@code hostPort} is not host:port or its port is 0
     * @throws UnsupportedOperationException if the OS has no {@code SO_REUSEPORT}
     * @throws IllegalStateException outside a runtime with I/O enabled
     */
    public static TcpListener bindReusePort(String hostPort) throws IOException {
        Addresses.HostPort hp = Addresses.parse(hostPort, "hostPort");
        if (hp.port() == 0) {
            throw new IllegalArgumentException("hostPort must name a port for SO_REUSEPORT, got " + hostPort);
        }
        InetSocketAddress addr = hp.literal();
        if (addr == null) {
            addr = new InetSocketAddress(InetAddress.getByName(hp.host()), hp.port());
        }
        ServerSocketChannel ch = ServerSocketChannel.open();
        try {
            if (!ch.supportedOptions().contains(StandardSocketOptions.SO_REUSEPORT)) {
                throw new UnsupportedOperationException("SO_REUSEPORT is not supported on this system");
            }
            ch.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            ch.setOption(StandardSocketOptions.SO_REUSEPORT, true);
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
        return new TcpListener(ListenerIo.bind(ch, addr, 1024));
    }

    /**
     * Accepts a connection if one is waiting; otherwise registers {@code cx}'s waker.
     *
     * @param cx the context of the poll
     * @return the new connection, a failure (the listener stays usable), or pending
     */
    public Poll<TcpStream> pollAccept(Context cx) {
        return io.pollAccept(cx, TcpStream::new);
    }

    /**
     * Waits for the next connection.
     *
     * <p>Cancel safety: cancel-safe; a connection is taken from the OS only by a completing
     * accept, so none is lost.
     *
     * @return the connection, or the accept's failure
     */
    public IoFuture<TcpStream> accept() {
        return this::pollAccept;
    }

    /**
     * The connections as a stream. A failed accept is that poll's failure; the stream may be
     * polled again afterwards. It never ends by itself: close the listener to stop.
     *
     * @return a stream of accepted connections
     */
    public Stream<TcpStream> incoming() {
        return this::pollAccept;
    }

    /**
     * {@return the bound address, with the port the OS picked for port 0}
     * @throws IOException if the listener is closed
     */
    public InetSocketAddress localAddress() throws IOException {
        return (InetSocketAddress) io.channel.getLocalAddress();
    }

    /** Stops listening; a waiting accept fails. Idempotent. */
    @Override
    public void close() {
        io.reg.close();
    }

    @Override
    public String toString() {
        return "TcpListener[" + io.channel + "]";
    }
}
