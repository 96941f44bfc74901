package dev.weft.net;

import dev.weft.future.Context;
import dev.weft.io.Io;
import dev.weft.io.reactor.Reactor;
import dev.weft.io.reactor.Registration;
import dev.weft.runtime.internal.Drivers;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;

/**
 * The poll-based reads and writes of a connected {@link SocketChannel} on the reactor, shared
 * by {@link TcpStream} and {@link UnixStream}. The bytes move through the registration (the
 * channel's own read and write on the NIO driver, system calls on its descriptor on the epoll
 * driver). Nothing here allocates.
 */
final class SocketIo {
    final SocketChannel channel;
    final Registration reg;

    private SocketIo(SocketChannel channel, Registration reg) {
        this.channel = channel;
        this.reg = reg;
    }

    /** Registers a connected (or connecting) channel with the current runtime's reactor. */
    static SocketIo register(SocketChannel channel, boolean connected) throws IOException {
        Reactor io = Drivers.io();
        try {
            return new SocketIo(channel, io.register(channel, SelectionKey.OP_READ,
                    connected ? SelectionKey.OP_WRITE : SelectionKey.OP_CONNECT));
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    int pollRead(Context cx, ByteBuffer dst) throws IOException {
        if (!dst.hasRemaining()) {
            return 0;
        }
        for (;;) {
            int r = reg.readiness();
            if (!reg.ready(cx, Registration.READ, r)) {
                return Io.PENDING;
            }
            int room = dst.remaining();
            int n = reg.read(dst);
            if (n != 0) {
                if (n > 0 && n < room) {
                    reg.clearIfUnchanged(Registration.READ, r); // drained: the next read waits at once
                }
                return n; // bytes, or -1 = Io.EOF
            }
            if (!reg.clearReadiness(cx, Registration.READ, r)) {
                return Io.PENDING;
            }
        }
    }

    int pollWrite(Context cx, ByteBuffer src) throws IOException {
        if (!src.hasRemaining()) {
            return 0;
        }
        for (;;) {
            int r = reg.readiness();
            if (!reg.ready(cx, Registration.WRITE, r)) {
                return Io.PENDING;
            }
            int len = src.remaining();
            int n = reg.write(src);
            if (n != 0) {
                if (n < len) {
                    reg.clearIfUnchanged(Registration.WRITE, r); // the socket buffer is full
                }
                return n;
            }
            if (!reg.clearReadiness(cx, Registration.WRITE, r)) {
                return Io.PENDING;
            }
        }
    }

    /**
     * Finishes a non-blocking connect.
     *
     * @return true when connected, false if pending (waker registered)
     */
    boolean pollConnect(Context cx) throws IOException {
        for (;;) {
            int r = reg.readiness();
            checkOpen();
            if ((r & Registration.WRITE) != 0 && channel.finishConnect()) {
                connected();
                return true;
            }
            if (!reg.clearReadiness(cx, Registration.WRITE, r)) {
                return false;
            }
        }
    }

    /** The connect finished: from now on the write direction waits for writability. */
    void connected() {
        reg.setWriteOp(SelectionKey.OP_WRITE);
    }

    private void checkOpen() throws java.nio.channels.ClosedChannelException {
        if (reg.isClosed()) {
            throw new java.nio.channels.ClosedChannelException();
        }
    }

    void shutdownOutput() throws IOException {
        checkOpen();
        channel.shutdownOutput();
    }

    void close() {
        reg.close();
    }
}
