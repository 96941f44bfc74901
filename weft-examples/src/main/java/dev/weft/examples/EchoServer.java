package dev.weft.examples;

import dev.weft.Weft;
import dev.weft.io.Io;
import dev.weft.net.TcpListener;
import dev.weft.net.TcpStream;
import dev.weft.runtime.JoinHandle;
import dev.weft.runtime.Runtime;
import dev.weft.runtime.ThreadPerCore;
import java.io.IOException;
import java.net.SocketAddress;
import java.nio.ByteBuffer;

/**
 * The seed's TCP echo server: a task per connection, a 1 KiB buffer, read errors and write
 * errors logged with the peer's address. {@code ./weft example echo-server [port]
 * [--thread-per-core]} (default 8080; 0 picks a free port and prints it; the option runs it on
 * every core, a listener per core).
 */
public final class EchoServer {
    private EchoServer() {
    }

    /** Serves one connection until the peer closes it or an error ends it. */
    static Void serve(TcpStream socket, SocketAddress addr) {
        try (socket) {
            ByteBuffer buf = ByteBuffer.allocate(1024);
            for (;;) {
                buf.clear();
                int n;
                try {
                    n = socket.read(buf).await();
                } catch (IOException e) {
                    System.err.println("Read error from " + addr + ": " + e.getMessage());
                    return null;
                }
                if (n == Io.EOF) {
                    return null; // connection closed
                }
                buf.flip();
                try {
                    socket.writeAll(buf).await();
                } catch (IOException e) {
                    System.err.println("Write error to " + addr + ": " + e.getMessage());
                    return null;
                }
            }
        }
    }

    /** Accepts forever on {@code listener}; an accept error is logged and the loop goes on. */
    static Void acceptLoop(TcpListener listener) throws Exception {
        for (;;) {
            TcpStream socket;
            try {
                socket = listener.accept().await();
            } catch (IOException e) {
                System.err.println("Accept error: " + e.getMessage());
                Weft.sleep(java.time.Duration.ofMillis(10)).await(); // e.g. out of descriptors
                continue;
            }
            SocketAddress addr = socket.peerAddress();
            Weft.spawn(() -> serve(socket, addr));
        }
    }

    public static void main(String[] args) throws Exception {
        boolean perCore = java.util.Arrays.asList(args).contains("--thread-per-core");
        String[] rest = java.util.Arrays.stream(args).filter(a -> !a.equals("--thread-per-core")).toArray(String[]::new);
        int port = rest.length > 0 ? Integer.parseInt(rest[0]) : 8080;
        if (perCore) {
            threadPerCore(port);
            return;
        }
        Weft.run(() -> {
            TcpListener listener = TcpListener.bind("127.0.0.1:" + port);
            System.out.println("Listening on port " + listener.localAddress().getPort());
            return acceptLoop(listener);
        });
    }

    /**
     * {@code --thread-per-core}: the same server on every core, each with its own listener on the
     * port (SO_REUSEPORT) and its own connections, which never leave it.
     */
    static void threadPerCore(int port) throws Exception {
        int p = port;
        if (p == 0) { // every core must bind the same port: pick a free one first
            try (var probe = new java.net.ServerSocket(0)) {
                p = probe.getLocalPort();
            }
        }
        int chosen = p;
        try (ThreadPerCore cores = Runtime.builder().enableAll().threadPerCore().build()) {
            java.util.List<JoinHandle<Void>> loops = cores.onEachCore(i -> () -> {
                TcpListener listener = TcpListener.bindReusePort("127.0.0.1:" + chosen);
                if (i == 0) {
                    System.out.println("Listening on port " + chosen + " (thread-per-core, " + cores.cores() + " cores)");
                }
                return acceptLoop(listener);
            });
            for (JoinHandle<Void> loop : loops) {
                loop.await();
            }
        }
    }
}
