package dev.weft.net;

import dev.weft.future.Context;
import dev.weft.future.Poll;
import dev.weft.io.reactor.Registration;
import dev.weft.runtime.internal.Drivers;
import java.io.IOException;
import java.net.SocketAddress;
import java.nio.channels.SelectionKey;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.function.Function;

/** A listening channel on the reactor, shared by {@link TcpListener} and {@link UnixListener}. */
final class ListenerIo {
    final ServerSocketChannel channel;
    final Registration reg;

    private ListenerIo(ServerSocketChannel channel, Registration reg) {
        this.channel = channel;
        this.reg = reg;
    }

    /** Binds {@code ch} to {@code address} and registers it; closes it on failure. */
    static ListenerIo bind(ServerSocketChannel ch, SocketAddress address, int backlog) throws IOException {
        try {
            var io = Drivers.io();
            ch.bind(address, backlog);
            return new ListenerIo(ch, io.register(ch, SelectionKey.OP_ACCEPT, 0));
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    <S> Poll<S> pollAccept(Context cx, Function<SocketIo, S> wrap) {
        try {
            for (;;) {
                int r = reg.readiness();
                if (!reg.ready(cx, Registration.READ, r)) {
                    return Poll.pending();
                }
                SocketChannel s = channel.accept();
                if (s != null) {
                    return Poll.ready(wrap.apply(SocketIo.register(s, true)));
                }
                if (!reg.clearReadiness(cx, Registration.READ, r)) {
                    return Poll.pending();
                }
            }
        } catch (IOException e) {
            return Poll.failed(e);
        }
    }
}
