package dev.weft.net;

import dev.weft.future.Context;
import dev.weft.future.Poll;
import dev.weft.future.internal.Args;
import dev.weft.io.Io;
import dev.weft.io.IoFuture;
import dev.weft.io.reactor.Registration;
import dev.weft.runtime.internal.Drivers;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.SocketOption;
import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;

/**
 * A UDP socket on the runtime's reactor (Tokio's {@code UdpSocket}).
 *
 * {@snippet :
 * UdpSocket socket = UdpSocket.bind("127.0.0.1:0");
 * ByteBuffer buf = ByteBuffer.allocate(1500);
 * SocketAddress from = socket.recvFrom(buf).await();   // buf.position() = datagram length
 * buf.flip();
 * socket.sendTo(buf, from).await();                     // echo it back
 * }
 *
 * <p>Each receive takes one datagram; bytes that do not fit the buffer are dropped, as the OS
 * does. One task may receive while another sends.
 *
 * <p>Cancel safety: every receive and send is cancel-safe — a receive that did not complete
 * took no datagram, a send that did not complete sent nothing.
 */
public final class UdpSocket implements AutoCloseable {
    private final DatagramChannel channel;
    private final Registration reg;

    private UdpSocket(DatagramChannel channel, Registration reg) {
        this.channel = channel;
        this.reg = reg;
    }

    /**
     * Binds a socket on the current runtime; port 0 picks a free port.
     *
     * @param hostPort like {@code "127.0.0.1:0"} or {@code "0.0.0.0:5353"}
     * @return the socket
     * @throws IOException if the address cannot be bound
     * @throws IllegalArgumentException if {@code hostPort} is not host:port
     * @throws IllegalStateException outside a runtime with I/O enabled
     */
    public static UdpSocket bind(String hostPort) throws IOException {
        return bind(resolve(Addresses.parse(hostPort, "hostPort")));
    }

