package dev.weft.net;

import dev.weft.future.Context;
import dev.weft.future.Poll;
import dev.weft.io.IoFuture;
import dev.weft.runtime.Handle;
import dev.weft.runtime.JoinHandle;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ProtocolFamily;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.util.function.Function;

/**
 * Connects a socket: resolves the host on the blocking pool (unless it is an IP literal), then
 * tries each address in turn until one accepts (Tokio's order), failing with the last error.
 *
 * @param <S> the stream type (TCP or Unix)
 */
final class ConnectFuture<S> implements IoFuture<S> {
    private final String host;
    private final int port;
    private final Function<SocketIo, S> wrap;
    private SocketAddress[] targets;
    private JoinHandle<InetAddress[]> resolving;
    private int next;
    private SocketIo current;
    private IOException lastError;
    private boolean done;

    private ConnectFuture(String host, int port, SocketAddress[] targets, Function<SocketIo, S> wrap) {
        this.host = host;
        this.port = port;
        this.targets = targets;
        this.wrap = wrap;
    }

    static <S> ConnectFuture<S> to(SocketAddress target, Function<SocketIo, S> wrap) {
        return new ConnectFuture<>(null, 0, new SocketAddress[] {target}, wrap);
    }

    static <S> ConnectFuture<S> to(Addresses.HostPort hp, Function<SocketIo, S> wrap) {
        InetSocketAddress literal = hp.literal();
        return literal != null ? to(literal, wrap) : new ConnectFuture<>(hp.host(), hp.port(), null, wrap);
    }

    @Override
    public Poll<S> poll(Context cx) {
        if (done) {
            throw new IllegalStateException("connect future polled after it completed");
        }
        if (targets == null) {
            Poll<SocketAddress[]> r = pollResolve(cx);
            if (!r.isReady()) {
                return Poll.pending();
            }
            if (r instanceof Poll.Failed<SocketAddress[]> f) {
                done = true;
                return Poll.failed(f.error());
            }
            targets = r.get();
        }
        for (;;) {
            try {
                if (current == null) {
                    if (next == targets.length) {
                        done = true;
                        return Poll.failed(lastError);
                    }
                    SocketAddress target = targets[next++];
                    SocketChannel ch = SocketChannel.open(family(target));
                    boolean connected;
                    try {
                        ch.configureBlocking(false);
                        // connect, then register: a socket added to epoll before its connect
                        // starts reports a hang-up (an unconnected socket), a final state
                        connected = ch.connect(target);
                    } catch (IOException | RuntimeException e) {
                        ch.close();
                        throw e;
                    }
                    current = SocketIo.register(ch, connected);
                    if (connected) {
                        return finish();
                    }
                }
                if (!current.pollConnect(cx)) {
                    return Poll.pending();
                }
                return finish();
            } catch (IOException e) {
                if (current != null) {
                    current.close();
                    current = null;
                }
                lastError = e;
            }
        }
    }

    private Poll<S> finish() {
        SocketIo io = current;
        current = null;
        done = true;
        return Poll.ready(wrap.apply(io));
    }

    private Poll<SocketAddress[]> pollResolve(Context cx) {
        if (resolving == null) {
            String h = host;
            resolving = Handle.current().spawnBlocking(() -> InetAddress.getAllByName(h));
        }
        Poll<InetAddress[]> r = resolving.poll(cx);
        return switch (r) {
            case Poll.Pending<InetAddress[]> pending -> Poll.pending();
            case Poll.Failed<InetAddress[]> f -> Poll.failed(f.error());
            case Poll.Ready<InetAddress[]> ready -> {
                InetAddress[] all = ready.value();
                SocketAddress[] out = new SocketAddress[all.length];
                for (int i = 0; i < all.length; i++) {
                    out[i] = new InetSocketAddress(all[i], port);
                }
                yield Poll.ready(out);
            }
        };
    }

    private static ProtocolFamily family(SocketAddress a) {
        if (a instanceof UnixDomainSocketAddress) {
            return StandardProtocolFamily.UNIX;
        }
        InetSocketAddress inet = (InetSocketAddress) a;
        return inet.getAddress() instanceof java.net.Inet6Address ? StandardProtocolFamily.INET6
                : StandardProtocolFamily.INET;
    }

    /** Closes a half-made connection and stops a resolution in flight. */
    @Override
    public void cancel() {
        if (resolving != null && targets == null) {
            resolving.abort();
        }
        if (current != null) {
            current.close();
            current = null;
        }
        done = true;
    }
}
