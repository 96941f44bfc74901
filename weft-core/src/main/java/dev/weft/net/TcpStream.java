package dev.weft.net;

import dev.weft.future.internal.Args;
import dev.weft.io.IoFuture;
import java.io.IOException;
import java.net.SocketAddress;
import java.net.SocketOption;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;

/**
 * A TCP connection driven by the runtime's reactor (Tokio's {@code TcpStream}): an
 * {@link dev.weft.io.AsyncRead AsyncRead} and {@link dev.weft.io.AsyncWrite AsyncWrite} whose
 * operations suspend instead of blocking.
 *
 * {@snippet :
 * try (TcpStream stream = TcpStream.connect("127.0.0.1:8080").await()) {
 *     stream.setNoDelay(true);
 *     stream.writeAll(ByteBuffer.wrap("hello\n".getBytes())).await();
 *     ByteBuffer buf = ByteBuffer.allocate(1024);
 *     int n = stream.read(buf).await();
 * }
 * }
 *
 * <p>Threads. One task may read while another writes (each direction has its own waker);
 * two concurrent readers, or two concurrent writers, are not supported. Every method may be
 * called from any thread of the runtime the stream was made on.
 *
 * <p>Faults become {@link IOException}s of the operation that met them: a peer reset
 * ({@code "Connection reset"}), a write after the peer closed ({@code "Broken pipe"}), an
 * operation after {@link #close()} ({@link java.nio.channels.ClosedChannelException}), an
 * operation after the runtime shut down. A fault never reaches the worker or the reactor.
 *
 * <p>Cancel safety: {@code pollRead}/{@code read} are cancel-safe (a read that did not complete
 * took no bytes); so is {@code pollWrite}/{@code write} (a write that did not complete wrote
 * nothing). Closing the stream wakes waiting operations, which then fail.
 */
public final class TcpStream extends SocketStream {
    TcpStream(SocketIo io) {
        super(io);
    }

    /**
     * Connects to {@code hostPort}: the host is resolved on the blocking pool unless it is an
     * IP literal, and each of its addresses is tried in turn.
     *
     * <p>Cancel safety: cancelling closes the half-made connection.
     *
     * @param hostPort like {@code "127.0.0.1:8080"}, {@code "example.com:80"}, {@code "[::1]:80"}
     * @return the connection, or a failure: {@link java.net.ConnectException} if refused,
     *     {@link java.net.UnknownHostException} if the host does not resolve
     * @throws IllegalArgumentException if {@code hostPort} is not host:port
     */
    public static IoFuture<TcpStream> connect(String hostPort) {
        return ConnectFuture.to(Addresses.parse(hostPort, "hostPort"), TcpStream::new);
    }

    /**
     * Connects to a resolved address.
     *
     * @param address the peer's address
     * @return the connection, or a failure such as {@link java.net.ConnectException}
     */
    public static IoFuture<TcpStream> connect(SocketAddress address) {
        return ConnectFuture.to(Args.notNull(address, "address"), TcpStream::new);
    }

    /**
     * Takes over a connected channel (from another library), registering it with the current
     * runtime's reactor and making it non-blocking.
     *
     * @param channel a connected socket channel
     * @return the stream
     * @throws IOException if the channel is closed or not connected
     * @throws IllegalStateException outside a runtime with I/O enabled
     */
    public static TcpStream from(SocketChannel channel) throws IOException {
        Args.notNull(channel, "channel");
        if (!channel.isConnected()) {
            throw new IllegalArgumentException("channel must be connected: " + channel);
        }
        return new TcpStream(SocketIo.register(channel, true));
    }

    /**
     * Sets {@code TCP_NODELAY}.
     *
     * @param on whether to send small writes at once (disables Nagle's algorithm)
     * @throws IOException if the stream is closed
     */
    public void setNoDelay(boolean on) throws IOException {
        io.channel.setOption(StandardSocketOptions.TCP_NODELAY, on);
    }

    /**
     * {@return whether Nagle's algorithm is disabled}
     * @throws IOException if the stream is closed
     */
    public boolean noDelay() throws IOException {
        return io.channel.getOption(StandardSocketOptions.TCP_NODELAY);
    }

    /**
     * Sets a socket option ({@link StandardSocketOptions}: buffer sizes, keep-alive, linger).
     *
     * @param option the option
     * @param value its value
     * @param <T> the value type
     * @return this stream
     * @throws IOException if the stream is closed or the value is refused
     */
    public <T> TcpStream setOption(SocketOption<T> option, T value) throws IOException {
        io.channel.setOption(Args.notNull(option, "option"), value);
        return this;
    }

    /**
     * Reads a socket option.
     *
     * @param option the option
     * @param <T> the value type
     * @return the option's value
     * @throws IOException if the stream is closed
     */
    public <T> T option(SocketOption<T> option) throws IOException {
        return io.channel.getOption(Args.notNull(option, "option"));
    }

    /**
     * {@return the peer's address}
     * @throws IOException if the stream is closed
     */
    public SocketAddress peerAddress() throws IOException {
        return io.channel.getRemoteAddress();
    }

    /**
     * {@return this side's address}
     * @throws IOException if the stream is closed
     */
    public SocketAddress localAddress() throws IOException {
        return io.channel.getLocalAddress();
    }

    @Override
    public String toString() {
        return "TcpStream[" + io.channel + "]";
    }
}