    /**
     * Binds a socket on the current runtime.
     *
     * @param address the local address
     * @return the socket
     * @throws IOException if the address cannot be bound
     * @throws IllegalStateException outside a runtime with I/O enabled
     */
    public static UdpSocket bind(SocketAddress address) throws IOException {
        Args.notNull(address, "address");
        var io = Drivers.io();
        InetSocketAddress inet = (InetSocketAddress) address;
        DatagramChannel ch = DatagramChannel.open(inet.getAddress() instanceof java.net.Inet6Address
                ? StandardProtocolFamily.INET6 : StandardProtocolFamily.INET);
        try {
            ch.bind(address);
            return new UdpSocket(ch, io.register(ch, SelectionKey.OP_READ, SelectionKey.OP_WRITE));
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    private static InetSocketAddress resolve(Addresses.HostPort hp) throws IOException {
        InetSocketAddress a = hp.literal();
        return a != null ? a : new InetSocketAddress(InetAddress.getByName(hp.host()), hp.port());
    }

    /**
     * Sets the default peer: {@link #send} and {@link #recv} talk to it, and datagrams from
     * other addresses are dropped.
     *
     * @param hostPort the peer, host:port; a host name is resolved on the calling thread
     * @throws IOException if the address cannot be reached
     */
    public void connect(String hostPort) throws IOException {
        connect(resolve(Addresses.parse(hostPort, "hostPort")));
    }

    /**
     * Sets the default peer, as {@link #connect(String)} does, from an address already resolved.
     *
     * @param address the default peer
     * @throws IOException if the address cannot be reached
     */
    public void connect(SocketAddress address) throws IOException {
        channel.connect(Args.notNull(address, "address"));
    }

    /**
     * Receives one datagram into {@code dst} if one is waiting; otherwise registers the waker.
     *
     * @param cx the context of the poll
     * @param dst where the datagram goes; its position advances by the datagram's length
     * @return the sender's address, a failure, or pending
     */
    public Poll<SocketAddress> pollRecvFrom(Context cx, ByteBuffer dst) {
        try {
            for (;;) {
                int r = reg.readiness();
                if (!reg.ready(cx, Registration.READ, r)) {
                    return Poll.pending();
                }
                SocketAddress from = channel.receive(dst);
                if (from != null) {
                    return Poll.ready(from);
                }
                if (!reg.clearReadiness(cx, Registration.READ, r)) {
                    return Poll.pending();
                }
            }
        } catch (IOException e) {
            return Poll.failed(e);
        }
    }

    /**
     * Sends one datagram to {@code target} if the socket's buffer has room.
     *
     * @param cx the context of the poll
     * @param src the datagram, from position to limit
     * @param target where to send it
     * @return the number of bytes sent (all of them), or {@link Io#PENDING}
     * @throws IOException a fault, such as a target that cannot be reached
     */
    public int pollSendTo(Context cx, ByteBuffer src, SocketAddress target) throws IOException {
        for (;;) {
            int r = reg.readiness();
            if (!reg.ready(cx, Registration.WRITE, r)) {
                return Io.PENDING;
            }
            int n = target == null ? channel.write(src) : channel.send(src, target);
            if (n != 0 || !src.hasRemaining()) {
                return n;
            }
            if (!reg.clearReadiness(cx, Registration.WRITE, r)) {
                return Io.PENDING;
            }
        }
    }

    /**
     * Receives one datagram.
     *
     * @param dst where the datagram goes; its position advances by the datagram's length
     * @return the sender's address
     */
    public IoFuture<SocketAddress> recvFrom(ByteBuffer dst) {
        Args.notNull(dst, "dst");
        return cx -> pollRecvFrom(cx, dst);
    }

    /**
     * Sends one datagram.
     *
     * @param src the datagram, from position to limit
     * @param target where to send it
     * @return the number of bytes sent
     */
    public IoFuture<Integer> sendTo(ByteBuffer src, SocketAddress target) {
        Args.notNull(src, "src");
        Args.notNull(target, "target");
        return cx -> sendPoll(cx, src, target);
    }

    /**
     * Receives one datagram from the connected peer (see {@link #connect(SocketAddress)}).
     *
     * @param dst where the datagram goes
     * @return the datagram's length
     */
    public IoFuture<Integer> recv(ByteBuffer dst) {
        Args.notNull(dst, "dst");
        return cx -> {
            int before = dst.position();
            Poll<SocketAddress> p = pollRecvFrom(cx, dst);
            return switch (p) {
                case Poll.Ready<SocketAddress> r -> Poll.ready(dst.position() - before);
                case Poll.Failed<SocketAddress> f -> Poll.failed(f.error());
                case Poll.Pending<SocketAddress> pending -> Poll.pending();
            };
        };
    }

    /**
     * Sends one datagram to the connected peer.
     *
     * @param src the datagram
     * @return the number of bytes sent
     */
    public IoFuture<Integer> send(ByteBuffer src) {
        Args.notNull(src, "src");
        return cx -> sendPoll(cx, src, null);
    }

    private Poll<Integer> sendPoll(Context cx, ByteBuffer src, SocketAddress target) {
        try {
            int n = pollSendTo(cx, src, target);
            return n == Io.PENDING ? Poll.pending() : Poll.ready(n);
        } catch (IOException e) {
            return Poll.failed(e);
        }
    }

    /**
     * Sets a socket option.
     *
     * @param option a socket option ({@code SO_BROADCAST}, {@code SO_RCVBUF}, multicast options)
     * @param value its value
     * @param <T> the value type
     * @return this socket
     * @throws IOException if the socket is closed or the value is refused
     */
    public <T> UdpSocket setOption(SocketOption<T> option, T value) throws IOException {
        channel.setOption(Args.notNull(option, "option"), value);
        return this;
    }

    /**
     * {@return the bound address, with the port the OS picked for port 0}
     * @throws IOException if the socket is closed
     */
    public InetSocketAddress localAddress() throws IOException {
        return (InetSocketAddress) channel.getLocalAddress();
    }

    /**
     * {@return the connected peer}
     * @throws IOException if the socket is closed or not connected
     */
    public SocketAddress peerAddress() throws IOException {
        SocketAddress a = channel.getRemoteAddress();
        if (a == null) {
            throw new java.net.SocketException("the socket is not connected");
        }
        return a;
    }

    /** Closes the socket; waiting operations fail. Idempotent. */
    @Override
    public void close() {
        reg.close();
    }
}
