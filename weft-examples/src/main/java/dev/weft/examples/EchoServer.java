package dev.weft.examples;

import dev.weft.Weft;
import dev.weft.io.Io;
import dev.weft.net.TcpListener;
import dev.weft.net.TcpStream;
import java.io.IOException;
import java.net.SocketAddress;
import java.nio.ByteBuffer;

/**
 * The seed's TCP echo server: a task per connection, a 1 KiB buffer, read errors and write
 * errors logged with the peer's address. {@code ./weft example echo-server [port]} (default
 * 8080; 0 picks a free port and prints it).
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
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 8080;
        Weft.run(() -> {
            TcpListener listener = TcpListener.bind("127.0.0.1:" + port);
            System.out.println("Listening on port " + listener.localAddress().getPort());
            return acceptLoop(listener);
        });
    }
}
